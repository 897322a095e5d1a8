import { z } from "zod";

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
  text: z.string().min(1).max(MAX_QUESTION_FILE_BYTES),
});

/** A trainer's grade for an essay: points out of the question's mark (the model checks the upper bound) and a comment. */
export const GradeEssaySchema = z.object({
  itemId: z.string().uuid(),
  points: z.coerce.number().min(0).max(1000),
  comment: z.string().max(5000).default(""),
});
