import { expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { makeCourse, makeUser } from "../../test/factories";
import {
  cohortPeople,
  createCohort,
  decideApplication,
  deleteCohort,
  enrol,
  enrolmentHistory,
  listCohorts,
  moveEnrolment,
  removeEnrolment,
  withdraw,
} from "./enrolments.server";

const day = 24 * 3600 * 1000;
const statusOf = async (userId: string, courseId: string) =>
  (await prisma.enrolment.findUniqueOrThrow({ where: { userId_courseId: { userId, courseId } } })).status;

test("open self-enrolment without cohorts is immediate, and enrolling twice changes nothing", async () => {
  const course = await makeCourse();
  const learner = await makeUser();
  expect(await enrol({ user: learner, courseSlug: course.slug })).toEqual({ status: "enrolled" });
  expect(await enrol({ user: learner, courseSlug: course.slug })).toEqual({ status: "already", current: "ACTIVE" });
  expect(await prisma.enrolment.count({ where: { courseId: course.id } })).toBe(1);
});

test("enrolment outside the cohort's window is refused with the reason", async () => {
  const trainer = await makeUser("TRAINER");
  const course = await makeCourse({ maintainerId: trainer.id });
  await createCohort({
    actor: trainer,
    courseId: course.id,
    input: { name: "Later", enrolmentOpensAt: new Date(Date.now() + 5 * day) },
  });
  expect(await enrol({ user: await makeUser(), courseSlug: course.slug })).toEqual({ status: "window-not-open" });
  const other = await makeCourse({ maintainerId: trainer.id });
  await createCohort({
    actor: trainer,
    courseId: other.id,
    input: { name: "Past", enrolmentClosesAt: new Date(Date.now() - day) },
  });
  expect(await enrol({ user: await makeUser(), courseSlug: other.slug })).toEqual({ status: "window-closed" });
});

test("capacity fills, the rest wait in line, and a withdrawal promotes the first in line (with an email)", async () => {
  const trainer = await makeUser("TRAINER");
  const course = await makeCourse({ maintainerId: trainer.id });
  const { cohort } = (await createCohort({
    actor: trainer,
    courseId: course.id,
    input: { name: "Small", capacity: 1 },
  })) as { cohort: { id: string } };
  const [a, b, c] = [await makeUser(), await makeUser(), await makeUser()];
  expect(await enrol({ user: a, courseSlug: course.slug })).toEqual({ status: "enrolled" });
  expect(await enrol({ user: b, courseSlug: course.slug })).toEqual({ status: "waitlisted" });
  expect(await enrol({ user: c, courseSlug: course.slug })).toEqual({ status: "waitlisted" });
  expect(await withdraw({ user: a, courseSlug: course.slug })).toEqual({ status: "done", promoted: 1 });
  expect(await statusOf(b.id, course.id)).toBe("ACTIVE");
  expect(await statusOf(c.id, course.id)).toBe("WAITLISTED");
  expect(await prisma.email.count({ where: { userId: b.id, template: "enrolment-accepted" } })).toBe(1);
  const cohorts = await listCohorts({ courseId: course.id });
  expect(cohorts.find((x) => x.id === cohort.id)).toMatchObject({ taken: 1, waiting: 1 });
  // History: who did what.
  const events = await prisma.enrolmentEvent.findMany({
    where: { enrolment: { userId: b.id, courseId: course.id } },
    orderBy: { createdAt: "asc" },
  });
  expect(events.map((e) => [e.action, e.toStatus])).toEqual([
    ["enrolled", "WAITLISTED"],
    ["promoted", "ACTIVE"],
  ]);
  // Re-enrolling after withdrawal reuses the row (progress is attached to it).
  const rowBefore = await prisma.enrolment.findUniqueOrThrow({
    where: { userId_courseId: { userId: a.id, courseId: course.id } },
  });
  expect(await enrol({ user: a, courseSlug: course.slug })).toEqual({ status: "waitlisted" });
  expect(
    (await prisma.enrolment.findUniqueOrThrow({ where: { userId_courseId: { userId: a.id, courseId: course.id } } }))
      .id,
  ).toBe(rowBefore.id);
});

test("ten people enrolling at once into five places: exactly five get one", async () => {
  const trainer = await makeUser("TRAINER");
  const course = await makeCourse({ maintainerId: trainer.id });
  await createCohort({ actor: trainer, courseId: course.id, input: { name: "Race", capacity: 5 } });
  const people = await Promise.all(Array.from({ length: 10 }, () => makeUser()));
  const results = await Promise.all(people.map((user) => enrol({ user, courseSlug: course.slug })));
  expect(results.filter((r) => r.status === "enrolled")).toHaveLength(5);
  expect(results.filter((r) => r.status === "waitlisted")).toHaveLength(5);
  expect(await prisma.enrolment.count({ where: { courseId: course.id, status: "ACTIVE" } })).toBe(5);
});

test("a wrong key is refused, repeated wrong keys are rate-limited, the right key enrols", async () => {
  const trainer = await makeUser("TRAINER");
  const course = await makeCourse({ enrolment: "key", maintainerId: trainer.id });
  await createCohort({ actor: trainer, courseId: course.id, input: { name: "Keyed", enrolmentKey: "HANOI-2027" } });
  const guesser = await makeUser();
  for (let i = 0; i < 5; i++)
    expect(await enrol({ user: guesser, courseSlug: course.slug, key: `wrong-${i}` })).toEqual({ status: "bad-key" });
  const blocked = await enrol({ user: guesser, courseSlug: course.slug, key: "HANOI-2027" });
  expect(blocked.status).toBe("key-rate-limited");
  expect(await enrol({ user: await makeUser(), courseSlug: course.slug, key: " HANOI-2027 " })).toEqual({
    status: "enrolled",
  });
});

test("ten wrong keys at once: only five are compared, the rest are rate-limited", async () => {
  const trainer = await makeUser("TRAINER");
  const course = await makeCourse({ enrolment: "key", maintainerId: trainer.id });
  await createCohort({ actor: trainer, courseId: course.id, input: { name: "Burst", enrolmentKey: "HUE-2027" } });
  const guesser = await makeUser();
  const results = await Promise.all(
    Array.from({ length: 10 }, (_, i) => enrol({ user: guesser, courseSlug: course.slug, key: `burst-${i}` })),
  );
  expect(results.filter((r) => r.status === "bad-key")).toHaveLength(5);
  expect(results.filter((r) => r.status === "key-rate-limited")).toHaveLength(5);
});

test("approval: apply with a justification; only the course's trainers or admins decide; the officer is emailed", async () => {
  const trainer = await makeUser("TRAINER");
  const stranger = await makeUser("TRAINER");
  const admin = await makeUser("ADMIN");
  const course = await makeCourse({ enrolment: "approval", maintainerId: trainer.id });
  const officer = await makeUser();
  expect(await enrol({ user: officer, courseSlug: course.slug, justification: "short" })).toEqual({
    status: "justification-required",
  });
  expect(
    await enrol({ user: officer, courseSlug: course.slug, justification: "Cybercrime unit, I handle seized phones." }),
  ).toEqual({ status: "applied" });
  const enrolment = await prisma.enrolment.findUniqueOrThrow({
    where: { userId_courseId: { userId: officer.id, courseId: course.id } },
  });
  await expect(
    decideApplication({ actor: stranger, courseId: course.id, enrolmentId: enrolment.id, decision: "approve" }),
  ).rejects.toMatchObject({ status: 403 });
  await expect(
    decideApplication({ actor: officer, courseId: course.id, enrolmentId: enrolment.id, decision: "approve" }),
  ).rejects.toMatchObject({ status: 403 });
  expect(
    await decideApplication({ actor: trainer, courseId: course.id, enrolmentId: enrolment.id, decision: "approve" }),
  ).toEqual({ status: "approved" });
  expect(
    await decideApplication({ actor: admin, courseId: course.id, enrolmentId: enrolment.id, decision: "approve" }),
  ).toEqual({ status: "not-pending" });
  expect(await statusOf(officer.id, course.id)).toBe("ACTIVE");
  // The same enrolment through another course's URL does not exist.
  const elsewhere = await makeCourse({ maintainerId: trainer.id });
  await expect(
    decideApplication({
      actor: admin,
      courseId: elsewhere.id,
      enrolmentId: enrolment.id,
      decision: "reject",
      reason: "nope",
    }),
  ).rejects.toMatchObject({ status: 404 });
  expect(
    await prisma.email.findFirst({ where: { userId: officer.id, template: "enrolment-accepted" } }),
  ).not.toBeNull();

  const other = await makeUser();
  await enrol({ user: other, courseSlug: course.slug, justification: "Prosecutor, digital evidence cases." });
  const pending = await prisma.enrolment.findUniqueOrThrow({
    where: { userId_courseId: { userId: other.id, courseId: course.id } },
  });
  expect(
    await decideApplication({ actor: admin, courseId: course.id, enrolmentId: pending.id, decision: "reject" }),
  ).toEqual({ status: "reason-required" });
  expect(
    await decideApplication({
      actor: admin,
      courseId: course.id,
      enrolmentId: pending.id,
      decision: "reject",
      reason: "This cohort is for forensic staff.",
    }),
  ).toEqual({ status: "rejected" });
  const rejected = await prisma.enrolment.findUniqueOrThrow({ where: { id: pending.id } });
  expect(rejected).toMatchObject({
    status: "REJECTED",
    decisionReason: "This cohort is for forensic staff.",
    decidedById: admin.id,
  });
  const email = await prisma.email.findFirstOrThrow({ where: { userId: other.id, template: "enrolment-rejected" } });
  expect(email.data).toMatchObject({ reason: "This cohort is for forensic staff." });
});

test("administrators remove and move people; moving into a full cohort is refused", async () => {
  const admin = await makeUser("ADMIN");
  const trainer = await makeUser("TRAINER");
  const course = await makeCourse({ maintainerId: trainer.id });
  const a = (await createCohort({ actor: admin, courseId: course.id, input: { name: "A", capacity: 1 } })) as {
    cohort: { id: string };
  };
  const b = (await createCohort({ actor: admin, courseId: course.id, input: { name: "B", capacity: 1 } })) as {
    cohort: { id: string };
  };
  const [x, y] = [await makeUser(), await makeUser()];
  await enrol({ user: x, courseSlug: course.slug, cohortId: a.cohort.id });
  await enrol({ user: y, courseSlug: course.slug, cohortId: b.cohort.id });
  const ex = await prisma.enrolment.findUniqueOrThrow({
    where: { userId_courseId: { userId: x.id, courseId: course.id } },
  });
  await expect(moveEnrolment({ actor: trainer, enrolmentId: ex.id, cohortId: b.cohort.id })).rejects.toMatchObject({
    status: 403,
  });
  expect(await moveEnrolment({ actor: admin, enrolmentId: ex.id, cohortId: b.cohort.id })).toEqual({ status: "full" });
  const ey = await prisma.enrolment.findUniqueOrThrow({
    where: { userId_courseId: { userId: y.id, courseId: course.id } },
  });
  expect(await removeEnrolment({ actor: admin, enrolmentId: ey.id, reason: "Left the agency" })).toMatchObject({
    status: "done",
  });
  expect(await moveEnrolment({ actor: admin, enrolmentId: ex.id, cohortId: b.cohort.id })).toEqual({ status: "moved" });
  expect((await prisma.enrolment.findUniqueOrThrow({ where: { id: ex.id } })).cohortId).toBe(b.cohort.id);
  expect((await prisma.enrolmentEvent.findMany({ where: { enrolmentId: ey.id } })).map((e) => e.action)).toContain(
    "removed",
  );
});

test("editing a cohort: more places go to the waiting list at once; only its course's managers may edit", async () => {
  const { updateCohort } = await import("./enrolments.server");
  const trainer = await makeUser("TRAINER");
  const stranger = await makeUser("TRAINER");
  const course = await makeCourse({ maintainerId: trainer.id });
  const { cohort } = (await createCohort({
    actor: trainer,
    courseId: course.id,
    input: { name: "Tight", capacity: 1 },
  })) as { cohort: { id: string } };
  const [a, b, c] = [await makeUser(), await makeUser(), await makeUser()];
  for (const u of [a, b, c]) await enrol({ user: u, courseSlug: course.slug });
  expect(
    await updateCohort({
      actor: trainer,
      courseId: course.id,
      cohortId: cohort.id,
      input: { name: "Roomier", capacity: 2 },
    }),
  ).toEqual({ status: "saved", promoted: 1 });
  expect(await statusOf(b.id, course.id)).toBe("ACTIVE");
  expect(await statusOf(c.id, course.id)).toBe("WAITLISTED");
  await expect(
    updateCohort({ actor: stranger, courseId: course.id, cohortId: cohort.id, input: { name: "X" } }),
  ).rejects.toMatchObject({ status: 403 });
  const other = await makeCourse({ maintainerId: trainer.id });
  await expect(
    updateCohort({ actor: trainer, courseId: other.id, cohortId: cohort.id, input: { name: "X" } }),
  ).rejects.toMatchObject({ status: 404 });
});

test("deleting a cohort: refused while anyone is still in it; once they are moved or gone, deleted with the history kept", async () => {
  const trainer = await makeUser("TRAINER");
  const admin = await makeUser("ADMIN");
  const course = await makeCourse({ maintainerId: trainer.id });
  const { cohort: hanoi } = (await createCohort({ actor: trainer, courseId: course.id, input: { name: "Hanoi" } })) as {
    cohort: { id: string };
  };
  const { cohort: vientiane } = (await createCohort({
    actor: trainer,
    courseId: course.id,
    input: { name: "Vientiane" },
  })) as { cohort: { id: string } };
  const [staying, leaving] = [await makeUser(), await makeUser()];
  await enrol({ user: staying, courseSlug: course.slug, cohortId: hanoi.id });
  await enrol({ user: leaving, courseSlug: course.slug, cohortId: hanoi.id });
  await withdraw({ user: leaving, courseSlug: course.slug });

  // Only the course's managers may delete; an active enrolment blocks it.
  await expect(
    deleteCohort({ actor: await makeUser("TRAINER"), courseId: course.id, cohortId: hanoi.id }),
  ).rejects.toMatchObject({ status: 403 });
  await expect(deleteCohort({ actor: staying, courseId: course.id, cohortId: hanoi.id })).rejects.toMatchObject({
    status: 403,
  });
  expect(await deleteCohort({ actor: trainer, courseId: course.id, cohortId: hanoi.id })).toEqual({
    status: "has-people",
    count: 1,
  });
  expect(await cohortPeople({ courseId: course.id, cohortId: hanoi.id })).toMatchObject({
    count: 1,
    people: [{ status: "ACTIVE", name: staying.name }],
  });
  expect(await prisma.cohort.count({ where: { id: hanoi.id } })).toBe(1);

  // Moved first, as the refusal suggests; then the cohort goes.
  const stayingEnrolment = await prisma.enrolment.findUniqueOrThrow({
    where: { userId_courseId: { userId: staying.id, courseId: course.id } },
  });
  expect(await moveEnrolment({ actor: admin, enrolmentId: stayingEnrolment.id, cohortId: vientiane.id })).toEqual({
    status: "moved",
  });
  expect(await deleteCohort({ actor: trainer, courseId: course.id, cohortId: hanoi.id })).toEqual({
    status: "deleted",
    name: "Hanoi",
    detached: 1,
  });
  expect(await prisma.cohort.count({ where: { id: hanoi.id } })).toBe(0);

  // The withdrawn enrolment stays, without a cohort, and its history says what happened.
  const left = await prisma.enrolment.findUniqueOrThrow({
    where: { userId_courseId: { userId: leaving.id, courseId: course.id } },
  });
  expect(left).toMatchObject({ status: "WITHDRAWN", cohortId: null });
  const history = await enrolmentHistory({ enrolmentId: left.id });
  expect(history.map((e) => e.action)).toEqual(["enrolled", "withdrew", "cohort-deleted"]);
  expect(history.at(-1)).toMatchObject({
    detail: { cohortId: hanoi.id, cohort: "Hanoi" },
    actor: { name: trainer.name },
  });
  expect(
    await prisma.auditEvent.findFirstOrThrow({ where: { action: "cohort.deleted", actorId: trainer.id } }),
  ).toMatchObject({
    detail: { courseId: course.id, cohortId: hanoi.id, name: "Hanoi", pastEnrolments: 1 },
  });
  expect(await statusOf(staying.id, course.id)).toBe("ACTIVE");

  // A cohort that was deleted is gone for everyone: a second delete is a 404, enrolling into it is refused.
  await expect(deleteCohort({ actor: admin, courseId: course.id, cohortId: hanoi.id })).rejects.toMatchObject({
    status: 404,
  });
  expect(await enrol({ user: await makeUser(), courseSlug: course.slug, cohortId: hanoi.id })).toEqual({
    status: "unknown-cohort",
  });
});

test("applications and the waiting list hold a cohort too; rejected and removed people do not", async () => {
  const trainer = await makeUser("TRAINER");
  const approval = await makeCourse({ maintainerId: trainer.id, enrolment: "approval" });
  const { cohort } = (await createCohort({
    actor: trainer,
    courseId: approval.id,
    input: { name: "By approval" },
  })) as { cohort: { id: string } };
  const applicant = await makeUser();
  expect(
    await enrol({ user: applicant, courseSlug: approval.slug, justification: "I investigate ransomware cases." }),
  ).toEqual({ status: "applied" });
  expect(await deleteCohort({ actor: trainer, courseId: approval.id, cohortId: cohort.id })).toEqual({
    status: "has-people",
    count: 1,
  });
  const application = await prisma.enrolment.findUniqueOrThrow({
    where: { userId_courseId: { userId: applicant.id, courseId: approval.id } },
  });
  await decideApplication({
    actor: trainer,
    courseId: approval.id,
    enrolmentId: application.id,
    decision: "reject",
    reason: "Not this year",
  });
  expect(await deleteCohort({ actor: trainer, courseId: approval.id, cohortId: cohort.id })).toMatchObject({
    status: "deleted",
    detached: 1,
  });

  const admin = await makeUser("ADMIN");
  const open = await makeCourse({ maintainerId: trainer.id });
  const { cohort: small } = (await createCohort({
    actor: trainer,
    courseId: open.id,
    input: { name: "One place", capacity: 1 },
  })) as { cohort: { id: string } };
  const [first, second] = [await makeUser(), await makeUser()];
  await enrol({ user: first, courseSlug: open.slug });
  expect(await enrol({ user: second, courseSlug: open.slug })).toEqual({ status: "waitlisted" });
  const firstEnrolment = await prisma.enrolment.findUniqueOrThrow({
    where: { userId_courseId: { userId: first.id, courseId: open.id } },
  });
  await removeEnrolment({ actor: admin, enrolmentId: firstEnrolment.id, reason: "Left the service" });
  // The waiting list took the freed place: still somebody in the cohort.
  expect(await deleteCohort({ actor: admin, courseId: open.id, cohortId: small.id })).toEqual({
    status: "has-people",
    count: 1,
  });
});
