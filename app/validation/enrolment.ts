import { z } from "zod";
import { multiline, oneLine } from "./text";

export const EnrolSchema = z.object({
  intent: z.literal("enrol"),
  cohortId: z
    .string()
    .uuid()
    .optional()
    .or(z.literal("").transform(() => undefined)),
  key: z.string().trim().max(100).optional(),
  justification: multiline(z.string().trim().max(2000, "validation.justification.tooLong").optional()),
});

/** What a learner does on a course page: enrol (or apply), or withdraw. */
export const CourseEnrolmentActionSchema = z.discriminatedUnion("intent", [
  EnrolSchema,
  z.object({ intent: z.literal("withdraw") }),
]);

export const DecisionSchema = z.object({
  enrolmentId: z.string().uuid(),
  decision: z.enum(["approve", "reject"]),
  reason: multiline(z.string().trim().max(1000, "validation.reason.tooLong").optional()),
});

/**
 * A yyyy-mm-dd date field, as the start (00:00 UTC) or the end (23:59:59 UTC) of that day.
 * A real calendar day between 2000 and 2999: "0000-01-01" is a valid JavaScript date that
 * PostgreSQL refuses (there is no year 0), and "2026-02-31" would silently become 3 March.
 */
export const DATE_YEARS = { min: 2000, max: 2999 } as const;
const dateField = (edge: "start" | "end") =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (!v) return null;
      const date = new Date(`${v}T${edge === "start" ? "00:00:00.000" : "23:59:59.999"}Z`);
      if (
        !/^\d{4}-\d{2}-\d{2}$/.test(v) ||
        Number.isNaN(date.getTime()) ||
        date.toISOString().slice(0, 10) !== v ||
        date.getUTCFullYear() < DATE_YEARS.min ||
        date.getUTCFullYear() > DATE_YEARS.max
      ) {
        ctx.addIssue({ code: "custom", message: "validation.date.invalid" });
        return z.NEVER;
      }
      return date;
    });

const optionalPlaces = () =>
  z.preprocess(
    (v) => (v === "" || v == null ? null : v),
    z.coerce
      .number()
      .int("validation.capacity.invalid")
      .positive("validation.capacity.invalid")
      .max(100_000)
      .nullable(),
  );

export const CohortSchema = z
  .object({
    name: oneLine(
      z
        .string({ required_error: "validation.cohortName.required" })
        .trim()
        .min(1, "validation.cohortName.required")
        .max(120, "validation.title.tooLong"),
    ),
    enrolmentOpensAt: dateField("start"),
    enrolmentClosesAt: dateField("end"),
    startsAt: dateField("start"),
    endsAt: dateField("end"),
    capacity: z.preprocess(
      (v) => (v === "" || v == null ? null : v),
      z.coerce
        .number()
        .int("validation.capacity.invalid")
        .positive("validation.capacity.invalid")
        .max(100_000)
        .nullable(),
    ),
    enrolmentKey: oneLine(
      z
        .string()
        .trim()
        .max(100)
        .optional()
        .transform((v) => v || null),
    ),
    // Quotas (docs/decisions/027): places per country / agency until a date.
    quotaPerCountry: optionalPlaces(),
    quotaPerAgency: optionalPlaces(),
    quotasEndAt: dateField("end"),
  })
  .superRefine((v, ctx) => {
    if (v.enrolmentOpensAt && v.enrolmentClosesAt && v.enrolmentClosesAt < v.enrolmentOpensAt) {
      ctx.addIssue({ code: "custom", path: ["enrolmentClosesAt"], message: "validation.dates.order" });
    }
    if (v.startsAt && v.endsAt && v.endsAt < v.startsAt)
      ctx.addIssue({ code: "custom", path: ["endsAt"], message: "validation.dates.order" });
  });

/** The confirmation step of deleting a cohort: a checkbox, so it works without JavaScript. */
export const DeleteCohortSchema = z.object({
  intent: z.literal("delete"),
  confirm: z.boolean({ required_error: "cohort.delete.required" }).refine(Boolean, "cohort.delete.required"),
});

/** An administrator moves an enrolment to another cohort, or removes it with a reason (kept in its history). */
export const EnrolmentChangeSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("move"),
    cohortId: z.string({ required_error: "enrolment.error.cohortRequired" }).max(100),
  }),
  z.object({
    intent: z.literal("remove"),
    reason: z
      .string({ required_error: "application.reasonRequired" })
      .trim()
      .min(3, "application.reasonRequired")
      .max(500),
  }),
]);
