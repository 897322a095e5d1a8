/**
 * The one in-memory shape of a question, shared by the GIFT and Aiken readers, the GIFT
 * writer, the question bank (stored as JSON in Question.data), attempts (a snapshot per
 * attempt) and grading. Pure: no database, no rendering.
 *
 * Credits and weights are percentages of the question's mark (100 = full mark), as in
 * Moodle's GIFT (`%50%`). Negative weights are allowed for multiple response; grading never
 * lets a question score below zero.
 */
import { z } from "zod";

/** GIFT's text formats: `[moodle]` (the default: plain text, HTML-ish entities), `[html]` (sanitised), `[plain]`, `[markdown]`. */
export const TEXT_FORMATS = ["moodle", "html", "plain", "markdown"] as const;
export type TextFormat = (typeof TEXT_FORMATS)[number];

export const RichTextSchema = z.object({
  text: z.string().max(50_000),
  format: z.enum(TEXT_FORMATS).default("moodle"),
});
export type RichText = z.infer<typeof RichTextSchema>;

const Feedback = RichTextSchema.nullable().default(null);
const Credit = z.number().min(-100).max(100);

/** No control characters (a line break included): Moodle reads both from one comment line. */
const ONE_LINE = /^[^\u0000-\u001f\u007f]*$/;
/** An idnumber or tag as GIFT comments can carry it (see gift.ts): one trimmed line, no nested mark. */
const MarkValue = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(ONE_LINE, "must be one line without control characters")
    .refine((s) => s === s.trim(), "must not start or end with a space")
    .refine((s) => !s.includes("[id:") && !s.includes("[tag:"), "must not contain [id: or [tag:");
/** Moodle's tags cannot hold < or > (its PARAM_TAG drops them). */
export const TagSchema = MarkValue(255).refine((s) => !/[<>]/.test(s), "a tag cannot contain < or >");

const BaseSchema = z.object({
  /** GIFT `::title::`; in a course's files it is the question's stable key. */
  title: z.string().max(255).nullable().default(null),
  /** Category path from `$CATEGORY:` ("Evidence/Handling"); "" for the bank's top level. */
  category: z.string().max(255).default(""),
  /** The question text; for missing-word questions, the text before the blank. */
  stem: RichTextSchema,
  /** Missing-word questions: the text after the blank (GIFT `Mary had a {…} lamb.`). null otherwise. */
  tail: z.string().max(50_000).nullable().default(null),
  generalFeedback: Feedback,
  /** Moodle's "ID number" (GIFT comment `// [id:…]`), kept so that a re-import can be matched. */
  idnumber: MarkValue(100).nullable().default(null),
  /** Moodle's tags (GIFT comment `// [tag:…]`), in the order written, each once. */
  tags: z
    .array(TagSchema)
    .max(100)
    .default([])
    .refine((tags) => new Set(tags).size === tags.length, "a tag is given twice"),
});

export const ChoiceSchema = z.object({
  text: RichTextSchema,
  /** Percent of the mark: 100 for the right answer of a single choice, any of -100..100 for multiple response. */
  weight: Credit,
  feedback: Feedback,
});
export type Choice = z.infer<typeof ChoiceSchema>;

export const ShortAnswerSchema = z.object({
  text: z.string().min(1).max(1000),
  credit: z.number().min(0).max(100).default(100),
  feedback: Feedback,
});

export const NumericalAnswerSchema = z.discriminatedUnion("kind", [
  /** value ± tolerance (tolerance 0 = exact) */
  z.object({
    kind: z.literal("exact"),
    value: z.number(),
    tolerance: z.number().min(0).default(0),
    credit: z.number().min(0).max(100).default(100),
    feedback: Feedback,
  }),
  /** min..max inclusive */
  z.object({
    kind: z.literal("range"),
    min: z.number(),
    max: z.number(),
    credit: z.number().min(0).max(100).default(100),
    feedback: Feedback,
  }),
]);
export type NumericalAnswer = z.infer<typeof NumericalAnswerSchema>;

