import { expect, test } from "vitest";
import { questionView } from "~/assessments/view.server";
import { QuestionSchema, type QuestionResponse } from "~/content/questions";
import { prisma } from "~/utils/db.server";
import { courseDocument, makeUser, uid } from "../../test/factories";
import {
  closeOverdueAttempts,
  finishAttempt,
  getAssessment,
  gradeItem,
  itemAnalysis,
  loadAttempt,
  saveResponses,
  startAttempt,
} from "./assessments.server";
import { publishCourseDocument } from "./courses.server";
import { enrol } from "./enrolments.server";
import { exportBankGift, saveBrowserAssessment, uploadQuestions } from "./question-bank.server";

const GIFT = `$CATEGORY: Basics

::b-1:: Which is evidence? {=A log file ~A rumour}

::b-2:: Evidence must be preserved. {T}

::b-3:: Name the hash algorithm abbreviated SHA. {=Secure Hash Algorithm =secure hash}

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
    count: 3
`;

const FINAL = `title: Final
final: true
time-limit: 10
questions:
  - question: w-1
    mark: 2
  - question: b-1
`;

async function courseWithAssessments(extraFiles: { path: string; content: string }[] = []) {
  const slug = `a-${uid()}`;
  const doc = courseDocument(slug);
  doc.files = [
    { path: "assessments/bank.gift", content: GIFT },
    { path: "assessments/basics.yml", content: MODULE_CHECK },
    { path: "assessments/final.yml", content: FINAL },
    ...extraFiles,
  ];
  const result = await publishCourseDocument({ doc, origin: "import" });
  if (result.status !== "published") throw new Error(JSON.stringify(result));
  return { slug, id: result.courseId, doc };
}

async function enrolled() {
  const course = await courseWithAssessments();
  const learner = await makeUser();
  await enrol({ user: learner, courseSlug: course.slug });
  return { course, learner };
}

/** The right answer for each of the demo questions, as the form would send it. */
function rightAnswer(title: string | null): QuestionResponse | null {
  if (title === "b-1") return { type: "single", choice: 0 };
  if (title === "b-2") return { type: "truefalse", answer: true };
  if (title === "b-3") return { type: "short", text: "  SECURE hash " };
  if (title === "w-1") return { type: "essay", text: "Who held it, when, and why." };
  return null;
}

async function answerAll(attemptId: string, learnerId: string, answer = rightAnswer) {
  const items = await prisma.attemptItem.findMany({ where: { attemptId }, orderBy: { position: "asc" } });
  const responses = new Map<number, QuestionResponse | null>();
  for (const item of items) responses.set(item.position, answer(QuestionSchema.parse(item.snapshot).title));
  return saveResponses({ attemptId, userId: learnerId, responses });
}

test("publishing the course files fills the bank and the assessments; a new revision updates and archives", async () => {
  const course = await courseWithAssessments();
  expect(await prisma.question.count({ where: { courseId: course.id, archivedAt: null } })).toBe(4);
  const assessments = await prisma.assessment.findMany({ where: { courseId: course.id }, orderBy: { slug: "asc" } });
  expect(assessments.map((a) => [a.slug, a.moduleSlug, a.final, a.passMark, a.timeLimitMinutes])).toEqual([
    ["basics", "two", false, 60, null],
    ["final", null, true, 70, 10],
  ]);

  const doc = structuredClone(course.doc);
  doc.files = [
    { path: "assessments/bank.gift", content: GIFT.replace("A rumour", "A guess").replace(/::b-3::.*\n/, "") },
    { path: "assessments/final.yml", content: FINAL },
  ];
  expect((await publishCourseDocument({ doc, origin: "import" })).status).toBe("published");
  const b1 = await prisma.question.findFirstOrThrow({ where: { courseId: course.id, key: "file:b-1" } });
  expect(JSON.stringify(b1.data)).toContain("A guess");
  expect(
    (await prisma.question.findFirstOrThrow({ where: { courseId: course.id, key: "file:b-3" } })).archivedAt,
  ).not.toBeNull();
  expect(
    (await prisma.assessment.findFirstOrThrow({ where: { courseId: course.id, slug: "basics" } })).archivedAt,
  ).not.toBeNull();
});

