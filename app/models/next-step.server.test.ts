import { expect, test } from "vitest";
import { QuestionSchema, type QuestionResponse } from "~/content/questions";
import { prisma } from "~/utils/db.server";
import { courseDocument, makeUser, uid } from "../../test/factories";
import { finishAttempt, getAssessment, gradeItem, saveResponses, startAttempt } from "./assessments.server";
import { publishCourseDocument } from "./courses.server";
import { enrol } from "./enrolments.server";
import { courseStanding, enrolmentStanding, type StandingFacts } from "./next-step.server";
import { completeModule, learnerDashboard, progressCsv, progressGrid } from "./progress.server";

const GIFT = `$CATEGORY: Basics

::b-1:: Which is evidence? {=A log file ~A rumour}

::b-2:: Evidence must be preserved. {T}

$CATEGORY: Writing

::w-1:: Explain the chain of custody. {}
`;

const MODULE_CHECK = `title: Basics check
module: two
pass-mark: 60
attempts: 2
feedback: immediately
questions:
  - category: Basics
    count: 2
`;

const FINAL = `title: Final
final: true
questions:
  - question: w-1
    mark: 2
  - question: b-1
`;

async function enrolledInAssessedCourse() {
  const slug = `n-${uid()}`;
  const doc = courseDocument(slug);
  doc.files = [
    { path: "assessments/bank.gift", content: GIFT },
    { path: "assessments/basics.yml", content: MODULE_CHECK },
    { path: "assessments/final.yml", content: FINAL },
  ];
  const published = await publishCourseDocument({ doc, origin: "import" });
  if (published.status !== "published") throw new Error(JSON.stringify(published));
  const learner = await makeUser();
  const course = { slug, id: published.courseId };
  const standing = async () => (await enrolmentStanding({ userId: learner.id, courseId: course.id, locale: "en" }))!;
  return { course, learner, standing };
}

const right = (title: string | null): QuestionResponse | null =>
  title === "b-1"
    ? { type: "single", choice: 0 }
    : title === "b-2"
      ? { type: "truefalse", answer: true }
      : title === "w-1"
        ? { type: "essay", text: "Who held it, when, and why." }
        : null;
const wrong = (title: string | null): QuestionResponse | null =>
  title === "b-1" ? { type: "single", choice: 1 } : title === "b-2" ? { type: "truefalse", answer: false } : null;

async function takeAssessment(
  courseSlug: string,
  slug: string,
  userId: string,
  answer: (title: string | null) => QuestionResponse | null,
) {
  const assessment = await getAssessment({ courseSlug, slug, locale: "en" });
  const started = await startAttempt({ assessment, userId });
  const attemptId = (started as { attemptId: string }).attemptId;
  const items = await prisma.attemptItem.findMany({ where: { attemptId }, orderBy: { position: "asc" } });
  const responses = new Map<number, QuestionResponse | null>();
  for (const item of items) responses.set(item.position, answer(QuestionSchema.parse(item.snapshot).title));
  await saveResponses({ attemptId, userId, responses });
  return { attemptId, result: await finishAttempt({ attemptId, userId, closedBy: "learner" }) };
}

