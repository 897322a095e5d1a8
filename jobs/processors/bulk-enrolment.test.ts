import { expect, test } from "vitest";
import type { Role } from "../../app/generated/prisma/enums";
import { prisma } from "../../app/utils/db.server";
import { hashPassword } from "../../app/utils/password.server";
import { makeCourse, makeUser, uid } from "../../test/factories";
import {
  acceptInvitation,
  checkBulkBatch,
  createBulkBatch,
  findInvitation,
  getBulkBatch,
} from "../../app/models/bulk-enrolment.server";
import { createCohort, deleteCohort, enrol } from "../../app/models/enrolments.server";
import { runBulkEnrolment } from "./bulk-enrolment";
import { sendEmail } from "./send-email";

/** Tables and columns (as text) holding `needle` anywhere in the database. */
async function rowsContaining(needle: string) {
  const tables = await prisma.$queryRaw<{ table_name: string }[]>`
    SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`;
  const found: string[] = [];
  for (const { table_name } of tables) {
    const [row] = await prisma.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM "${table_name}" t WHERE strpos(t::text, $1) > 0`,
      needle,
    );
    if (row?.n) found.push(`${table_name} (${row.n})`);
  }
  return found;
}

async function setup() {
  const admin = await makeUser("ADMIN");
  const course = await makeCourse();
  await createCohort({ actor: admin, courseId: course.id, input: { name: "Hanoi, March 2027", capacity: 3 } });
  await createCohort({ actor: admin, courseId: course.id, input: { name: "Vientiane, May 2027" } });
  return { admin, course };
}

async function upload(admin: { id: string; role: Role }, courseId: string, csv: string, allOrNothing = false) {
  const result = await createBulkBatch({
    actor: admin,
    courseId,
    fileName: "officers.csv",
    bytes: new TextEncoder().encode(csv),
    allOrNothing,
  });
  if (result.status !== "created") throw new Error(JSON.stringify(result));
  return result.batchId;
}

const batchRow = (id: string) => prisma.bulkEnrolmentBatch.findUniqueOrThrow({ where: { id } });
const report = async (id: string) => getBulkBatch({ actor: { role: "ADMIN" }, batchId: id });

test("happy path: good rows are applied, bad rows reported with their line, existing people enrolled and new ones invited", async () => {
  const { admin, course } = await setup();
  const known = await makeUser("LEARNER", "Known Officer");
  const enrolled = await makeUser("LEARNER", "Already In");
  await enrol({
    user: enrolled,
    courseSlug: course.slug,
    cohortId: (await prisma.cohort.findFirstOrThrow({ where: { courseId: course.id, name: "Vientiane, May 2027" } }))
      .id,
  });
  const t = uid();
  const csv = [
    "email,name,country,agency,cohort",
    `new-${t}@police.gov.la,Souphanh K.,LA,Ministry of Public Security,"Hanoi, March 2027"`,
    `${known.email},Known Officer,VN,,"Vientiane, May 2027"`,
    `not-an-email,Bad Email,KH,,"Hanoi, March 2027"`,
    `${enrolled.email},Already In,TH,,"Vientiane, May 2027"`,
    `other-${t}@police.gov.kh,Unknown Cohort,KH,,Phnom Penh 2030`,
  ].join("\n");
  const batchId = await upload(admin, course.id, csv);
  expect(await batchRow(batchId)).toMatchObject({
    status: "PENDING",
    total: 5,
    done: 0,
    failed: 0,
    createdById: admin.id,
  });

  expect(await runBulkEnrolment({ batchId })).toEqual({ status: "done", applied: 3 });
  expect(await batchRow(batchId)).toMatchObject({
    status: "DONE",
    applied: true,
    total: 5,
    done: 3,
    failed: 2,
    attempts: 1,
  });
  const r = await report(batchId);
  expect(r.rows.map((row) => [row.line, row.outcome, row.problems.map((p) => p.code)])).toEqual([
    [2, "invited", []],
    [3, "enrolled", []],
    [4, "invalid", ["email.invalid"]],
    [5, "already", []],
    [6, "invalid", ["cohort.unknown"]],
  ]);
  expect(r.counts).toMatchObject({ invited: 1, enrolled: 1, already: 1, invalid: 2 });

  const invited = await prisma.user.findUniqueOrThrow({
    where: { email: `new-${t}@police.gov.la` },
    include: { enrolments: { include: { events: true } } },
  });
  expect(invited).toMatchObject({ passwordHash: null, country: "LA", agency: "Ministry of Public Security" });
  expect(invited.enrolments[0]).toMatchObject({ status: "ACTIVE" });
  expect(invited.enrolments[0]!.events[0]).toMatchObject({
    action: "bulk-enrolled",
    actorId: admin.id,
    detail: { batchId, line: 2 },
  });
  const invitation = await prisma.email.findFirstOrThrow({ where: { userId: invited.id, template: "invitation" } });
  // The link is written when the mail is sent; before and after, no row holds the token.
  let sent = "";
  await sendEmail({ emailId: invitation.id }, async (mail) => {
    sent = mail.text;
    return { messageId: "test" };
  });
  const token = sent.match(/\/invite\/([\w-]+)/)![1]!;
  expect(token.length).toBeGreaterThanOrEqual(40);
  expect(await rowsContaining(token)).toEqual([]);
  expect(JSON.stringify(invitation.data)).not.toContain("/invite/");
  expect(await findInvitation(token)).toMatchObject({ status: "valid", email: invited.email });
  expect(await prisma.email.count({ where: { userId: known.id, template: "enrolment-accepted" } })).toBe(1);

  // The invitation sets a password once.
  expect(await acceptInvitation({ token, passwordHash: await hashPassword("a lighthouse over Hanoi") })).toMatchObject({
    status: "accepted",
  });
  expect(await acceptInvitation({ token, passwordHash: "x" })).toEqual({ status: "invalid" });
  expect(await findInvitation(token)).toEqual({ status: "used" });
  expect(await findInvitation("forged-token")).toEqual({ status: "invalid" });
});

test("all or nothing: one bad row means nobody is enrolled and nothing is created", async () => {
  const { admin, course } = await setup();
  const t = uid();
  const csv = `email,name,cohort\nfirst-${t}@example.org,First,"Hanoi, March 2027"\nsecond-${t}@example.org,,"Hanoi, March 2027"\nthird-${t}@example.org,Third,"Hanoi, March 2027"\n`;
  const batchId = await upload(admin, course.id, csv, true);
  expect(await runBulkEnrolment({ batchId })).toEqual({ status: "refused", applied: 0 });
  expect(await batchRow(batchId)).toMatchObject({ status: "DONE", applied: false, total: 3, done: 0, failed: 1 });
  expect((await report(batchId)).counts).toMatchObject({ invalid: 1, skipped: 2 });
  expect(
    await prisma.user.count({
      where: { email: { in: [`first-${t}@example.org`, `second-${t}@example.org`, `third-${t}@example.org`] } },
    }),
  ).toBe(0);
  expect(await prisma.enrolment.count({ where: { courseId: course.id } })).toBe(0);
  // Running it again changes nothing.
  expect(await runBulkEnrolment({ batchId })).toEqual({ status: "already-finished", applied: 0 });
  expect(await prisma.enrolment.count({ where: { courseId: course.id } })).toBe(0);
});

test("all or nothing with a clean file applies every row", async () => {
  const { admin, course } = await setup();
  const rows = Array.from({ length: 3 }, (_, i) => `aon${i}-${uid()}@example.org,Person ${i},,,"Vientiane, May 2027"`);
  const batchId = await upload(admin, course.id, `email,name,country,agency,cohort\n${rows.join("\n")}`, true);
  expect(await runBulkEnrolment({ batchId })).toEqual({ status: "done", applied: 3 });
  expect(await batchRow(batchId)).toMatchObject({ status: "DONE", applied: true, done: 3, failed: 0 });
  expect(await prisma.enrolment.count({ where: { courseId: course.id, status: "ACTIVE" } })).toBe(3);
});

test("progress counts move chunk by chunk while the batch is RUNNING", async () => {
  const { admin, course } = await setup();
  const rows = Array.from({ length: 7 }, (_, i) =>
    i === 2
      ? `broken-${i},Broken,,,"Vientiane, May 2027"`
      : `p${i}-${uid()}@example.org,Person ${i},,,"Vientiane, May 2027"`,
  );
  const batchId = await upload(admin, course.id, `email,name,country,agency,cohort\n${rows.join("\n")}`);
  const seen: { status: string; done: number; failed: number }[] = [];
  await runBulkEnrolment(
    { batchId },
    {
      chunkSize: 2,
      afterChunk: async () => {
        const b = await batchRow(batchId);
        seen.push({ status: b.status, done: b.done, failed: b.failed });
      },
    },
  );
  // The bad row is counted when the file is checked; the good ones two by two.
  expect(seen).toEqual([
    { status: "RUNNING", done: 2, failed: 1 },
    { status: "RUNNING", done: 4, failed: 1 },
    { status: "RUNNING", done: 6, failed: 1 },
  ]);
  expect(await batchRow(batchId)).toMatchObject({ status: "DONE", done: 6, failed: 1, total: 7 });
});

test("a re-run is harmless: a finished batch returns early, and a half-applied one carries on without enrolling or inviting twice", async () => {
  const { admin, course } = await setup();
  const t = uid();
  const emails = Array.from({ length: 5 }, (_, i) => `rerun${i}-${t}@example.org`);
  const batchId = await upload(
    admin,
    course.id,
    `email,name,cohort\n${emails.map((e, i) => `${e},Person ${i},"Vientiane, May 2027"`).join("\n")}`,
  );

  // The worker dies after the first chunk (two rows applied and committed).
  await expect(
    runBulkEnrolment(
      { batchId },
      {
        chunkSize: 2,
        afterChunk: () => {
          throw new Error("worker killed");
        },
      },
    ),
  ).rejects.toThrow("worker killed");
  expect(await batchRow(batchId)).toMatchObject({ status: "RUNNING", done: 2, failed: 0 });
  expect(await prisma.invitation.count({ where: { user: { email: { in: emails } } } })).toBe(2);

  // The retry applies the other three only.
  expect(await runBulkEnrolment({ batchId })).toEqual({ status: "done", applied: 3 });
  const after = await batchRow(batchId);
  expect(after).toMatchObject({ status: "DONE", done: 5, failed: 0, attempts: 2 });
  const people = await prisma.user.findMany({
    where: { email: { in: emails } },
    include: { invitations: true, enrolments: true, emails: true },
  });
  expect(people).toHaveLength(5);
  for (const p of people) {
    expect(p.invitations, p.email).toHaveLength(1);
    expect(p.enrolments, p.email).toHaveLength(1);
    expect(
      p.emails.filter((m) => m.template === "invitation"),
      p.email,
    ).toHaveLength(1);
  }
  expect(await prisma.enrolmentEvent.count({ where: { enrolment: { courseId: course.id } } })).toBe(5);

  // Once DONE, running again changes nothing at all.
  const counts = async () => ({
    enrolments: await prisma.enrolment.count({ where: { courseId: course.id } }),
    events: await prisma.enrolmentEvent.count({ where: { enrolment: { courseId: course.id } } }),
    invitations: await prisma.invitation.count({ where: { user: { email: { in: emails } } } }),
    emails: await prisma.email.count({ where: { to: { in: emails } } }),
  });
  const snapshot = await counts();
  expect(snapshot).toEqual({ enrolments: 5, events: 5, invitations: 5, emails: 5 });
  expect(await runBulkEnrolment({ batchId })).toEqual({ status: "already-finished", applied: 0 });
  expect(await batchRow(batchId)).toMatchObject({
    status: "DONE",
    done: 5,
    failed: 0,
    attempts: 2,
    finishedAt: after.finishedAt,
  });
  expect(await counts()).toEqual(snapshot);
});

test("capacity is respected in file order across chunks", async () => {
  const { admin, course } = await setup();
  const rows = Array.from({ length: 5 }, (_, i) => `cap${i}-${uid()}@example.org,Person ${i},,,"Hanoi, March 2027"`);
  const batchId = await upload(admin, course.id, `email,name,country,agency,cohort\n${rows.join("\n")}`);
  await runBulkEnrolment({ batchId }, { chunkSize: 2 });
  expect((await report(batchId)).rows.map((r) => r.outcome)).toEqual([
    "invited",
    "invited",
    "invited",
    "waitlisted",
    "waitlisted",
  ]);
});

test("a cohort deleted between the check and the apply: its rows are reported, the others applied", async () => {
  const { admin, course } = await setup();
  const t = uid();
  const csv = `email,name,cohort\nh-${t}@example.org,To Hanoi,"Hanoi, March 2027"\nv-${t}@example.org,To Vientiane,"Vientiane, May 2027"\n`;
  const batchId = await upload(admin, course.id, csv);
  expect(await checkBulkBatch({ batchId })).toEqual({ status: "checked" });
  const hanoi = await prisma.cohort.findFirstOrThrow({ where: { courseId: course.id, name: "Hanoi, March 2027" } });
  expect(await deleteCohort({ actor: admin, courseId: course.id, cohortId: hanoi.id })).toMatchObject({
    status: "deleted",
  });
  expect(await runBulkEnrolment({ batchId })).toEqual({ status: "done", applied: 2 });
  expect(await batchRow(batchId)).toMatchObject({ status: "DONE", done: 1, failed: 1 });
  expect((await report(batchId)).rows.map((r) => [r.line, r.outcome, r.problems.map((p) => p.code)])).toEqual([
    [2, "invalid", ["cohort.unknown"]],
    [3, "invited", []],
  ]);
  expect(await prisma.user.count({ where: { email: `h-${t}@example.org` } })).toBe(0);
});

test("a missing batch is reported, not thrown", async () => {
  expect(await runBulkEnrolment({ batchId: crypto.randomUUID() })).toEqual({ status: "missing", applied: 0 });
});

test("an unknown enrolment batch is 404", async () => {
  const error = await report(crypto.randomUUID()).then(
    () => null,
    (e: unknown) => e,
  );
  expect((error as Response).status).toBe(404);
});
