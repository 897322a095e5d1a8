/**
 * The one in-memory shape of a course, shared by the file importer/exporter, the browser
 * authoring (drafts are stored as this JSON), publishing and reading.
 * Locales are BCP 47 language tags ("en", "fr", "ar", "vi", "pt-BR"…): course content may
 * be in languages the UI is not translated into.
 */
import { z } from "zod";

export const LEVELS = ["introductory", "intermediate", "advanced"] as const;
export const ENROLMENT_POLICIES = ["open", "key", "approval", "nomination"] as const;
export const CERTIFICATE_POLICIES = ["automatic", "approval"] as const;
/** Who may see and join a course: everyone, or vetted officers only (docs/decisions/026). */
export const AUDIENCES = ["all", "vetted"] as const;

export const SlugSchema = z
  .string()
  .min(2)
  .max(80)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "use lower-case letters, digits and single hyphens (e.g. electronic-evidence)");

export const LocaleTagSchema = z
  .string()
  .regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, "use a language tag such as en, fr, ar or pt-BR");

export const CourseMetaSchema = z.object({
  level: z.enum(LEVELS),
  topics: z.array(SlugSchema).max(12).default([]),
  hours: z.number().positive().max(500),
  passMark: z.number().int().min(0).max(100),
  enrolment: z.enum(ENROLMENT_POLICIES),
  certificate: z.enum(CERTIFICATE_POLICIES),
  prerequisites: z.array(SlugSchema).max(20).default([]),
  /** Sequential release: a module opens once the required modules before it are complete. */
  sequential: z.boolean().default(false),
  /** "vetted": a restricted course, seen and joined by vetted officers only. */
  audience: z.enum(AUDIENCES).default("all"),
});
export type CourseMeta = z.infer<typeof CourseMetaSchema>;

/** Translatable text of the course: title, one-paragraph summary, Markdown description. */
export const CourseTextSchema = z.object({
  title: z.string().trim().min(1).max(200),
  summary: z.string().trim().min(1).max(1000),
  body: z.string().max(200_000).default(""),
  /** For translations: hash of the source-language text this translation was made from. */
  sourceHash: z.string().optional(),
});
export type CourseText = z.infer<typeof CourseTextSchema>;

export const ModuleTextSchema = z.object({
  title: z.string().trim().min(1).max(200),
  body: z.string().max(200_000),
  sourceHash: z.string().optional(),
});
export type ModuleText = z.infer<typeof ModuleTextSchema>;

export const ModuleDocumentSchema = z.object({
  slug: SlugSchema,
  minutes: z.number().int().positive().max(6000),
  required: z.boolean(),
  preview: z.boolean(),
  /** Keyed by locale; always contains the course's source locale. */
  texts: z.record(LocaleTagSchema, ModuleTextSchema),
});
export type ModuleDocument = z.infer<typeof ModuleDocumentSchema>;

/** Files carried through untouched (assessments until the assessment issue reads them). */
export const CourseFileSchema = z.object({ path: z.string(), content: z.string() });

export const CourseDocumentSchema = z.object({
  slug: SlugSchema,
  sourceLocale: LocaleTagSchema,
  meta: CourseMetaSchema,
  texts: z.record(LocaleTagSchema, CourseTextSchema),
  modules: z.array(ModuleDocumentSchema),
  files: z.array(CourseFileSchema).default([]),
  /** Names of files in media/ (their bytes live beside the document, not in it). */
  media: z.array(z.string()).default([]),
});
export type CourseDocument = z.infer<typeof CourseDocumentSchema>;

/** Every locale the course has any text in, source first. */
export function courseLocales(doc: CourseDocument) {
  const all = new Set([
    doc.sourceLocale,
    ...Object.keys(doc.texts),
    ...doc.modules.flatMap((m) => Object.keys(m.texts)),
  ]);
  return [...all];
}
