import { z } from "zod";

export const ROLES = ["LEARNER", "TRAINER", "ADMIN"] as const;

export const ChangeRoleSchema = z.object({
  userId: z.string().min(1),
  role: z.enum(ROLES, { errorMap: () => ({ message: "validation.role.invalid" }) }),
});

export const UserSearchSchema = z.object({
  q: z.string().trim().max(200).optional().default(""),
  role: z.enum(ROLES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(1).default(1),
});

/** Retrying failed jobs: a whole queue, or one of its jobs. */
export const RetryJobsSchema = z.object({
  queue: z.string().max(60),
  jobId: z.string().max(200).optional(),
});

const isoDay = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)));

/** /admin/audit's GET form: every filter optional; a malformed one is ignored, not an error. */
export const AuditFilterSchema = z.object({
  person: z.string().trim().max(200).optional().catch("").default(""),
  action: z
    .string()
    .trim()
    .max(100)
    .regex(/^[a-z0-9.-]*$/)
    .optional()
    .catch("")
    .default(""),
  target: z.string().trim().max(200).optional().catch("").default(""),
  from: z
    .union([isoDay, z.literal("")])
    .optional()
    .catch("")
    .default(""),
  to: z
    .union([isoDay, z.literal("")])
    .optional()
    .catch("")
    .default(""),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(1).default(1),
});

export type AuditFilter = z.infer<typeof AuditFilterSchema>;

export const SuspendSchema = z.object({
  intent: z.literal("suspend"),
  reason: z
    .string({ required_error: "validation.suspendReason.required" })
    .trim()
    .min(3, "validation.suspendReason.required")
    .max(500, "validation.suspendReason.required"),
});

export const ResetTwoFactorSchema = z.object({
  intent: z.literal("reset-two-factor"),
  reason: z
    .string({ required_error: "validation.suspendReason.required" })
    .trim()
    .min(3, "validation.suspendReason.required")
    .max(500, "validation.suspendReason.required"),
});

export const UserActionSchema = z.discriminatedUnion("intent", [
  SuspendSchema,
  ResetTwoFactorSchema,
  z.object({ intent: z.literal("reactivate") }),
  z.object({ intent: z.literal("resend-invitation") }),
  z.object({ intent: z.literal("require-password-reset") }),
  z.object({
    intent: z.literal("role"),
    role: z.enum(ROLES, { errorMap: () => ({ message: "validation.role.invalid" }) }),
  }),
]);

export const SessionActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("end"), session: z.string().regex(/^[0-9a-f]{64}$/) }),
  z.object({ intent: z.literal("end-others") }),
]);
