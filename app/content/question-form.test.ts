import { expect, test } from "vitest";
import { QUESTION_FORM_SCHEMAS, type EditableQuestionType } from "~/validation/question-forms";
import { parseGift, writeGift } from "./gift";
import { blankForm, checkAsGift, formFromQuestion, questionFromForm } from "./question-form";

/** A form as the browser sends it, parsed by the type's schema. */
function parse(type: EditableQuestionType, fields: Record<string, unknown>) {
  return QUESTION_FORM_SCHEMAS[type].safeParse({ type, format: "markdown", ...fields });
}

function messages(result: ReturnType<typeof parse>) {
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}:${i.message}`);
}

const VALID: Record<EditableQuestionType, Record<string, unknown>> = {
  single: {
    stem: "Which is evidence?",
    choices: [
      { text: "A log file", weight: 100, feedback: "Yes." },
      { text: "A rumour", weight: 0 },
    ],
    shuffle: true,
  },
  multiple: {
    stem: "Which are volatile?",
    choices: [
      { text: "RAM", weight: 50 },
      { text: "Running processes", weight: 50 },
      { text: "A printed report", weight: -100 },
    ],
  },
  truefalse: { stem: "Evidence must be preserved.", answer: "true", feedbackWrong: "Read module 2 again." },
  short: {
    stem: "Name the hash algorithm abbreviated SHA.",
    answers: [{ text: "Secure Hash Algorithm", credit: 100 }],
  },
  numerical: {
    stem: "How many days may data be preserved (Article 25)?",
    answers: [
      { kind: "exact", value: 90, tolerance: 0, credit: 100 },
      { kind: "range", min: 60, max: 120, credit: 50 },
    ],
    otherFeedback: "See Article 25.",
  },
  matching: {
    stem: "Match each term with its meaning.",
    pairs: [
      { left: "Hash", right: "A fingerprint of data" },
      { left: "Image", right: "A bit-for-bit copy" },
    ],
    distractors: ["A photograph"],
  },
  ordering: { stem: "Put the steps in order.", items: ["Identify", "Preserve", "Analyse"] },
  essay: { stem: "Explain the chain of custody.", rubric: "Who, when, why." },
};

test.each(Object.keys(VALID) as EditableQuestionType[])(
  "a valid %s form builds the question the importer reads",
  (type) => {
    const form = parse(type, VALID[type]);
    expect(messages(form)).toEqual([]);
    const built = questionFromForm(form.data!);
    if (!built.ok) throw new Error(built.problems.join("; "));
    expect(built.question.type).toBe(type);
    // What is stored is exactly what an export and re-import would give back.
    const again = parseGift(writeGift([built.question]));
    expect(again).toEqual({ ok: true, questions: [built.question] });
    // And the form shows it again as it was written.
    const shown = formFromQuestion(built.question)!;
    const rebuilt = questionFromForm(parse(type, shown as Record<string, unknown>).data!);
    expect(rebuilt).toEqual(built);
  },
);

test.each([
  [
    "single",
    {
      stem: "Q",
      choices: [
        { text: "A", weight: 0 },
        { text: "B", weight: 0 },
      ],
    },
    "choices:qedit.error.rightChoice",
  ],
  ["single", { stem: "Q", choices: [{ text: "A", weight: 100 }] }, "choices:qedit.error.twoChoices"],
  [
    "single",
    { stem: "Q", choices: [{ text: "A", weight: 100 }, { weight: 0 }] },
    "choices.1.text:qedit.error.required",
  ],
  ["single", { choices: [{ text: "A", weight: 100 }, { text: "B" }] }, "stem:qedit.error.required"],
  [
    "multiple",
    {
      stem: "Q",
      choices: [
        { text: "A", weight: -50 },
        { text: "B", weight: 0 },
      ],
    },
    "choices:qedit.error.positiveChoice",
  ],
  [
    "multiple",
    {
      stem: "Q",
      choices: [
        { text: "A", weight: 150 },
        { text: "B", weight: 0 },
      ],
    },
    "choices.0.weight:qedit.error.weight",
  ],
  ["truefalse", { stem: "Q" }, "answer:qedit.error.trueOrFalse"],
  ["short", { stem: "Q", answers: [] }, "answers:qedit.error.oneAnswer"],
  ["short", { stem: "Q", answers: [{ text: "A", credit: -10 }] }, "answers.0.credit:qedit.error.credit"],
  ["short", { stem: "Q", answers: [{ credit: 100 }] }, "answers.0.text:qedit.error.required"],
  [
    "numerical",
    { stem: "Q", answers: [{ kind: "range", min: 5, max: 1, credit: 100 }] },
    "answers.0.max:qedit.error.range",
  ],
  ["numerical", { stem: "Q", answers: [{ kind: "exact", credit: 100 }] }, "answers.0.value:qedit.error.number"],
  [
    "numerical",
    { stem: "Q", answers: [{ kind: "exact", value: 3, tolerance: -1 }] },
    "answers.0.tolerance:qedit.error.tolerance",
  ],
  ["matching", { stem: "Q", pairs: [{ left: "A", right: "1" }] }, "pairs:qedit.error.twoPairs"],
  ["matching", { stem: "Q", pairs: [{ left: "A", right: "1" }, { left: "B" }] }, "pairs.1.right:qedit.error.required"],
  ["ordering", { stem: "Q", items: ["Only one"] }, "items:qedit.error.twoItems"],
] as const)("a %s form the importer would refuse is refused: %j", (type, fields, message) => {
  expect(messages(parse(type, fields))).toContain(message);
});

test("the importer has the last word: a question its reader refuses is never built", () => {
  // The schema alone accepts a range that starts above its end; GIFT import refuses it.
  const range = {
    type: "numerical",
    title: null,
    category: "",
    stem: { text: "Q", format: "markdown" },
    tail: null,
    generalFeedback: null,
    idnumber: null,
    tags: [],
    answers: [{ kind: "range", min: 5, max: 1, credit: 100, feedback: null }],
    otherFeedback: null,
  };
  const checked = checkAsGift(range);
  expect(checked.ok).toBe(false);
  expect(checked.ok ? [] : checked.problems.join(" ")).toContain("starts above its end");
  expect(checkAsGift({ ...range, type: "single" }).ok).toBe(false);
});

test("texts come back as the importer reads them, and the idnumber and tags of an edited question are kept", () => {
  const form = parse("essay", { stem: "  Explain   why.  ", title: "  Why ", category: "/Writing/" });
  const original = {
    ...questionFromForm(parse("essay", { stem: "Old" }).data!),
  };
  if (!original.ok) throw new Error("original");
  const withMarks = { ...original.question, idnumber: "Q-17", tags: ["evidence"] };
  const built = questionFromForm(form.data!, withMarks);
  if (!built.ok) throw new Error(built.problems.join("; "));
  expect(built.question).toMatchObject({
    title: "Why",
    category: "Writing",
    stem: { text: "Explain   why.", format: "markdown" },
    idnumber: "Q-17",
    tags: ["evidence"],
  });
});

test("a new form starts with enough rows for its type", () => {
  expect(blankForm("single").choices).toHaveLength(3);
  expect(blankForm("matching").pairs).toHaveLength(3);
  expect(blankForm("ordering").items).toHaveLength(3);
  expect(blankForm("short").answers).toHaveLength(1);
});
