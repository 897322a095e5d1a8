import { expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { makeCourse, makeUser, uid } from "../../test/factories";
import {
  applyBulkBatchChunk,
  checkBulkBatch,
  createNominationBatch,
  finishBulkBatch,
  getBulkBatch,
  startBulkBatch,
} from "./bulk-enrolment.server";
import { createCohort, decideApplication, enrol, removeEnrolment, withdraw } from "./enrolments.server";
import {
  centreQueue,
  createDecisionBatch,
  endorseApplication,
  getDecisionBatch,
  nominate,
  nominationStatusLabels,
  runDecisionBatch,
} from "./nominations.server";

async function agency(country = "VN", name?: string) {
  return prisma.agency.create({ data: { name: name ?? `Agency ${uid()}`, country, type: "POLICE" } });
}

async function officer(agencyId: string | null, country = "VN") {
  const u = await makeUser("LEARNER");
  await prisma.user.update({ where: { id: u.id }, data: { agencyId, country, emailVerifiedAt: new Date() } });
  return { ...u, role: "LEARNER" as const };
}

async function focalPoint(scope: { agencyId?: string; country?: string }) {
  const u = await makeUser("LEARNER", `Focal ${uid()}`);
  await prisma.user.update({ where: { id: u.id }, data: { role: "FOCAL_POINT" } });
  await prisma.focalPointScope.create({ data: { userId: u.id, ...scope } });
  return { id: u.id, role: "FOCAL_POINT" as const };
}

async function nominationCourse(cohort: Parameters<typeof createCohort>[0]["input"] = { name: "Hanoi" }) {
  const trainer = await makeUser("TRAINER");
  const course = await makeCourse({ enrolment: "nomination", maintainerId: trainer.id });
  const created = await createCohort({ actor: trainer, courseId: course.id, input: cohort });
  if (created.status !== "created") throw new Error(created.status);
  return { course, cohort: created.cohort, trainer: { ...trainer, role: "TRAINER" as const } };
}

const statusOf = async (userId: string, courseId: string) =>
  (await prisma.enrolment.findUniqueOrThrow({ where: { userId_courseId: { userId, courseId } } })).status;
const templatesTo = async (userId: string) =>
  (await prisma.email.findMany({ where: { userId }, orderBy: { createdAt: "asc" } })).map((e) => e.template);

test("a focal point nominates an officer of their agency: waits for the centre, who accepts; each step an event and a mail", async () => {
  const a = await agency();
  const focal = await focalPoint({ agencyId: a.id });
  const person = await officer(a.id);
  const { course, cohort, trainer } = await nominationCourse();

  const nominated = await nominate({
    actor: focal,
    courseId: course.id,
    cohortId: cohort.id,
    nominee: { userId: person.id },
  });
  expect(nominated.status).toBe("nominated");
  expect(await statusOf(person.id, course.id)).toBe("PENDING");
  expect(await nominationStatusLabels({ userId: person.id })).toEqual({
    [(nominated as { enrolmentId: string }).enrolmentId]: "nomination.status.nominated",
  });
  expect(await templatesTo(person.id)).toEqual(["nomination-nominated"]);
  // Nominating twice leaves one nomination.
  expect(
    await nominate({ actor: focal, courseId: course.id, cohortId: cohort.id, nominee: { userId: person.id } }),
  ).toEqual({ status: "already", current: "PENDING" });

  const enrolmentId = (nominated as { enrolmentId: string }).enrolmentId;
  expect(await decideApplication({ actor: trainer, courseId: course.id, enrolmentId, decision: "approve" })).toEqual({
    status: "approved",
  });
  expect(await statusOf(person.id, course.id)).toBe("ACTIVE");
  expect(await templatesTo(person.id)).toEqual(["nomination-nominated", "enrolment-accepted"]);
  expect(await templatesTo(focal.id)).toEqual(["nomination-accepted"]);
  const events = await prisma.enrolmentEvent.findMany({ where: { enrolmentId }, orderBy: { createdAt: "asc" } });
  expect(events.map((e) => [e.action, e.actorId, e.toStatus])).toEqual([
    ["nominated", focal.id, "PENDING"],
    ["approved", trainer.id, "ACTIVE"],
  ]);
});

test("an officer applies, the focal point endorses, the centre declines with a reason", async () => {
  const a = await agency();
  const focal = await focalPoint({ country: "VN" });
  const person = await officer(a.id);
  const { course, trainer } = await nominationCourse();

  expect(await enrol({ user: person, courseSlug: course.slug })).toEqual({ status: "applied" });
  expect(await statusOf(person.id, course.id)).toBe("AWAITING_ENDORSEMENT");
  expect(await templatesTo(focal.id)).toEqual(["nomination-applied"]);
  const enrolment = await prisma.enrolment.findUniqueOrThrow({
    where: { userId_courseId: { userId: person.id, courseId: course.id } },
  });
  expect(await nominationStatusLabels({ userId: person.id })).toEqual({
    [enrolment.id]: "nomination.status.awaitingEndorsement",
  });
  // The centre cannot decide before the focal point.
  expect(
    await decideApplication({ actor: trainer, courseId: course.id, enrolmentId: enrolment.id, decision: "approve" }),
  ).toEqual({ status: "not-pending" });

  expect(await endorseApplication({ actor: focal, enrolmentId: enrolment.id, decision: "endorse" })).toEqual({
    status: "endorsed",
  });
  expect(await statusOf(person.id, course.id)).toBe("PENDING");
  expect(await nominationStatusLabels({ userId: person.id })).toEqual({ [enrolment.id]: "nomination.status.endorsed" });
  expect(await endorseApplication({ actor: focal, enrolmentId: enrolment.id, decision: "endorse" })).toEqual({
    status: "not-awaiting",
  });

  expect(
    await decideApplication({ actor: trainer, courseId: course.id, enrolmentId: enrolment.id, decision: "reject" }),
  ).toEqual({ status: "reason-required" });
  expect(
    await decideApplication({
      actor: trainer,
      courseId: course.id,
      enrolmentId: enrolment.id,
      decision: "reject",
      reason: "Places are for investigators this year",
    }),
  ).toEqual({ status: "rejected" });
  expect(await templatesTo(person.id)).toEqual(["nomination-endorsed", "enrolment-rejected"]);
  expect(await templatesTo(focal.id)).toEqual(["nomination-applied", "nomination-rejected"]);
  const events = await prisma.enrolmentEvent.findMany({
    where: { enrolmentId: enrolment.id },
    orderBy: { createdAt: "asc" },
  });
  expect(events.map((e) => [e.action, e.actorId])).toEqual([
    ["applied", person.id],
    ["endorsed", focal.id],
    ["rejected", trainer.id],
  ]);
});

test("the focal point declines an application with a reason; without a focal point nobody can apply", async () => {
  const a = await agency("KH");
  const focal = await focalPoint({ agencyId: a.id });
  const person = await officer(a.id, "KH");
  const { course } = await nominationCourse();
  await enrol({ user: person, courseSlug: course.slug });
  const e = await prisma.enrolment.findUniqueOrThrow({
    where: { userId_courseId: { userId: person.id, courseId: course.id } },
  });
  expect(await endorseApplication({ actor: focal, enrolmentId: e.id, decision: "decline" })).toEqual({
    status: "reason-required",
  });
  expect(
    await endorseApplication({ actor: focal, enrolmentId: e.id, decision: "decline", reason: "Not an investigator" }),
  ).toEqual({ status: "declined" });
  const after = await prisma.enrolment.findUniqueOrThrow({ where: { id: e.id } });
  expect([after.status, after.decisionReason, after.decidedById]).toEqual([
    "REJECTED",
    "Not an investigator",
    focal.id,
  ]);
  expect(await templatesTo(person.id)).toEqual(["nomination-declined"]);
  // An officer whose agency no focal point covers is told so, and nothing is written.
  const alone = await officer((await agency("LA")).id, "LA");
  expect(await enrol({ user: alone, courseSlug: course.slug })).toEqual({ status: "no-focal-point" });
  expect(await prisma.enrolment.count({ where: { userId: alone.id } })).toBe(0);
});

test("a focal point reaches only their scope: other agencies' officers are refused and their applications not found", async () => {
  const mine = await agency("VN");
  const child = await prisma.agency.create({
    data: { name: `Cyber unit ${uid()}`, country: "VN", type: "POLICE", parentId: mine.id },
  });
  const theirs = await agency("KH");
  const focal = await focalPoint({ agencyId: mine.id });
  await focalPoint({ agencyId: theirs.id });
  const { course, cohort } = await nominationCourse();

  const outsider = await officer(theirs.id, "KH");
  expect(
    await nominate({ actor: focal, courseId: course.id, cohortId: cohort.id, nominee: { userId: outsider.id } }),
  ).toEqual({ status: "out-of-scope" });
  const stateless = await officer(null);
  expect(
    await nominate({ actor: focal, courseId: course.id, cohortId: cohort.id, nominee: { userId: stateless.id } }),
  ).toEqual({ status: "out-of-scope" });
  // Inviting someone new into an agency outside the scope is refused too.
  expect(
    await nominate({
      actor: focal,
      courseId: course.id,
      cohortId: cohort.id,
      nominee: { email: `new-${uid()}@example.org`, name: "New Person", agencyId: theirs.id },
    }),
  ).toEqual({ status: "out-of-scope" });
  // The child agency is in scope.
  const unitOfficer = await officer(child.id);
  expect(
    (await nominate({ actor: focal, courseId: course.id, cohortId: cohort.id, nominee: { userId: unitOfficer.id } }))
      .status,
  ).toBe("nominated");

  await enrol({ user: outsider, courseSlug: course.slug });
  const foreign = await prisma.enrolment.findUniqueOrThrow({
    where: { userId_courseId: { userId: outsider.id, courseId: course.id } },
  });
  await expect(
    endorseApplication({ actor: focal, enrolmentId: foreign.id, decision: "endorse" }),
  ).rejects.toMatchObject({ status: 404 });
  // Only focal points nominate; a trainer is refused outright.
  const trainer = await makeUser("TRAINER");
  await expect(
    nominate({ actor: trainer, courseId: course.id, cohortId: cohort.id, nominee: { userId: unitOfficer.id } }),
  ).rejects.toMatchObject({ status: 403 });
  // A course that is not a nomination course takes no nominations.
  const open = await makeCourse();
  expect(await nominate({ actor: focal, courseId: open.id, nominee: { userId: unitOfficer.id } })).toEqual({
    status: "unknown-course",
  });
});

test("a focal point invites someone without an account: account in their agency, invitation, nomination", async () => {
  const a = await agency("VN");
  const focal = await focalPoint({ agencyId: a.id });
  const { course, cohort } = await nominationCourse();
  const email = `Invited-${uid()}@Example.org`;
  const result = await nominate({
    actor: focal,
    courseId: course.id,
    cohortId: cohort.id,
    nominee: { email, name: "Nguyen Van Moi", agencyId: a.id },
  });
  expect(result.status).toBe("invited");
  const user = await prisma.user.findUniqueOrThrow({
    where: { email: email.toLowerCase() },
    include: { invitations: true, enrolments: true },
  });
  expect([user.agencyId, user.country, user.passwordHash, user.invitations.length]).toEqual([a.id, "VN", null, 1]);
  expect(user.enrolments.map((e) => [e.status, e.nominatedById])).toEqual([["PENDING", focal.id]]);
  const mail = await prisma.email.findFirstOrThrow({ where: { userId: user.id } });
  expect(mail.template).toBe("nomination-invited");
  expect((mail.data as { invitationId: string }).invitationId).toBe(user.invitations[0]!.id);
});

test("quotas: 1 place per agency and 2 per country; the full quota waits on its list, others still get places", async () => {
  const [vn1, vn2, kh] = [await agency("VN"), await agency("VN"), await agency("KH")];
  const { course, cohort, trainer } = await nominationCourse({
    name: "Shared",
    capacity: 10,
    quotaPerAgency: 1,
    quotaPerCountry: 2,
  });
  const focal = await focalPoint({ country: "VN" });
  const khFocal = await focalPoint({ country: "KH" });
  const people = [await officer(vn1.id), await officer(vn1.id), await officer(vn2.id), await officer(vn2.id)];
  const khOfficer = await officer(kh.id, "KH");
  const decide = async (actorFocal: typeof focal, p: { id: string }) => {
    const n = await nominate({
      actor: actorFocal,
      courseId: course.id,
      cohortId: cohort.id,
      nominee: { userId: p.id },
    });
    return decideApplication({
      actor: trainer,
      courseId: course.id,
      enrolmentId: (n as { enrolmentId: string }).enrolmentId,
      decision: "approve",
    });
  };
  expect((await decide(focal, people[0]!)).status).toBe("approved");
  expect((await decide(focal, people[1]!)).status).toBe("waitlisted"); // vn1's one place is taken
  expect((await decide(focal, people[2]!)).status).toBe("approved"); // VN's second place
  expect((await decide(focal, people[3]!)).status).toBe("waitlisted"); // vn2 and VN both full
  expect((await decide(khFocal, khOfficer)).status).toBe("approved"); // another country
  expect(await templatesTo(focal.id)).toContain("nomination-waitlisted");

  // The place freed by vn1's officer goes to vn1's next officer, though vn2's waited as long.
  const first = await prisma.enrolment.findUniqueOrThrow({
    where: { userId_courseId: { userId: people[0]!.id, courseId: course.id } },
  });
  const admin = await makeUser("ADMIN");
  expect(await removeEnrolment({ actor: admin, enrolmentId: first.id, reason: "Left the service" })).toEqual({
    status: "done",
    promoted: 1,
  });
  expect(await statusOf(people[1]!.id, course.id)).toBe("ACTIVE");
  expect(await statusOf(people[3]!.id, course.id)).toBe("WAITLISTED");
});

test("a freed place goes to the same country first, then to the open list once the quotas have ended", async () => {
  const [vn, kh, la] = [await agency("VN"), await agency("KH"), await agency("LA")];
  const past = new Date(Date.now() - 1000);
  const { course, cohort, trainer } = await nominationCourse({ name: "Two", capacity: 2, quotaPerCountry: 1 });
  const focals = {
    VN: await focalPoint({ country: "VN" }),
    KH: await focalPoint({ country: "KH" }),
    LA: await focalPoint({ country: "LA" }),
  };
  const ids: Record<string, string> = {};
  const accept = async (country: "VN" | "KH" | "LA", agencyId: string, tag: string) => {
    const p = await officer(agencyId, country);
    ids[tag] = p.id;
    const n = await nominate({
      actor: focals[country],
      courseId: course.id,
      cohortId: cohort.id,
      nominee: { userId: p.id },
    });
    return (
      await decideApplication({
        actor: trainer,
        courseId: course.id,
        enrolmentId: (n as { enrolmentId: string }).enrolmentId,
        decision: "approve",
      })
    ).status;
  };
  expect(await accept("VN", vn.id, "vn1")).toBe("approved");
  expect(await accept("LA", la.id, "la1")).toBe("approved");
  expect(await accept("LA", la.id, "la2")).toBe("waitlisted"); // capacity (and LA's quota)
  expect(await accept("KH", kh.id, "kh1")).toBe("waitlisted"); // capacity
  expect(await accept("VN", vn.id, "vn2")).toBe("waitlisted");
  // vn1 withdraws: VN's next (vn2) is preferred over kh1, who waited longer (la2 is over LA's quota).
  expect(await withdraw({ user: { id: ids.vn1!, role: "LEARNER" }, courseSlug: course.slug })).toMatchObject({
    promoted: 1,
  });
  expect(await statusOf(ids.vn2!, course.id)).toBe("ACTIVE");
  // Quotas end: la1 leaves; la2 (first in line) takes the place, though LA had a quota of 1 before.
  await prisma.cohort.update({ where: { id: cohort.id }, data: { quotasEndAt: past } });
  await withdraw({ user: { id: ids.vn2!, role: "LEARNER" }, courseSlug: course.slug });
  expect(await statusOf(ids.la2!, course.id)).toBe("ACTIVE");
  expect(await statusOf(ids.kh1!, course.id)).toBe("WAITLISTED");
});

test("two centre decisions taking the last place at once: one wins, one waits", async () => {
  const a = await agency("VN");
  const focal = await focalPoint({ agencyId: a.id });
  const { course, cohort, trainer } = await nominationCourse({ name: "Last place", capacity: 1 });
  const admin = { ...(await makeUser("ADMIN")), role: "ADMIN" as const };
  const ids: string[] = [];
  for (let i = 0; i < 2; i++) {
    const p = await officer(a.id);
    const n = await nominate({ actor: focal, courseId: course.id, cohortId: cohort.id, nominee: { userId: p.id } });
    ids.push((n as { enrolmentId: string }).enrolmentId);
  }
  const results = await Promise.all([
    decideApplication({ actor: trainer, courseId: course.id, enrolmentId: ids[0]!, decision: "approve" }),
    decideApplication({ actor: admin, courseId: course.id, enrolmentId: ids[1]!, decision: "approve" }),
  ]);
  expect(results.map((r) => r.status).sort()).toEqual(["approved", "waitlisted"]);
  expect(await prisma.enrolment.count({ where: { cohortId: cohort.id, status: "ACTIVE" } })).toBe(1);
});

test("the centre's queue across courses, filtered, and a bulk decision run row by row with its report", async () => {
  const [vn, kh] = [await agency("VN"), await agency("KH")];
  const focalVn = await focalPoint({ agencyId: vn.id });
  const focalKh = await focalPoint({ agencyId: kh.id });
  const one = await nominationCourse({ name: "A", capacity: 1 });
  const two = await nominationCourse({ name: "B" });
  const nominateTo = async (c: typeof one, f: typeof focalVn, agencyId: string, country: string) => {
    const p = await officer(agencyId, country);
    const n = await nominate({ actor: f, courseId: c.course.id, cohortId: c.cohort.id, nominee: { userId: p.id } });
    return (n as { enrolmentId: string }).enrolmentId;
  };
  const e1 = await nominateTo(one, focalVn, vn.id, "VN");
  const e2 = await nominateTo(one, focalKh, kh.id, "KH");
  const e3 = await nominateTo(two, focalKh, kh.id, "KH");
  const admin = { ...(await makeUser("ADMIN")), role: "ADMIN" as const };

  const byCountry = await centreQueue({ actor: admin, filters: { country: "KH", courseId: one.course.id } });
  expect(byCountry.rows.map((r) => r.id)).toEqual([e2]);
  // A trainer sees only their own courses' items; a learner has no queue at all.
  const trainerQueue = await centreQueue({ actor: two.trainer, filters: {} });
  expect(trainerQueue.rows.map((r) => r.id)).toEqual([e3]);
  await expect(centreQueue({ actor: { id: admin.id, role: "LEARNER" }, filters: {} })).rejects.toMatchObject({
    status: 403,
  });
  // A trainer's batch leaves out what is not theirs.
  expect(await createDecisionBatch({ actor: two.trainer, enrolmentIds: [e1], decision: "accept" })).toEqual({
    status: "none-selected",
  });
  expect(await createDecisionBatch({ actor: admin, enrolmentIds: [e1], decision: "decline" })).toEqual({
    status: "reason-required",
  });

  const created = await createDecisionBatch({ actor: admin, enrolmentIds: [e1, e2, e3], decision: "accept" });
  expect(created.status).toBe("created");
  const batchId = (created as { batchId: string }).batchId;
  // Someone decides one of them by hand meanwhile.
  await decideApplication({
    actor: admin,
    courseId: two.course.id,
    enrolmentId: e3,
    decision: "reject",
    reason: "Duplicate",
  });
  let seen = 0;
  expect(await runDecisionBatch({ batchId, afterRow: () => void seen++ })).toEqual({ status: "done" });
  expect(seen).toBe(3);
  const batch = await getDecisionBatch({ actor: admin, batchId });
  expect([batch.status, batch.done, batch.failed]).toEqual(["DONE", 2, 1]);
  expect(batch.rows.map((r) => r.outcome)).toEqual(["accepted", "waitlisted", "not-pending"]);
  // Running it again changes nothing.
  expect(await runDecisionBatch({ batchId })).toEqual({ status: "already-finished" });
  // Another trainer may not see it.
  await expect(getDecisionBatch({ actor: two.trainer, batchId })).rejects.toMatchObject({ status: 404 });
});

test("a nomination file: each row through the same rules, with the row-by-row report", async () => {
  const mine = await agency("VN", `Cyber ${uid()}`);
  const theirs = await agency("KH");
  const focal = await focalPoint({ agencyId: mine.id });
  const { course, cohort } = await nominationCourse({ name: "Hanoi, March 2027" });
  const known = await officer(mine.id);
  const outsider = await officer(theirs.id, "KH");
  const fresh = `fresh-${uid()}@example.org`;
  const csv = [
    "email,name,agency,cohort",
    `${known.email},Known Officer,,"Hanoi, March 2027"`,
    `${fresh},Fresh Officer,${mine.name.toUpperCase()},"Hanoi, March 2027"`,
    `${outsider.email},Outsider,,"Hanoi, March 2027"`,
    `not-an-email,Broken,,"Hanoi, March 2027"`,
    `${known.email},Known Again,,"Hanoi, March 2027"`,
  ].join("\n");
  // Only focal points send nomination files, and only to nomination courses.
  await expect(
    createNominationBatch({
      actor: { id: known.id, role: "LEARNER" },
      courseId: course.id,
      fileName: "n.csv",
      bytes: new TextEncoder().encode(csv),
    }),
  ).rejects.toMatchObject({ status: 403 });
  expect(
    await createNominationBatch({
      actor: focal,
      courseId: (await makeCourse()).id,
      fileName: "n.csv",
      bytes: new TextEncoder().encode(csv),
    }),
  ).toEqual({ status: "unknown-course" });
  const created = await createNominationBatch({
    actor: focal,
    courseId: course.id,
    fileName: "n.csv",
    bytes: new TextEncoder().encode(csv),
  });
  expect(created.status).toBe("created");
  const batchId = (created as { batchId: string }).batchId;
  await startBulkBatch({ batchId });
  await checkBulkBatch({ batchId });
  while ((await applyBulkBatchChunk({ batchId, size: 2 })).handled) {
    /* chunk by chunk */
  }
  await finishBulkBatch({ batchId });
  const report = await getBulkBatch({ actor: focal, batchId });
  expect(report.rows.map((r) => [r.line, r.outcome, r.problems.map((p) => p.code)])).toEqual([
    [2, "nominated", []],
    [3, "invited", []],
    [4, "invalid", ["nomination.out-of-scope"]],
    [5, "invalid", ["email.invalid"]],
    [6, "invalid", ["email.duplicate"]],
  ]);
  expect([report.status, report.done, report.failed]).toEqual(["DONE", 2, 3]);
  const invited = await prisma.user.findUniqueOrThrow({ where: { email: fresh }, include: { enrolments: true } });
  expect([invited.agencyId, invited.enrolments[0]?.status, invited.enrolments[0]?.cohortId]).toEqual([
    mine.id,
    "PENDING",
    cohort.id,
  ]);
  expect(await prisma.enrolment.count({ where: { userId: outsider.id } })).toBe(0);
  // Another focal point cannot read the report.
  const other = await focalPoint({ agencyId: theirs.id });
  await expect(getBulkBatch({ actor: other, batchId })).rejects.toMatchObject({ status: 404 });
});
