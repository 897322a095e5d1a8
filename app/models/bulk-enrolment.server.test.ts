import { expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { hashPassword } from "~/utils/password.server";
import { makeCourse, makeUser, uid } from "../../test/factories";
import { acceptInvitation, bulkEnrol, findInvitation } from "./bulk-enrolment.server";
import { createCohort, enrol } from "./enrolments.server";

async function setup() {
  const admin = await makeUser("ADMIN");
  const course = await makeCourse();
  await createCohort({ actor: admin, courseId: course.id, input: { name: "Hanoi, March 2027", capacity: 3 } });
  await createCohort({ actor: admin, courseId: course.id, input: { name: "Vientiane, May 2027" } });
  return { admin, course };
}

test("good rows are applied, bad rows are reported with their line, existing people are enrolled and new ones invited", async () => {
  const { admin, course } = await setup();
  const known = await makeUser("LEARNER", "Known Officer");
  const enrolled = await makeUser("LEARNER", "Already In");
  await enrol({ user: enrolled, courseSlug: course.slug, cohortId: (await prisma.cohort.findFirstOrThrow({ where: { courseId: course.id, name: "Vientiane, May 2027" } })).id });
  const t = uid();
  const csv = [
    "email,name,country,agency,cohort",
    `new-${t}@police.gov.la,Souphanh K.,LA,Ministry of Public Security,"Hanoi, March 2027"`,
    `${known.email},Known Officer,VN,,Vientiane, May 2027`.replace("Vientiane, May 2027", '"Vientiane, May 2027"'),
    `not-an-email,Bad Email,KH,,"Hanoi, March 2027"`,
    `${enrolled.email},Already In,TH,,"Vientiane, May 2027"`,
    `other-${t}@police.gov.kh,Unknown Cohort,KH,,Phnom Penh 2030`,
  ].join("\n");
  const report = await bulkEnrol({ actor: admin, courseId: course.id, csvText: csv, allOrNothing: false });
  expect(report.applied).toBe(true);
  expect(report.rows.map((r) => [r.line, r.outcome, r.problems.map((p) => p.code)])).toEqual([
    [2, "invited", []],
    [3, "enrolled", []],
    [4, "invalid", ["email.invalid"]],
    [5, "already", []],
    [6, "invalid", ["cohort.unknown"]],
  ]);
  const invited = await prisma.user.findUniqueOrThrow({ where: { email: `new-${t}@police.gov.la` }, include: { enrolments: true } });
  expect(invited).toMatchObject({ passwordHash: null, country: "LA", agency: "Ministry of Public Security" });
  expect(invited.enrolments[0]).toMatchObject({ status: "ACTIVE" });
  const invitation = await prisma.email.findFirstOrThrow({ where: { userId: invited.id, template: "invitation" } });
  const token = (invitation.data as { inviteUrl: string }).inviteUrl.split("/invite/")[1]!;
  expect(await findInvitation(token)).toMatchObject({ status: "valid", email: invited.email });
  expect(await prisma.email.count({ where: { userId: known.id, template: "enrolment-accepted" } })).toBe(1);

  // The invitation sets a password once.
  expect(await acceptInvitation({ token, passwordHash: await hashPassword("a lighthouse over Hanoi") })).toMatchObject({ status: "accepted" });
  expect(await acceptInvitation({ token, passwordHash: "x" })).toEqual({ status: "invalid" });
  expect(await findInvitation(token)).toEqual({ status: "used" });
  expect(await findInvitation("forged-token")).toEqual({ status: "invalid" });
});

test("all or nothing: one bad row means nobody is enrolled and nothing is created", async () => {
  const { admin, course } = await setup();
  const t = uid();
  const csv = `email,name,cohort\nfirst-${t}@example.org,First,"Hanoi, March 2027"\nsecond-${t}@example.org,,"Hanoi, March 2027"\n`;
  const report = await bulkEnrol({ actor: admin, courseId: course.id, csvText: csv, allOrNothing: true });
  expect(report.applied).toBe(false);
  expect(report.counts).toMatchObject({ invalid: 1, skipped: 1 });
  expect(await prisma.user.count({ where: { email: { in: [`first-${t}@example.org`, `second-${t}@example.org`] } } })).toBe(0);
  expect(await prisma.enrolment.count({ where: { courseId: course.id } })).toBe(0);
});

test("capacity is respected in file order and only administrators may bulk-enrol", async () => {
  const { admin, course } = await setup();
  const rows = Array.from({ length: 5 }, (_, i) => `p${i}-${uid()}@example.org,Person ${i},,,"Hanoi, March 2027"`);
  const report = await bulkEnrol({ actor: admin, courseId: course.id, csvText: `email,name,country,agency,cohort\n${rows.join("\n")}`, allOrNothing: false });
  expect(report.rows.map((r) => r.outcome)).toEqual(["invited", "invited", "invited", "waitlisted", "waitlisted"]);
  const trainer = await makeUser("TRAINER");
  await expect(bulkEnrol({ actor: trainer, courseId: course.id, csvText: "email,name\n", allOrNothing: false })).rejects.toMatchObject({ status: 403 });
});

test("file-level problems stop everything with a clear code", async () => {
  const { admin, course } = await setup();
  expect((await bulkEnrol({ actor: admin, courseId: course.id, csvText: "name,country\nA,VN\n", allOrNothing: false })).fileProblems).toEqual([
    { line: 1, code: "header.missing-email" },
  ]);
});
