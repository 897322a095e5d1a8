/** Forms of the nomination chain (docs/decisions/027): focal points' and the centre's. */
import { z } from "zod";
import { multiline, oneLine } from "./text";

/** "<courseId>/<cohortId>" (or "<courseId>/" for a course without cohorts): one select without JavaScript. */
const target = z
  .string({ required_error: "nomination.error.cohort" })
  .regex(/^[0-9a-f-]{36}\/([0-9a-f-]{36})?$/, "nomination.error.cohort")
  .transform((v) => {
    const [courseId, cohortId] = v.split("/");
    return { courseId: courseId!, cohortId: cohortId || null };
  });

const justification = multiline(z.string().trim().max(2000, "validation.justification.tooLong").optional());

export const NominateSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("nominate"),
    target,
    userId: z.string({ required_error: "nomination.error.officerRequired" }).uuid("nomination.error.officerRequired"),
    justification,
  }),
  z.object({
    intent: z.literal("invite"),
    target,
    email: z
      .string({ required_error: "validation.email.invalid" })
      .trim()
      .toLowerCase()
      .email("validation.email.invalid")
      .max(254),
    name: oneLine(
      z.string({ required_error: "validation.name.required" }).trim().min(1, "validation.name.required").max(120),
    ),
    agencyId: z.string({ required_error: "nomination.error.outOfScope" }).uuid("nomination.error.outOfScope"),
    justification,
  }),
]);

export const EndorseSchema = z.object({
  enrolmentId: z.string().uuid(),
  decision: z.enum(["endorse", "decline"]),
  reason: multiline(z.string().trim().max(1000, "validation.reason.tooLong").optional()),
});

/** The filters of /admin/applications (query string): anything unusable is ignored. */
export const QueueFilterSchema = z.object({
  country: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional()
    .catch(undefined),
  agencyId: z.string().uuid().optional().catch(undefined),
  courseId: z.string().uuid().optional().catch(undefined),
  cohortId: z.string().uuid().optional().catch(undefined),
  olderThanDays: z.coerce.number().int().min(1).max(365).optional().catch(undefined),
});

export const BulkDecisionSchema = z.object({
  enrolmentId: z
    .array(z.string().uuid(), { required_error: "applications.error.none" })
    .min(1, "applications.error.none")
    .max(2000, "applications.error.tooMany"),
  decision: z.enum(["accept", "decline"]),
  reason: multiline(z.string().trim().max(1000, "validation.reason.tooLong").optional()),
});
