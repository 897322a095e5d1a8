/**
 * The question editor's forms (/author/<slug>/questions/new?type=… and /questions/<id>): one
 * schema per question type, used by the page (conform, on blur) and by the action. They check
 * what a person can fix field by field; the action then builds the question and reads it back
 * through the GIFT importer (app/content/question-form.ts), so a question written here is never
 * one the importer would refuse. Messages are catalogue keys (`qedit.error.*`).
 */
import { z } from "zod";
import { multiline, oneLine } from "./text";

/** The types a trainer can write in the browser: every type that asks something (descriptions stay in files and uploads). */
export const EDITABLE_QUESTION_TYPES = [
  "single",
  "multiple",
  "truefalse",
  "short",
  "numerical",
  "matching",
  "ordering",
  "essay",
] as const;
export type EditableQuestionType = (typeof EDITABLE_QUESTION_TYPES)[number];

/** The question text formats (questions.ts TEXT_FORMATS), Markdown first: the one trainers write elsewhere too. */
export const QUESTION_TEXT_FORMATS = ["markdown", "moodle", "plain", "html"] as const;

const MAX_TEXT = 50_000;

const requiredText = (max = MAX_TEXT) =>
  multiline(
    z
      .string({ required_error: "qedit.error.required" })
      .trim()
      .min(1, "qedit.error.required")
      .max(max, "qedit.error.tooLong"),
  );
const optionalText = (max = MAX_TEXT) => multiline(z.string().trim().max(max, "qedit.error.tooLong")).optional();
const requiredLine = (max: number) =>
  oneLine(
    z
      .string({ required_error: "qedit.error.required" })
      .trim()
      .min(1, "qedit.error.required")
      .max(max, "qedit.error.tooLong"),
  );
const number = () =>
  z
    .number({ required_error: "qedit.error.number", invalid_type_error: "qedit.error.number" })
    .finite("qedit.error.number");
const credit = (min: number) =>
  number()
    .min(min, min < 0 ? "qedit.error.weight" : "qedit.error.credit")
    .max(100, min < 0 ? "qedit.error.weight" : "qedit.error.credit");
const list = <T extends z.ZodTypeAny>(item: T, min: number, minMessage: string) =>
  z.array(item, { required_error: minMessage }).min(min, minMessage).max(26, "qedit.error.tooMany");

const base = {
  title: oneLine(z.string().trim().max(255, "qedit.error.tooLong")).optional(),
  category: oneLine(z.string().trim().max(255, "qedit.error.tooLong")).optional(),
  format: z.enum(QUESTION_TEXT_FORMATS).default("markdown"),
  stem: requiredText(),
  /** Missing-word questions (GIFT `Mary had a {…} lamb.`): the text after the blank. */
  tail: optionalText(),
  generalFeedback: optionalText(),
};

const ChoiceRow = z.object({ text: requiredText(), weight: credit(-100).default(0), feedback: optionalText() });

const choiceSchema = <T extends "single" | "multiple">(type: T) =>
  z
    .object({
      ...base,
      type: z.literal(type),
      choices: list(ChoiceRow, 2, "qedit.error.twoChoices"),
      shuffle: z.boolean().default(false),
    })
    .refine((q) => q.choices.some((c) => c.weight > 0), {
      path: ["choices"],
      message: type === "single" ? "qedit.error.rightChoice" : "qedit.error.positiveChoice",
    });

export const SingleChoiceFormSchema = choiceSchema("single");
export const MultipleChoiceFormSchema = choiceSchema("multiple");

export const TrueFalseFormSchema = z.object({
  ...base,
  type: z.literal("truefalse"),
  answer: z.enum(["true", "false"], { required_error: "qedit.error.trueOrFalse" }),
  feedbackRight: optionalText(),
  feedbackWrong: optionalText(),
});

