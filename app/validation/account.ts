/**
 * The officer's own account pages: one schema per form, shared by the page (conform) and its
 * action. Messages are catalogue keys.
 */
import { z } from "zod";
import { SUPPORTED_LOCALES } from "~/i18n/i18n";
import { isCountryCode } from "~/utils/countries";
import { PASSWORD_MAX, PASSWORD_MIN, SignupSchema } from "./auth";
import { oneLine } from "./text";

export const ProfileSchema = z.object({
  name: SignupSchema.shape.name,
  country: z
    .string({ required_error: "validation.country.invalid" })
    .refine(isCountryCode, "validation.country.invalid"),
  agency: oneLine(z.string().trim().max(160, "validation.agency.tooLong").optional()),
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