test("the next step walks an officer from enrolling to the certificate, one action at a time", async () => {
  const { course, learner, standing } = await enrolledInAssessedCourse();
  expect((await standing()).next).toEqual({ kind: "enrol", href: null });

  await enrol({ user: learner, courseSlug: course.slug });
  expect((await standing()).next).toMatchObject({
    kind: "start",
    module: { slug: "one", title: "Module one" },
    href: `/courses/${course.slug}/one`,
  });

  // After finishing a module: the next module.
  await completeModule({ userId: learner.id, courseSlug: course.slug, moduleSlug: "one", resumeAt: "two" });
  expect((await standing()).next).toMatchObject({ kind: "continue", module: { slug: "two" } });

  // A failed module check with an attempt left: take it again.
  await takeAssessment(course.slug, "basics", learner.id, wrong);
  const retry = await standing();
  expect(retry.next).toMatchObject({
    kind: "assessment",
    final: false,
    assessment: { slug: "basics", state: "retry" },
    href: `/courses/${course.slug}/assessments/basics`,
  });
  expect(retry.modules[1]).toMatchObject({ slug: "two", state: "open", assessment: { state: "retry" } });

  // Passing it: back to the course at the next thing to do.
  await takeAssessment(course.slug, "basics", learner.id, right);
  const passed = await standing();
  expect(passed.next).toMatchObject({ kind: "continue", module: { slug: "three" } });
  expect(passed.counts).toMatchObject({
    modulesDone: 2,
    modulesRequired: 3,
    assessmentsPassed: 1,
    assessmentsToTake: 1,
  });

  // Every module done: the final assessment the course needs.
  await completeModule({ userId: learner.id, courseSlug: course.slug, moduleSlug: "three" });
  expect((await standing()).next).toMatchObject({ kind: "assessment", final: true, assessment: { slug: "final" } });

  // Submitted with an essay: waiting for a trainer, and the bar is not full.
  const final = await takeAssessment(course.slug, "final", learner.id, right);
  expect(final.result).toEqual({ status: "needs-grading" });
  const waiting = await standing();
  expect(waiting.next).toMatchObject({
    kind: "waiting-for-grading",
    assessment: { slug: "final" },
    href: `/dashboard/results/${course.slug}`,
  });
  expect(waiting.requiredDone).toBe(3);
  expect(waiting.requiredTotal).toBe(4);
  expect(waiting.requiredDone).toBeLessThan(waiting.requiredTotal);
  expect(waiting.complete).toBe(false);
  expect(waiting.counts).toMatchObject({ assessmentsPassed: 1, assessmentsWaiting: 1, assessmentsToTake: 0 });
  expect(waiting.left).toEqual([
    { kind: "assessment", title: "Final", state: "waiting", href: `/courses/${course.slug}/assessments/final` },
  ]);
  const [dash] = await learnerDashboard({ userId: learner.id, locale: "en" });
  expect(dash).toMatchObject({ requiredDone: 3, requiredTotal: 4, status: "ACTIVE" });

  // The trainers' grid says the same.
  const grid = await progressGrid({ courseId: course.id, locale: "en" });
  expect(grid.rows[0]).toMatchObject({ final: "waiting", waiting: 1, requiredDone: 3, requiredTotal: 4, percent: 75 });
  expect(grid.rows[0]!.states).toEqual(["done", "done", "done"]);
  const csv = progressCsv(grid).split(/\r?\n/);
  expect(csv[0]).toContain("final.final,waiting_for_grading");
  expect(csv[1]).toMatch(/,75,.*,waiting,1$/);

  // Graded and passed: the course is complete and the certificate is being prepared.
  const trainer = await makeUser("TRAINER");
  const essay = await prisma.attemptItem.findFirstOrThrow({ where: { attemptId: final.attemptId, position: 0 } });
  await gradeItem({ courseId: course.id, itemId: essay.id, graderId: trainer.id, points: 2, comment: "Clear." });
  const done = await standing();
  expect(done.complete).toBe(true);
  expect(done.requiredDone).toBe(done.requiredTotal);
  expect(done.left).toEqual([]);
  expect(done.next).toMatchObject({ kind: "certificate", state: "preparing", href: "/dashboard" });

  const certificate = await prisma.certificate.findFirstOrThrow({ where: { userId: learner.id, courseId: course.id } });
  await prisma.certificate.update({ where: { id: certificate.id }, data: { status: "READY", readyAt: new Date() } });
  expect((await standing()).next).toEqual({
    kind: "certificate",
    state: "ready",
    serial: certificate.serial,
    reason: null,
    href: `/certificates/${certificate.serial}.pdf`,
  });
});

