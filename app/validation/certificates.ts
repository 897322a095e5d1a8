import { z } from "zod";
import { oneLine } from "./text";

/** The administrators' decision on completions waiting for a certificate. */
export const CertificateDecisionSchema = z
  .object({
    intent: z.enum(["approve", "approve-cohort", "decline"]),
    courseId: z.string().uuid(),
    /** Empty: the course's people without a cohort. */
    cohortId: z
      .string()
      .uuid()
      .optional()
      .transform((v) => v ?? null),
    /** The ticked completions (a checkbox per person, all named completionId). */
    completionId: z.array(z.string().uuid()).max(5000).default([]),
    reason: oneLine(z.string().trim().max(500).default("")),
  })
  .refine((v) => v.intent === "approve-cohort" || v.completionId.length > 0, {
    message: "certificates.error.noneSelected",
  })
  .refine((v) => v.intent !== "decline" || v.reason.length > 0, { message: "certificates.error.reasonRequired" });

/** Revoking needs a reason (it is shown to anyone who verifies the serial). */
export const RevokeSchema = z.object({
  reason: oneLine(
    z
      .string({ required_error: "certificates.error.reasonRequired" })
      .trim()
      .min(1, "certificates.error.reasonRequired")
      .max(500),
  ),
});

/** What an administrator does on one certificate's page. */
export const CertificateActionSchema = z.discriminatedUnion("intent", [
  RevokeSchema.extend({ intent: z.literal("revoke") }),
  z.object({ intent: z.literal("reissue") }),
  z.object({ intent: z.literal("retry") }),
]);

/** An administrator's job title, printed on the certificates they approve or re-issue. */
export const SignatoryTitleSchema = z.object({ title: oneLine(z.string().trim().min(2).max(120)) });

/** The verification form: a credential pasted as text, or uploaded as a file (which wins). */
export const VerifyCredentialSchema = z.object({
  credential: z.string().default(""),
  file: z.instanceof(File).optional(),
});
