/**
 * The officer's own account forms (profile, password change, deletion) and those of email
 * verification, forgotten password and email change: one schema per form, shared by the page
 * (conform) and its action. Messages are catalogue keys.
 */
import { z } from "zod";
import { SUPPORTED_LOCALES } from "~/i18n/i18n";
import { isCountryCode } from "~/utils/countries";
import { EmailField, PASSWORD_MAX, PASSWORD_MIN, RedirectToField, SignupSchema } from "./auth";
import { AgencyChoiceFields } from "./agency-choice";

export const ProfileSchema = z.object({
  name: SignupSchema.shape.name,
  country: z
    .string({ required_error: "validation.country.invalid" })
    .refine(isCountryCode, "validation.country.invalid"),
  ...AgencyChoiceFields,
  locale: z.enum(SUPPORTED_LOCALES, { errorMap: () => ({ message: "validation.locale.invalid" }) }),
});
export type ProfileInput = z.infer<typeof ProfileSchema>;

/** The password typed to confirm: only bounded, never checked against the policy. */
const CurrentPassword = z
  .string({ required_error: "form.required" })
  .min(1, "form.required")
  .max(1024, "form.required");

export const PasswordChangeSchema = z.object({
  current: CurrentPassword,
  password: z
    .string({ required_error: "validation.password.tooShort" })
    .min(PASSWORD_MIN, "validation.password.tooShort")
    .max(PASSWORD_MAX, "validation.password.tooLong"),
});

export const DeleteAccountSchema = z.object({
  password: CurrentPassword,
  /** A checkbox: present ("on") when ticked. */
  keepName: z
    .string()
    .optional()
    .transform((value) => value === "on"),
});

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
