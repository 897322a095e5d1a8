import { expect, test } from "vitest";
import { reviewView } from "~/assessments/view.server";
import { parseGift, writeGift } from "~/content/gift";
import { QuestionSchema } from "~/content/questions";
import { prisma } from "~/utils/db.server";
import { QUESTION_FORM_SCHEMAS, type EditableQuestionType, type QuestionFormValue } from "~/validation/question-forms";
import { courseDocument, makeCourse, makeUser, uid } from "../../test/factories";
import { finishAttempt, getAssessment, loadAttempt, saveResponses, startAttempt } from "./assessments.server";
import { requireEditableCourse } from "./course-authoring.server";
import { publishCourseDocument } from "./courses.server";
import { enrol } from "./enrolments.server";
import { previewAssessmentAsOfficer, previewCourseAsOfficer, previewModuleAsOfficer } from "./officer-preview.server";
import { saveBrowserAssessment } from "./question-bank.server";
import { previewItem, questionForEditing, saveBrowserQuestion } from "./question-editor.server";

function form(type: EditableQuestionType, fields: Record<string, unknown>): QuestionFormValue {
  return QUESTION_FORM_SCHEMAS[type].parse({ type, format: "markdown", ...fields });
}

const FORMS: Record<EditableQuestionType, Record<string, unknown>> = {
  single: { stem: "Which is evidence?", choices: [{ text: "A log file", weight: 100 }, { text: "A rumour" }] },
  multiple: {
    stem: "Which are volatile?",
    choices: [
      { text: "RAM", weight: 100 },
      { text: "Paper", weight: -50 },
    ],
  },
  truefalse: { stem: "Evidence must be preserved.", answer: "true" },
  short: { stem: "SHA stands for?", answers: [{ text: "Secure Hash Algorithm" }], caseSensitive: true },
  numerical: { stem: "Days of preservation?", answers: [{ kind: "exact", value: 90, tolerance: 5 }] },
  matching: {
    stem: "Match.",
    pairs: [
      { left: "Hash", right: "Fingerprint" },
      { left: "Image", right: "Copy" },
    ],
  },
  ordering: { stem: "Order the steps.", items: ["Identify", "Preserve"] },
  essay: { stem: "Explain custody.", rubric: "Who, when, why." },
};

async function trainerCourse() {
  const trainer = await makeUser("TRAINER");
  const course = await makeCourse({ maintainerId: trainer.id });
  return { trainer, course };
}

test.each(Object.keys(FORMS) as EditableQuestionType[])(
  "a trainer writes a %s question: stored as the GIFT importer reads it, origin browser, audited",
  async (type) => {
    const { trainer, course } = await trainerCourse();
    const saved = await saveBrowserQuestion({
      courseId: course.id,
      questionId: null,
      input: form(type, FORMS[type]),
      actorId: trainer.id,
    });
    if (saved.status !== "saved") throw new Error(saved.status);
    const row = await prisma.question.findUniqueOrThrow({ where: { id: saved.id } });
    expect(row).toMatchObject({ origin: "browser", type, courseId: course.id });
    expect(row.key).toMatch(/^browser:/);
    const question = QuestionSchema.parse(row.data);
    expect(parseGift(writeGift([question]))).toEqual({ ok: true, questions: [question] });
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { action: "questions.created", detail: { path: ["questionId"], equals: saved.id } },
    });
    expect(audit.actorId).toBe(trainer.id);
    // The preview carries the question and nothing that gives the answer away.
    const view = JSON.stringify(previewItem(question));
    expect(view).toContain(question.stem.text.slice(0, 10));
    expect(view).not.toMatch(/weight|credit|feedback|rubric|"answer"/);
  },
);