test("a course whose assessment files are wrong is refused with the file and line", async () => {
  const slug = `a-${uid()}`;
  const doc = courseDocument(slug);
  doc.files = [
    { path: "assessments/bank.gift", content: "::q:: Broken {=a ~b\n" },
    { path: "assessments/x.yml", content: "title: X\nmodule: nowhere\nquestions:\n  - question: missing\n" },
  ];
  const result = await publishCourseDocument({ doc, origin: "import" });
  expect(result.status).toBe("invalid");
  const errors = result.status === "invalid" ? result.errors.join("\n") : "";
  expect(errors).toMatch(/assessments\/bank\.gift:1: /);
  expect(errors).toMatch(/assessments\/x\.yml:2: there is no module 'nowhere'/);
  expect(await prisma.course.count({ where: { slug } })).toBe(0);
});

test("starting fixes the questions with a stored seed; starting again resumes the same attempt; nothing in the page reveals an answer", async () => {
  const { course, learner } = await enrolled();
  const assessment = await getAssessment({ courseSlug: course.slug, slug: "basics", locale: "en" });
  const first = await startAttempt({ assessment, userId: learner.id });
  const again = await startAttempt({ assessment, userId: learner.id });
  expect(first.status).toBe("started");
  expect(again).toEqual({ status: "resumed", attemptId: first.status === "started" ? first.attemptId : "" });
  const attempt = await loadAttempt({ attemptId: (first as { attemptId: string }).attemptId, viewer: learner });
  expect(attempt.items.map((i) => i.question.title).sort()).toEqual(["b-1", "b-2", "b-3"]);
  expect(attempt.seed).toMatch(/^[\w-]{16}$/);
  for (const item of attempt.items) {
    const json = JSON.stringify(questionView(item));
    expect(json).not.toMatch(/weight|credit|"answer"|feedback|Secure Hash Algorithm/);
  }
});

test("answers are saved as the learner goes; submitting twice, from two tabs at once, grades exactly once; passing completes the module", async () => {
  const { course, learner } = await enrolled();
  const assessment = await getAssessment({ courseSlug: course.slug, slug: "basics", locale: "en" });
  const started = await startAttempt({ assessment, userId: learner.id });
  const attemptId = (started as { attemptId: string }).attemptId;
  expect(await answerAll(attemptId, learner.id)).toEqual({ status: "saved", count: 3 });
  const results = await Promise.all(
    [1, 2, 3].map(() => finishAttempt({ attemptId, userId: learner.id, closedBy: "learner" })),
  );
  expect(results.filter((r) => r.status === "graded")).toEqual([{ status: "graded", percent: 100, passed: true }]);
  expect(results.filter((r) => r.status === "already-submitted")).toHaveLength(2);
  // A replayed save after submission changes nothing.
  expect(await answerAll(attemptId, learner.id, () => ({ type: "single", choice: 1 }))).toEqual({
    status: "closed",
    reason: "submitted",
  });
  const progress = await prisma.moduleProgress.findMany({
    where: { enrolment: { userId: learner.id, courseId: course.id } },
    include: { module: true },
  });
  expect(progress.map((p) => [p.module.slug, p.via])).toEqual([["two", "assessment"]]);
});

test("wrong answers fail; attempts run out", async () => {
  const { course, learner } = await enrolled();
  const assessment = await getAssessment({ courseSlug: course.slug, slug: "basics", locale: "en" });
  for (let i = 0; i < 2; i++) {
    const s = await startAttempt({ assessment, userId: learner.id });
    const id = (s as { attemptId: string }).attemptId;
    await answerAll(id, learner.id, (title) =>
      title === "b-1"
        ? { type: "single", choice: 1 }
        : title === "b-2"
          ? { type: "truefalse", answer: false }
          : { type: "short", text: "no" },
    );
    expect(await finishAttempt({ attemptId: id, userId: learner.id, closedBy: "learner" })).toEqual({
      status: "graded",
      percent: 0,
      passed: false,
    });
  }
  expect(await startAttempt({ assessment, userId: learner.id })).toEqual({ status: "no-attempts-left" });
  expect(await prisma.moduleProgress.count({ where: { enrolment: { userId: learner.id } } })).toBe(0);
});

