/**
 * Forms of email verification, forgotten password and email change (shared by the pages,
 * through conform, and their actions). Messages are catalogue keys.
 */
import { z } from "zod";
import { EmailField, RedirectToField, SignupSchema } from "./auth";

export const ForgotPasswordSchema = z.object({ email: EmailField });

/** The same password rules as sign-up (length here, the policy in the model). */
export const ResetPasswordSchema = z.object({ password: SignupSchema.shape.password });

export const EmailChangeSchema = z.object({
  email: EmailField,
  current: z.string({ required_error: "form.required" }).min(1, "form.required").max(1024, "form.required"),
});

export const ResendVerificationSchema = z.object({ redirectTo: RedirectToField });

/** The confirm button of a mailed link carries nothing but the intent. */
export const ConfirmTokenSchema = z.object({ intent: z.literal("confirm") });
