/** Schemas shared by the authoring and catalogue forms and their actions. Messages are catalogue keys. */
import { z } from "zod";
import {
  AUDIENCES,
  CERTIFICATE_POLICIES,
  ENROLMENT_POLICIES,
  LEVELS,
  LocaleTagSchema,
} from "~/content/course-document";
import { multiline, oneLine } from "./text";

const slug = z
  .string({ required_error: "validation.slug.invalid" })
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "validation.slug.invalid")
  .min(2, "validation.slug.invalid")
  .max(80, "validation.slug.invalid");

const slugList = z
  .string()
  .optional()
  .default("")
  .transform((value) =>
    value
      .split(/[\s,]+/)
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean),
  )
  .pipe(
    z
      .array(z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "validation.slugList.invalid"))
      .max(20, "validation.slugList.invalid"),
  );

const title = oneLine(
  z
    .string({ required_error: "validation.title.required" })
    .trim()
    .min(1, "validation.title.required")
    .max(200, "validation.title.tooLong"),
);
const summary = multiline(
  z
    .string({ required_error: "validation.summary.required" })
    .trim()
    .min(1, "validation.summary.required")
    .max(1000, "validation.summary.tooLong"),
);
const locale = z
  .string({ required_error: "validation.language.invalid" })
  .trim()
  .pipe(LocaleTagSchema.refine(() => true, "validation.language.invalid"));
const markdown = z.string().max(200_000, "validation.markdown.tooLong").optional().default("");

export const NewCourseSchema = z.object({ slug, title, summary, sourceLocale: locale });
export type NewCourseInput = z.infer<typeof NewCourseSchema>;

export const CourseDetailsSchema = z.object({
  locale,
  title,
  summary,
  body: markdown,
  level: z.enum(LEVELS, { errorMap: () => ({ message: "validation.level.invalid" }) }),
  topics: slugList,
  hours: z.coerce
    .number({ invalid_type_error: "validation.hours.invalid" })
    .positive("validation.hours.invalid")
    .max(500, "validation.hours.invalid"),
  passMark: z.coerce
    .number({ invalid_type_error: "validation.passMark.invalid" })
    .int("validation.passMark.invalid")
    .min(0, "validation.passMark.invalid")
    .max(100, "validation.passMark.invalid"),
  enrolment: z.enum(ENROLMENT_POLICIES, { errorMap: () => ({ message: "validation.enrolment.invalid" }) }),
  certificate: z.enum(CERTIFICATE_POLICIES, { errorMap: () => ({ message: "validation.certificate.invalid" }) }),
  prerequisites: slugList,
  sequential: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
  audience: z.enum(AUDIENCES, { errorMap: () => ({ message: "validation.audience.invalid" }) }).default("all"),
});
export type CourseDetailsInput = z.infer<typeof CourseDetailsSchema>;

/** Translations send only title, summary and body; the rest is the source's. */
export const CourseTranslationSchema = z.object({ locale, title, summary, body: markdown });

export const AddModuleSchema = z.object({ slug, title });

/** Moving a module up or down the course, or removing it. */
export const ModuleOrderSchema = z.object({ intent: z.enum(["up", "down", "remove"]), module: slug });

/** An administrator assigns a trainer to the course by email, or takes one off it. */
export const AssignTrainerSchema = z.object({
  email: z.string({ required_error: "trainers.error.unknown-person" }).trim().max(254),
});
export const UnassignTrainerSchema = z.object({ userId: z.string().min(1).max(100) });

export const ModuleSchema = z.object({
  locale,
  title,
  body: markdown,
  minutes: z.coerce
    .number({ invalid_type_error: "validation.minutes.invalid" })
    .int("validation.minutes.invalid")
    .positive("validation.minutes.invalid")
    .max(6000, "validation.minutes.invalid"),
  required: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
  preview: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
});
export type ModuleInput = z.infer<typeof ModuleSchema>;

/** A translation's form: minutes/required/preview come from the source module. */
export const ModuleTranslationSchema = z.object({ locale, title, body: markdown });

export const PublishSchema = z.object({
  note: multiline(z.string().trim().max(500, "validation.note.tooLong").optional()),
});

export const CatalogueQuerySchema = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  language: LocaleTagSchema.optional().catch(undefined),
  topic: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .max(80)
    .optional()
    .catch(undefined),
  level: z.enum(LEVELS).optional().catch(undefined),
});

/** The live preview of a module being typed: whatever was typed, cut where publishing would refuse it. */
export const PreviewSchema = z.object({
  markdown: z
    .string()
    .default("")
    .transform((m) => m.slice(0, 200_001)),
});
