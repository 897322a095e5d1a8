import { z } from "zod";
import { oneLine } from "./text";

/** GIFT and Aiken files up to 2 MB (the parsers refuse more too). */
export const MAX_QUESTION_FILE_BYTES = 2 * 1024 * 1024;

/** The question-bank upload: a file or pasted text, its format, and a category for questions that name none. */
export const QuestionUploadSchema = z.object({
  format: z.enum(["gift", "aiken"]),
  category: z
    .string()
    .trim()
    .max(255)
    .transform((c) => c.replace(/^\/+|\/+$/g, "")),
  text: z
    .string()
    .min(1)
    .max(MAX_QUESTION_FILE_BYTES)
    // PostgreSQL text cannot hold NUL: a file with one is not a text file (a .docx, a UTF-16 export).
    .refine((text) => !text.includes("\u0000"), "inputSafety.fileNotText"),
});

/** The upload form as sent: the file (if one was chosen) wins over the pasted text. */
export const QuestionUploadFormSchema = z.object({
  format: z.enum(["gift", "aiken"]),
  category: z.string().default(""),
  text: z.string().default(""),
  file: z
    .instanceof(File)
    .optional()
    .refine((file) => !file || file.size <= MAX_QUESTION_FILE_BYTES, "bank.error.tooLarge"),
});

/** Archiving one question of the bank. */
export const ArchiveQuestionSchema = z.object({ intent: z.literal("archive"), questionId: z.string().min(1).max(100) });

/** A trainer's grade for an essay: points out of the question's mark (the model checks the upper bound) and a comment. */
export const GradeEssaySchema = z.object({
  itemId: z.string().uuid(),
  points: z.coerce.number().min(0).max(1000),
  comment: z.string().max(5000).default(""),
});

const optionalInt = (max: number) =>
  z.preprocess(
    (v) => (v === "" || v === null || v === undefined ? undefined : v),
    z.coerce.number().int().min(1).max(max).optional(),
  );

/**
 * An assessment built in the browser. `attach` is "module:<slug>", "final" or "practice";
 * the questions are the checked `fixed` keys plus `draws` (category → how many at random).
 * The action reads the form into this shape; the page mirrors its limits as HTML attributes.
 */
export const AssessmentFormSchema = z.object({
  title: oneLine(z.string().trim().min(1, "assessments.form.error.title").max(200)),
  slug: z
    .string()
    .trim()
    .min(2, "assessments.form.error.slug")
    .max(80)
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "assessments.form.error.slug"),
  attach: z.string().regex(/^(module:[a-z0-9-]+|final|practice)$/),
  passMark: z.coerce.number().int().min(0).max(100),
  attempts: optionalInt(100),
  timeLimit: optionalInt(600),
  feedback: z.enum(["immediately", "after-last", "never"]),
  shuffle: z.boolean(),
  perPage: z.coerce.number().int().min(1).max(50),
  fixed: z.array(z.string().max(300)).max(200),
  draws: z.array(z.object({ category: z.string().max(255), count: z.number().int().min(1).max(200) })).max(100),
});
export type AssessmentForm = z.infer<typeof AssessmentFormSchema>;

/** Reads the builder's form (repeated `fixed` checkboxes, one `draw:<category>` number per category). */
export function assessmentFormValues(form: FormData) {
  const draws: { category: string; count: number }[] = [];
  for (const [name, value] of form.entries()) {
    if (!name.startsWith("draw:") || typeof value !== "string" || value.trim() === "") continue;
    const count = Number(value);
    if (Number.isInteger(count) && count > 0) draws.push({ category: name.slice(5), count });
  }
  return {
    title: form.get("title") ?? "",
    slug: form.get("slug") ?? "",
    attach: form.get("attach") ?? "",
    passMark: form.get("passMark") ?? "",
    attempts: form.get("attempts") ?? "",
    timeLimit: form.get("timeLimit") ?? "",
    feedback: form.get("feedback") ?? "",
    shuffle: form.get("shuffle") === "on",
    perPage: form.get("perPage") ?? "",
    fixed: form.getAll("fixed").map(String),
    draws,
  };
}

/**
 * The attempt page's `?page=`: a page number or "summary". Anything else (a line break, a word)
 * reads as the first page, so the redirect after saving answers can always be built.
 */
export const AttemptPageQuerySchema = z.object({
  page: z
    .union([z.literal("summary"), z.string().regex(/^\d{1,3}$/)])
    .optional()
    .catch(undefined),
});