test("editing keeps the key and records who; a file question and another type are refused; another course's question is not found", async () => {
  const { trainer, course } = await trainerCourse();
  const created = await saveBrowserQuestion({
    courseId: course.id,
    questionId: null,
    input: form("single", FORMS.single),
    actorId: trainer.id,
  });
  if (created.status !== "saved") throw new Error(created.status);
  const before = await prisma.question.findUniqueOrThrow({ where: { id: created.id } });
  const edited = await saveBrowserQuestion({
    courseId: course.id,
    questionId: created.id,
    input: form("single", { ...FORMS.single, stem: "Which of these is evidence?" }),
    actorId: trainer.id,
  });
  expect(edited).toMatchObject({ status: "saved", id: created.id, created: false });
  const after = await questionForEditing({ courseId: course.id, questionId: created.id });
  expect(after.key).toBe(before.key);
  expect(after.question.stem.text).toBe("Which of these is evidence?");
  expect(after.lastEditedBy).toBe(trainer.name);
  expect(after.updatedAt.getTime()).toBeGreaterThanOrEqual(before.updatedAt.getTime());

  expect(
    await saveBrowserQuestion({
      courseId: course.id,
      questionId: created.id,
      input: form("essay", FORMS.essay),
      actorId: trainer.id,
    }),
  ).toEqual({ status: "wrong-type" });

  const file = await prisma.question.create({
    data: { courseId: course.id, key: `file:${uid()}`, origin: "file", type: "essay", data: before.data ?? {} },
  });
  expect(
    await saveBrowserQuestion({
      courseId: course.id,
      questionId: file.id,
      input: form("essay", FORMS.essay),
      actorId: trainer.id,
    }),
  ).toEqual({ status: "from-files" });

  const other = await makeCourse();
  await expect(questionForEditing({ courseId: other.id, questionId: created.id })).rejects.toMatchObject({
    status: 404,
  });
  await expect(
    saveBrowserQuestion({
      courseId: other.id,
      questionId: created.id,
      input: form("single", FORMS.single),
      actorId: trainer.id,
    }),
  ).rejects.toMatchObject({ status: 404 });
  // Nothing of the refused edits was written.
  expect((await questionForEditing({ courseId: course.id, questionId: created.id })).question.stem.text).toBe(
    "Which of these is evidence?",
  );
});

test("only the course's trainers and administrators reach the editor: another trainer and a learner are refused", async () => {
  const { course } = await trainerCourse();
  const slug = (await prisma.course.findUniqueOrThrow({ where: { id: course.id } })).slug;
  const otherTrainer = await makeUser("TRAINER");
  const learner = await makeUser("LEARNER");
  const admin = await makeUser("ADMIN");
  await expect(requireEditableCourse({ slug, user: otherTrainer })).rejects.toMatchObject({ status: 403 });
  await expect(requireEditableCourse({ slug, user: learner })).rejects.toMatchObject({ status: 403 });
  await expect(requireEditableCourse({ slug, user: admin })).resolves.toMatchObject({ id: course.id });
});

test("editing a question used by a past attempt leaves that attempt exactly as it was", async () => {
  const { trainer, course } = await trainerCourse();
  const created = await saveBrowserQuestion({
    courseId: course.id,
    questionId: null,
    input: form("single", FORMS.single),
    actorId: trainer.id,
  });
  if (created.status !== "saved") throw new Error(created.status);
  const key = (await prisma.question.findUniqueOrThrow({ where: { id: created.id } })).key;
  const slug = `q-${uid()}`;
  expect(
    await saveBrowserAssessment({
      courseId: course.id,
      existingSlug: null,
      input: {
        title: "Check",
        slug,
        attach: "practice",
        passMark: 50,
        feedback: "immediately",
        shuffle: false,
        perPage: 5,
        fixed: [key],
        draws: [],
      },
      moduleSlugs: [],
      sourceLocale: "en",
    }),
  ).toEqual({ status: "saved", slug });
  const learner = await makeUser();
  const courseSlug = (await prisma.course.findUniqueOrThrow({ where: { id: course.id } })).slug;
  await enrol({ user: learner, courseSlug });
  const assessment = await getAssessment({ courseSlug, slug, locale: "en" });
  const started = await startAttempt({ assessment, userId: learner.id });
  if (started.status !== "started") throw new Error(started.status);
  await saveResponses({
    attemptId: started.attemptId,
    userId: learner.id,
    responses: new Map([[0, { type: "single", choice: 0 }]]),
  });
  await finishAttempt({ attemptId: started.attemptId, userId: learner.id, closedBy: "learner" });
  const past = await loadAttempt({ attemptId: started.attemptId, viewer: learner });
  const review = (a: typeof past) => reviewView(a.items[0]!, { showAnswers: true, feedback: [] });

  // The trainer rewrites the question: new text, the right answer moved.
  const edited = await saveBrowserQuestion({
    courseId: course.id,
    questionId: created.id,
    input: form("single", {
      stem: "Which one is NOT evidence?",
      choices: [
        { text: "A log file", weight: 0 },
        { text: "A rumour", weight: 100 },
      ],
    }),
    actorId: trainer.id,
  });
  expect(edited.status).toBe("saved");

  const again = await loadAttempt({ attemptId: started.attemptId, viewer: learner });
  expect(again.items).toEqual(past.items);
  expect(again.percent).toBe(past.percent);
  expect(again.passed).toBe(true);
  expect(review(again).stemHtml).toContain("Which is evidence?");
  expect(review(again).review?.correct).toEqual({ kind: "choices", indices: [0] });

  // A new attempt asks the question as it is now.
  const next = await startAttempt({ assessment, userId: learner.id });
  if (next.status !== "started") throw new Error(next.status);
  const fresh = await loadAttempt({ attemptId: next.attemptId, viewer: learner });
  expect(fresh.items[0]!.question.stem.text).toBe("Which one is NOT evidence?");
});