test("the time limit is enforced on the server: an overdue attempt is closed and graded with what was saved", async () => {
  const { course, learner } = await enrolled();
  const assessment = await getAssessment({ courseSlug: course.slug, slug: "final", locale: "en" });
  const s = await startAttempt({ assessment, userId: learner.id });
  const attemptId = (s as { attemptId: string }).attemptId;
  await answerAll(attemptId, learner.id, (title) => (title === "b-1" ? { type: "single", choice: 0 } : null));
  // The clock runs out (moved back rather than waited for).
  await prisma.attempt.update({ where: { id: attemptId }, data: { deadline: new Date(Date.now() - 60_000) } });
  expect(await answerAll(attemptId, learner.id, () => ({ type: "single", choice: 1 }))).toEqual({
    status: "closed",
    reason: "deadline",
  });
  const closed = await prisma.attempt.findUniqueOrThrow({ where: { id: attemptId }, include: { items: true } });
  // The essay was left blank, so nothing waits for a trainer: 1 of 3 marks.
  expect(closed).toMatchObject({ closedBy: "deadline", status: "GRADED", percent: 33.33, passed: false });
  expect(closed.items.find((i) => i.position === 1)?.score).toBe(1); // the saved right answer counts; the late one did not
  expect(await closeOverdueAttempts()).toBe(0);
});

test("the worker's sweep closes attempts nobody came back to", async () => {
  const { course, learner } = await enrolled();
  const assessment = await getAssessment({ courseSlug: course.slug, slug: "final", locale: "en" });
  const s = await startAttempt({ assessment, userId: learner.id });
  const attemptId = (s as { attemptId: string }).attemptId;
  await prisma.attempt.update({ where: { id: attemptId }, data: { deadline: new Date(Date.now() - 60_000) } });
  expect(await closeOverdueAttempts({ userId: learner.id })).toBe(1);
  expect((await prisma.attempt.findUniqueOrThrow({ where: { id: attemptId } })).closedBy).toBe("deadline");
});

test("an essay waits for a trainer; the grade settles the attempt, and passing the final completes the course", async () => {
  const { course, learner } = await enrolled();
  const trainer = await makeUser("TRAINER");
  const modules = await getAssessment({ courseSlug: course.slug, slug: "basics", locale: "en" });
  const check = await startAttempt({ assessment: modules, userId: learner.id });
  await answerAll((check as { attemptId: string }).attemptId, learner.id);
  await finishAttempt({
    attemptId: (check as { attemptId: string }).attemptId,
    userId: learner.id,
    closedBy: "learner",
  });
  for (const slug of ["one", "three"]) {
    const { completeModule } = await import("./progress.server");
    await completeModule({ userId: learner.id, courseSlug: course.slug, moduleSlug: slug });
  }
  expect((await prisma.enrolment.findFirstOrThrow({ where: { userId: learner.id, courseId: course.id } })).status).toBe(
    "ACTIVE",
  );

  const final = await getAssessment({ courseSlug: course.slug, slug: "final", locale: "en" });
  const s = await startAttempt({ assessment: final, userId: learner.id });
  const attemptId = (s as { attemptId: string }).attemptId;
  await answerAll(attemptId, learner.id);
  expect(await finishAttempt({ attemptId, userId: learner.id, closedBy: "learner" })).toEqual({
    status: "needs-grading",
  });
  const essay = await prisma.attemptItem.findFirstOrThrow({ where: { attemptId, position: 0 } });
  expect(
    await gradeItem({ courseId: course.id, itemId: essay.id, graderId: trainer.id, points: 3, comment: "" }),
  ).toEqual({ status: "out-of-range" });
  expect(
    await gradeItem({ courseId: "another-course", itemId: essay.id, graderId: trainer.id, points: 2, comment: "" }),
  ).toEqual({ status: "not-found" });
  expect(
    await gradeItem({ courseId: course.id, itemId: essay.id, graderId: trainer.id, points: 1.5, comment: "Clear." }),
  ).toEqual({ status: "graded", attemptStatus: "GRADED" });
  const graded = await prisma.attempt.findUniqueOrThrow({ where: { id: attemptId } });
  expect(graded).toMatchObject({ status: "GRADED", percent: 83.33, passed: true });
  const enrolment = await prisma.enrolment.findFirstOrThrow({
    where: { userId: learner.id, courseId: course.id },
    include: { completion: true },
  });
  expect(enrolment.status).toBe("COMPLETED");
  expect(enrolment.completion).not.toBeNull();
});