/** A left item has text: one without is a distractor (`distractors` below). */
export const MatchPairSchema = z.object({
  left: RichTextSchema.refine((left) => left.text.trim() !== "", "a matching pair needs a left item"),
  right: z.string().min(1).max(1000),
});

export const QuestionSchema = z.discriminatedUnion("type", [
  /** A text block between questions: no answer, no mark. */
  BaseSchema.extend({ type: z.literal("description") }),
  /** Exactly one answer is chosen. The best choice has weight 100; others 0 or partial (`~%50%`). */
  BaseSchema.extend({
    type: z.literal("single"),
    choices: z.array(ChoiceSchema).min(2).max(26),
    shuffle: z.boolean().default(true),
  }),
  /** Any number of answers are chosen; their weights add up, clamped to 0..100. */
  BaseSchema.extend({
    type: z.literal("multiple"),
    choices: z.array(ChoiceSchema).min(2).max(26),
    shuffle: z.boolean().default(true),
  }),
  BaseSchema.extend({
    type: z.literal("truefalse"),
    answer: z.boolean(),
    /** GIFT `{T#feedback if wrong#feedback if right}` */
    feedbackWrong: Feedback,
    feedbackRight: Feedback,
  }),
  BaseSchema.extend({
    type: z.literal("short"),
    answers: z.array(ShortAnswerSchema).min(1).max(50),
    caseSensitive: z.boolean().default(false),
  }),
  BaseSchema.extend({
    type: z.literal("numerical"),
    answers: z.array(NumericalAnswerSchema).min(1).max(50),
    /** Shown for any answer that matches none of `answers` (GIFT `~#Completely wrong`, Moodle's `*` answer). */
    otherFeedback: Feedback,
  }),
  /**
   * Each left item is matched to one right item; right items are shown shuffled, together
   * with the distractors: right items that match no left item (GIFT `= -> Chat`).
   */
  BaseSchema.extend({
    type: z.literal("matching"),
    pairs: z.array(MatchPairSchema).min(2).max(26),
    distractors: z.array(z.string().min(1).max(1000)).max(26).default([]),
  }),
  /** Items shown shuffled; the learner puts them in this order. Partial credit per item in its place. */
  BaseSchema.extend({ type: z.literal("ordering"), items: z.array(RichTextSchema).min(2).max(26) }),
  /** Free text graded by a trainer; `rubric` is shown to the grader only. */
  BaseSchema.extend({ type: z.literal("essay"), rubric: Feedback }),
]);
export type Question = z.infer<typeof QuestionSchema>;
export type QuestionType = Question["type"];
export const QUESTION_TYPES = [
  "description",
  "single",
  "multiple",
  "truefalse",
  "short",
  "numerical",
  "matching",
  "ordering",
  "essay",
] as const satisfies readonly QuestionType[];

/**
 * What a learner answered, per type (stored in AttemptAnswer.response). Choices, pairs and
 * items are referred to by their index in the question as stored (not as displayed).
 */
export const ResponseSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("single"), choice: z.number().int().min(0).nullable() }),
  z.object({ type: z.literal("multiple"), choices: z.array(z.number().int().min(0)).max(26) }),
  z.object({ type: z.literal("truefalse"), answer: z.boolean().nullable() }),
  z.object({ type: z.literal("short"), text: z.string().max(1000) }),
  z.object({ type: z.literal("numerical"), text: z.string().max(100) }),
  /**
   * matches[i] = the right item chosen for pair i (null: not answered): k < pairs.length is
   * pair k's right item, pairs.length + d is distractor d.
   */
  z.object({ type: z.literal("matching"), matches: z.array(z.number().int().min(0).nullable()).max(26) }),
  /** order = item indices in the order the learner put them */
  z.object({ type: z.literal("ordering"), order: z.array(z.number().int().min(0)).max(26) }),
  z.object({ type: z.literal("essay"), text: z.string().max(20_000) }),
]);
export type QuestionResponse = z.infer<typeof ResponseSchema>;

/** A parse problem, always with the 1-based line of the file it was found on. */
export type SourceError = { line: number; message: string };
export type ParseResult = { ok: true; questions: Question[] } | { ok: false; errors: SourceError[] };