test("preview as officer shows the draft's modules and assessments, draws questions and records nothing", async () => {
  const trainer = await makeUser("TRAINER");
  const slug = `p-${uid()}`;
  const doc = courseDocument(slug);
  doc.files = [
    {
      path: "assessments/bank.gift",
      content: "$CATEGORY: Basics\n\n::b-1:: Which is evidence? {=A log ~A rumour}\n\n::b-2:: Logs matter. {T}\n",
    },
    {
      path: "assessments/check.yml",
      content: "title: Module two check\nmodule: two\nquestions:\n  - category: Basics\n    count: 2\n",
    },
  ];
  const published = await publishCourseDocument({ doc, origin: "import" });
  if (published.status !== "published") throw new Error(published.status);
  await prisma.courseMaintainer.create({ data: { courseId: published.courseId, userId: trainer.id } });
  // A draft that renames module two: the preview shows the draft, not what is published.
  const draft = structuredClone(doc);
  draft.modules[1]!.texts.en = { title: "Module two, rewritten", body: "New **body** of two." };
  await prisma.course.update({
    where: { id: published.courseId },
    data: { draft: draft as never, draftUpdatedAt: new Date() },
  });
  const course = await requireEditableCourse({ slug, user: trainer });
  const attemptsBefore = await prisma.attempt.count();
  const progressBefore = await prisma.moduleProgress.count();

  const outline = await previewCourseAsOfficer({ course, locale: "en" });
  expect(outline.isDraft).toBe(true);
  expect(outline.modules.map((m) => [m.title, m.assessment?.slug ?? null])).toEqual([
    ["Module one", null],
    ["Module two, rewritten", "check"],
    ["Module three", null],
  ]);
  const module = await previewModuleAsOfficer({ course, moduleSlug: "two", locale: "fr" });
  expect(module.html).toContain("<strong>body</strong>");
  expect(module.fallback).toBe(true);
  expect(module.next?.slug).toBe("three");
  await expect(previewModuleAsOfficer({ course, moduleSlug: "nowhere", locale: "en" })).rejects.toMatchObject({
    status: 404,
  });

  const check = await previewAssessmentAsOfficer({ course, slug: "check", locale: "en", seed: "s" });
  if (check.status !== "ok") throw new Error(check.status);
  expect(
    check.pages
      .flatMap((p) => p.items)
      .map((i) => i.type)
      .sort(),
  ).toEqual(["single", "truefalse"]);
  expect(JSON.stringify(check)).not.toMatch(/weight|"answer"/);
  await expect(previewAssessmentAsOfficer({ course, slug: "nowhere", locale: "en", seed: "s" })).rejects.toMatchObject({
    status: 404,
  });
  expect(await prisma.attempt.count()).toBe(attemptsBefore);
  expect(await prisma.moduleProgress.count()).toBe(progressBefore);
});
