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