test("a module check with no attempt left, or one waiting for grading, is the next step, not the module after it", async () => {
  const { course, learner, standing } = await enrolledInAssessedCourse();
  await enrol({ user: learner, courseSlug: course.slug });
  await completeModule({ userId: learner.id, courseSlug: course.slug, moduleSlug: "one" });
  await takeAssessment(course.slug, "basics", learner.id, wrong);
  await takeAssessment(course.slug, "basics", learner.id, wrong);
  const blocked = await standing();
  expect(blocked.next).toMatchObject({ kind: "blocked", assessment: { slug: "basics", state: "blocked" } });
  expect(blocked.left.map((l) => l.title)).toEqual(["Basics check", "Module three", "Final"]);

  const grid = await progressGrid({ courseId: course.id, locale: "en" });
  expect(grid.rows[0]!.states).toEqual(["done", "blocked", "todo"]);
});

function facts(overrides: Partial<StandingFacts>): StandingFacts {
  return {
    courseSlug: "c",
    doc: courseDocument("c", { sequential: true }),
    locale: "en",
    enrolment: { status: "ACTIVE", lastModuleSlug: null },
    completed: new Set(),
    assessments: [],
    completion: null,
    certificate: null,
    ...overrides,
  };
}

test("sequential modules after the first required one left are locked; optional ones still come in reading order", () => {
  const doc = courseDocument("c", {
    sequential: true,
    modules: [{ slug: "one" }, { slug: "aside", required: false }, { slug: "two" }, { slug: "three" }],
  });
  const s = courseStanding(
    facts({ doc, completed: new Set(["one"]), enrolment: { status: "ACTIVE", lastModuleSlug: "one" } }),
  );
  expect(s.modules.map((m) => m.state)).toEqual(["done", "open", "open", "locked"]);
  expect(s.next).toMatchObject({ kind: "continue", module: { slug: "aside" } });
  // Every required module done: optional ones no longer hold the officer back.
  const all = courseStanding(facts({ doc, completed: new Set(["one", "two", "three"]) }));
  expect(all.next).toEqual({ kind: "finished", href: "/courses/c" });
  expect(all.requiredDone).toBe(3);
});

test("places not yet given, approvals and refusals: words, not a button", () => {
  expect(courseStanding(facts({ enrolment: { status: "PENDING", lastModuleSlug: null } })).next).toEqual({
    kind: "waiting-for-place",
    status: "PENDING",
    href: null,
  });
  expect(courseStanding(facts({ enrolment: { status: "WITHDRAWN", lastModuleSlug: null } })).next.kind).toBe("enrol");
  const completed = { status: "COMPLETED" as const, lastModuleSlug: null };
  expect(
    courseStanding(
      facts({ enrolment: completed, completion: { certificateState: "AWAITING_APPROVAL", declinedReason: null } }),
    ).next,
  ).toMatchObject({ kind: "certificate", state: "awaiting-approval" });
  expect(
    courseStanding(facts({ enrolment: completed, completion: { certificateState: "DECLINED", declinedReason: "No." } }))
      .next,
  ).toMatchObject({ kind: "certificate", state: "declined", reason: "No." });
  expect(
    courseStanding(
      facts({
        enrolment: completed,
        completion: { certificateState: "ISSUED", declinedReason: null },
        certificate: { serial: "S-1", status: "READY", revoked: true },
      }),
    ).next,
  ).toMatchObject({ kind: "certificate", state: "revoked", href: "/dashboard" });
});

test("the bar never reads full while the final waits for grading, whatever the modules say", () => {
  const doc = courseDocument("c");
  const final = {
    slug: "final",
    title: "Final",
    moduleSlug: null,
    final: true,
    attemptsAllowed: null,
    attempts: [{ id: "a", number: 1, status: "NEEDS_GRADING" as const, passed: null }],
  };
  const s = courseStanding(facts({ doc, completed: new Set(["one", "two", "three"]), assessments: [final] }));
  expect(s.requiredDone).toBe(3);
  expect(s.requiredTotal).toBe(4);
  expect(s.next.kind).toBe("waiting-for-grading");
});