test("learners cannot open another learner's attempt; outsiders cannot start", async () => {
  const { course, learner } = await enrolled();
  const other = await makeUser();
  const assessment = await getAssessment({ courseSlug: course.slug, slug: "basics", locale: "en" });
  expect(await startAttempt({ assessment, userId: other.id })).toEqual({
    status: "not-allowed",
    access: "enrolment-required",
  });
  const s = await startAttempt({ assessment, userId: learner.id });
  const attemptId = (s as { attemptId: string }).attemptId;
  await expect(loadAttempt({ attemptId, viewer: other })).rejects.toMatchObject({ status: 404 });
  expect(await saveResponses({ attemptId, userId: other.id, responses: new Map() })).toEqual({ status: "not-found" });
  expect(await finishAttempt({ attemptId, userId: other.id, closedBy: "learner" })).toEqual({ status: "not-found" });
});

test("item analysis counts options and flags a question strong candidates get wrong", async () => {
  const course = await courseWithAssessments();
  const assessment = await getAssessment({ courseSlug: course.slug, slug: "basics", locale: "en" });
  // Ten learners: the strong ones (all else right) pick the wrong option on b-1, the weak ones the right one.
  for (let i = 0; i < 10; i++) {
    const learner = await makeUser();
    await enrol({ user: learner, courseSlug: course.slug });
    const s = await startAttempt({ assessment, userId: learner.id });
    const id = (s as { attemptId: string }).attemptId;
    const strong = i < 5;
    await answerAll(id, learner.id, (title) =>
      title === "b-1"
        ? { type: "single", choice: strong ? 1 : 0 }
        : title === "b-2"
          ? { type: "truefalse", answer: strong || i === 9 }
          : { type: "short", text: strong ? "secure hash" : "no" },
    );
    await finishAttempt({ attemptId: id, userId: learner.id, closedBy: "learner" });
  }
  const analysis = await itemAnalysis({ assessmentId: assessment.id });
  expect(analysis.attemptCount).toBe(10);
  const b1 = analysis.stats.find((s) => s.question.title === "b-1")!;
  expect(b1.facility).toBeCloseTo(0.5);
  expect(b1.optionCounts).toMatchObject({ 0: 5, 1: 5 });
  expect(b1.discrimination).toBeLessThan(0);
  expect(b1.flags).toContain("negative-discrimination");
  expect(analysis.stats.find((s) => s.question.title === "b-2")!.facility).toBeCloseTo(0.6);
});

test("uploaded GIFT and Aiken join the bank; a file with an error adds nothing; the bank exports as GIFT", async () => {
  const course = await courseWithAssessments();
  const bad = await uploadQuestions({
    courseId: course.id,
    format: "gift",
    source: "::ok:: Fine {T}\n\n::bad:: Broken {=a ~b\n",
  });
  expect(bad.status).toBe("invalid");
  expect(await prisma.question.count({ where: { courseId: course.id, origin: "upload" } })).toBe(0);
  const aiken = await uploadQuestions({
    courseId: course.id,
    format: "aiken",
    category: "Imported",
    source: "Which port does HTTPS use?\nA. 80\nB. 443\nANSWER: B\n",
  });
  expect(aiken).toEqual({ status: "imported", count: 1, categories: ["Imported"] });
  const gift = await exportBankGift({ courseId: course.id });
  expect(gift).toContain("$CATEGORY: Imported");
  expect(gift).toContain("::b-1::");
  const again = await uploadQuestions({ courseId: course.id, format: "gift", source: gift });
  expect(again).toMatchObject({ status: "imported", count: 5 });
});