export const ShortAnswerFormSchema = z.object({
  ...base,
  type: z.literal("short"),
  answers: list(
    z.object({ text: requiredLine(1000), credit: credit(0).default(100), feedback: optionalText() }),
    1,
    "qedit.error.oneAnswer",
  ),
  caseSensitive: z.boolean().default(false),
});

const NumericalRow = z
  .object({
    kind: z.enum(["exact", "range"]).default("exact"),
    value: number().optional(),
    tolerance: number().min(0, "qedit.error.tolerance").optional(),
    min: number().optional(),
    max: number().optional(),
    credit: credit(0).default(100),
    feedback: optionalText(),
  })
  .superRefine((row, ctx) => {
    const missing = (path: string) => ctx.addIssue({ code: "custom", path: [path], message: "qedit.error.number" });
    if (row.kind === "exact" && row.value === undefined) missing("value");
    if (row.kind === "range") {
      if (row.min === undefined) missing("min");
      if (row.max === undefined) missing("max");
      if (row.min !== undefined && row.max !== undefined && row.min > row.max)
        ctx.addIssue({ code: "custom", path: ["max"], message: "qedit.error.range" });
    }
  });

export const NumericalFormSchema = z.object({
  ...base,
  type: z.literal("numerical"),
  answers: list(NumericalRow, 1, "qedit.error.oneAnswer"),
  otherFeedback: optionalText(),
});

export const MatchingFormSchema = z.object({
  ...base,
  type: z.literal("matching"),
  pairs: list(z.object({ left: requiredText(), right: requiredLine(1000) }), 2, "qedit.error.twoPairs"),
  distractors: z.array(requiredLine(1000)).max(26, "qedit.error.tooMany").default([]),
});

export const OrderingFormSchema = z.object({
  ...base,
  type: z.literal("ordering"),
  items: list(requiredText(), 2, "qedit.error.twoItems"),
});

export const EssayFormSchema = z.object({ ...base, type: z.literal("essay"), rubric: optionalText() });

export const QUESTION_FORM_SCHEMAS = {
  single: SingleChoiceFormSchema,
  multiple: MultipleChoiceFormSchema,
  truefalse: TrueFalseFormSchema,
  short: ShortAnswerFormSchema,
  numerical: NumericalFormSchema,
  matching: MatchingFormSchema,
  ordering: OrderingFormSchema,
  essay: EssayFormSchema,
} as const;

export type QuestionFormValue = {
  [T in EditableQuestionType]: z.infer<(typeof QUESTION_FORM_SCHEMAS)[T]>;
}[EditableQuestionType];

/** `?type=` of the new-question page, and `?from=<id>` to start from a copy of another question. */
export const NewQuestionQuerySchema = z.object({
  type: z.enum(EDITABLE_QUESTION_TYPES),
  from: z.string().uuid().optional(),
});

/**
 * Every field any of the forms has, as the page holds them before validation (strings from
 * inputs, lists of rows): what the one editor component reads and writes.
 */
export type QuestionFormFields = {
  type: EditableQuestionType;
  title?: string;
  category?: string;
  format?: (typeof QUESTION_TEXT_FORMATS)[number];
  stem?: string;
  tail?: string;
  generalFeedback?: string;
  shuffle?: boolean;
  choices?: { text?: string; weight?: number; feedback?: string }[];
  answer?: "true" | "false";
  feedbackRight?: string;
  feedbackWrong?: string;
  answers?: {
    text?: string;
    credit?: number;
    feedback?: string;
    kind?: "exact" | "range";
    value?: number;
    tolerance?: number;
    min?: number;
    max?: number;
  }[];
  caseSensitive?: boolean;
  otherFeedback?: string;
  pairs?: { left?: string; right?: string }[];
  distractors?: string[];
  items?: string[];
  rubric?: string;
};

/** `?draw=<n>` of the "preview as officer" assessment page: which draw to show (another number, other questions). */
export const PreviewDrawQuerySchema = z.object({
  draw: z.coerce.number().int().min(0).max(1_000_000).catch(0),
});
