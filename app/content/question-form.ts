/**
 * Between the question editor's forms (app/validation/question-forms.ts) and the one Question
 * shape (questions.ts). A question written in the browser is built, then written as GIFT and
 * read back by the GIFT importer: what is stored is what the importer read, so the question
 * is never one an import would refuse, and exporting it and importing it again gives it back
 * unchanged. Pure: no database, no rendering.
 */
import { parseGift, writeGift } from "./gift";
import { QuestionSchema, type Question, type RichText, type TextFormat } from "./questions";
import type { EditableQuestionType, QuestionFormFields, QuestionFormValue } from "~/validation/question-forms";

export type BuildResult = { ok: true; question: Question } | { ok: false; problems: string[] };

/** Every text of a question takes the question text's format (as GIFT answers and feedback do by default). */
function rich(text: string, format: TextFormat): RichText {
  return { text, format };
}
const maybe = (text: string | undefined, format: TextFormat) => (text ? rich(text, format) : null);

/**
 * The question a valid form describes. `original` (when editing) keeps what the form does not
 * show: Moodle's idnumber and tags.
 */
export function questionFromForm(value: QuestionFormValue, original: Question | null = null): BuildResult {
  const f = value.format;
  const common = {
    title: value.title ?? null,
    category: (value.category ?? "").replace(/^\/+|\/+$/g, ""),
    stem: rich(value.stem, f),
    tail: value.tail || null,
    generalFeedback: maybe(value.generalFeedback, f),
    idnumber: original?.idnumber ?? null,
    tags: original?.tags ?? [],
  };
  let candidate: unknown;
  switch (value.type) {
    case "single":
    case "multiple":
      candidate = {
        ...common,
        type: value.type,
        shuffle: value.shuffle,
        choices: value.choices.map((c) => ({
          text: rich(c.text, f),
          weight: c.weight,
          feedback: maybe(c.feedback, f),
        })),
      };
      break;
    case "truefalse":
      candidate = {
        ...common,
        type: "truefalse",
        answer: value.answer === "true",
        feedbackRight: maybe(value.feedbackRight, f),
        feedbackWrong: maybe(value.feedbackWrong, f),
      };
      break;
    case "short":
      candidate = {
        ...common,
        type: "short",
        caseSensitive: value.caseSensitive,
        answers: value.answers.map((a) => ({ text: a.text, credit: a.credit, feedback: maybe(a.feedback, f) })),
      };
      break;
    case "numerical":
      candidate = {
        ...common,
        type: "numerical",
        otherFeedback: maybe(value.otherFeedback, f),
        answers: value.answers.map((a) =>
          a.kind === "range"
            ? { kind: "range", min: a.min, max: a.max, credit: a.credit, feedback: maybe(a.feedback, f) }
            : {
                kind: "exact",
                value: a.value,
                tolerance: a.tolerance ?? 0,
                credit: a.credit,
                feedback: maybe(a.feedback, f),
              },
        ),
      };
      break;
    case "matching":
      candidate = {
        ...common,
        type: "matching",
        pairs: value.pairs.map((p) => ({ left: rich(p.left, f), right: p.right })),
        distractors: value.distractors,
      };
      break;
    case "ordering":
      candidate = { ...common, type: "ordering", items: value.items.map((item) => rich(item, f)) };
      break;
    case "essay":
      candidate = { ...common, type: "essay", rubric: maybe(value.rubric, f) };
      break;
  }
  return checkAsGift(candidate);
}

/**
 * The importer's verdict on a question: the schema, then GIFT out and back in. The question
 * returned is the one read back (GIFT trims texts, for instance), which is what an export and
 * re-import of the course would give.
 */
export function checkAsGift(candidate: unknown): BuildResult {
  const schema = QuestionSchema.safeParse(candidate);
  if (!schema.success)
    return {
      ok: false,
      problems: schema.error.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)),
    };
  const read = parseGift(writeGift([schema.data]));
  if (!read.ok) return { ok: false, problems: read.errors.map((e) => e.message) };
  if (read.questions.length !== 1) return { ok: false, problems: ["the question does not read back as one question"] };
  return { ok: true, question: read.questions[0]! };
}

/** The form's fields for an existing question (to edit it, or to start a copy). */
export function formFromQuestion(q: Question): QuestionFormFields | null {
  if (q.type === "description") return null;
  const common = {
    title: q.title ?? "",
    category: q.category,
    format: q.stem.format,
    stem: q.stem.text,
    tail: q.tail ?? "",
    generalFeedback: q.generalFeedback?.text ?? "",
  };
  switch (q.type) {
    case "single":
    case "multiple":
      return {
        ...common,
        type: q.type,
        shuffle: q.shuffle,
        choices: q.choices.map((c) => ({ text: c.text.text, weight: c.weight, feedback: c.feedback?.text ?? "" })),
      };
    case "truefalse":
      return {
        ...common,
        type: "truefalse",
        answer: q.answer ? "true" : "false",
        feedbackRight: q.feedbackRight?.text ?? "",
        feedbackWrong: q.feedbackWrong?.text ?? "",
      };
    case "short":
      return {
        ...common,
        type: "short",
        caseSensitive: q.caseSensitive,
        answers: q.answers.map((a) => ({ text: a.text, credit: a.credit, feedback: a.feedback?.text ?? "" })),
      };
    case "numerical":
      return {
        ...common,
        type: "numerical",
        otherFeedback: q.otherFeedback?.text ?? "",
        answers: q.answers.map((a) =>
          a.kind === "exact"
            ? {
                kind: "exact",
                value: a.value,
                tolerance: a.tolerance,
                credit: a.credit,
                feedback: a.feedback?.text ?? "",
              }
            : { kind: "range", min: a.min, max: a.max, credit: a.credit, feedback: a.feedback?.text ?? "" },
        ),
      };
    case "matching":
      return {
        ...common,
        type: "matching",
        pairs: q.pairs.map((p) => ({ left: p.left.text, right: p.right })),
        distractors: q.distractors,
      };
    case "ordering":
      return { ...common, type: "ordering", items: q.items.map((i) => i.text) };
    case "essay":
      return { ...common, type: "essay", rubric: q.rubric?.text ?? "" };
  }
}

/** What a new question of each type starts with: enough rows to be valid once filled in. */
export function blankForm(type: EditableQuestionType): QuestionFormFields {
  const common = { type, title: "", category: "", format: "markdown" as const, stem: "", generalFeedback: "" };
  switch (type) {
    case "single":
      return { ...common, shuffle: true, choices: [{ weight: 100 }, { weight: 0 }, { weight: 0 }] };
    case "multiple":
      return { ...common, shuffle: true, choices: [{ weight: 50 }, { weight: 50 }, { weight: 0 }] };
    case "truefalse":
      return { ...common };
    case "short":
      return { ...common, caseSensitive: false, answers: [{ credit: 100 }] };
    case "numerical":
      return { ...common, answers: [{ kind: "exact", credit: 100, tolerance: 0 }] };
    case "matching":
      return { ...common, pairs: [{}, {}, {}], distractors: [] };
    case "ordering":
      return { ...common, items: ["", "", ""] };
    case "essay":
      return { ...common };
  }
}