test("an assessment whose chosen questions are all unknown is refused, not saved with none", async () => {
  const course = await courseWithAssessments();
  const input = {
    title: "Ghost quiz",
    slug: `ghost-${uid()}`,
    attach: "practice",
    passMark: 70,
    feedback: "after-last" as const,
    shuffle: true,
    perPage: 5,
    fixed: ["file:archived-long-ago", "upload:never-existed"],
    draws: [] as { category: string; count: number }[],
  };
  const save = (fixed: string[]) =>
    saveBrowserAssessment({
      courseId: course.id,
      existingSlug: null,
      input: { ...input, fixed },
      moduleSlugs: [],
      sourceLocale: "en",
    });
  expect(await save(input.fixed)).toEqual({ status: "unknown-questions", keys: input.fixed });
  expect(
    await prisma.assessment.findUnique({ where: { courseId_slug: { courseId: course.id, slug: input.slug } } }),
  ).toBeNull();
  // One real question among unknown ones is enough: the unknown ones are dropped.
  const real = await prisma.question.findFirstOrThrow({
    where: { courseId: course.id, archivedAt: null, type: { not: "description" } },
  });
  expect(await save([...input.fixed, real.key])).toEqual({ status: "saved", slug: input.slug });
  const saved = await prisma.assessment.findUniqueOrThrow({
    where: { courseId_slug: { courseId: course.id, slug: input.slug } },
  });
  expect(saved.selection).toEqual([{ question: real.key, mark: 1 }]);
});

test("a learner flags questions for review with the same save as answers, and clears them", async () => {
  const { course, learner } = await enrolled();
  const assessment = await getAssessment({ courseSlug: course.slug, slug: "basics", locale: "en" });
  const attemptId = ((await startAttempt({ assessment, userId: learner.id })) as { attemptId: string }).attemptId;
  const flagsOf = async () =>
    (await loadAttempt({ attemptId, viewer: learner })).items.map((i) => [i.position, i.flagged] as const);
  expect(await flagsOf()).toEqual([
    [0, false],
    [1, false],
    [2, false],
  ]);
  // Flag 0 and 2 without answering; answer 1 in the same save.
  const first = await loadAttempt({ attemptId, viewer: learner });
  const answer = rightAnswer(first.items[1]!.question.title);
  expect(
    await saveResponses({
      attemptId,
      userId: learner.id,
      responses: new Map([[1, answer]]),
      flags: new Map([
        [0, true],
        [1, false],
        [2, true],
      ]),
    }),
  ).toEqual({ status: "saved", count: 3 });
  expect(await flagsOf()).toEqual([
    [0, true],
    [1, false],
    [2, true],
  ]);
  expect((await loadAttempt({ attemptId, viewer: learner })).items[1]!.response).toEqual(answer);
  // Cleared on one, the others kept (positions not sent keep their flag).
  await saveResponses({ attemptId, userId: learner.id, responses: new Map(), flags: new Map([[2, false]]) });
  expect(await flagsOf()).toEqual([
    [0, true],
    [1, false],
    [2, false],
  ]);
});

test("nobody flags another learner's attempt, and nothing is flagged after submitting", async () => {
  const { course, learner } = await enrolled();
  const other = await makeUser();
  await enrol({ user: other, courseSlug: course.slug });
  const assessment = await getAssessment({ courseSlug: course.slug, slug: "basics", locale: "en" });
  const attemptId = ((await startAttempt({ assessment, userId: learner.id })) as { attemptId: string }).attemptId;
  expect(
    await saveResponses({ attemptId, userId: other.id, responses: new Map(), flags: new Map([[0, true]]) }),
  ).toEqual({ status: "not-found" });
  expect(await prisma.attemptItem.count({ where: { attemptId, flagged: true } })).toBe(0);

  await saveResponses({ attemptId, userId: learner.id, responses: new Map(), flags: new Map([[0, true]]) });
  await finishAttempt({ attemptId, userId: learner.id, closedBy: "learner" });
  expect(
    await saveResponses({ attemptId, userId: learner.id, responses: new Map(), flags: new Map([[1, true]]) }),
  ).toEqual({ status: "closed", reason: "submitted" });
  expect(
    await saveResponses({ attemptId, userId: learner.id, responses: new Map(), flags: new Map([[0, false]]) }),
  ).toEqual({ status: "closed", reason: "submitted" });
  const flagged = await prisma.attemptItem.findMany({
    where: { attemptId, flagged: true },
    select: { position: true },
  });
  expect(flagged).toEqual([{ position: 0 }]);
});
