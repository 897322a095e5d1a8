/**
 * Form schemas shared by the browser (conform, for early feedback) and the actions.
 * Messages are catalogue keys, translated where they are shown.
 */
import { z } from "zod";
import { oneLine } from "./text";
import { AgencyChoiceFields } from "./agency-choice";
import { SUPPORTED_LOCALES } from "~/i18n/i18n";
import { isCountryCode } from "~/utils/countries";
import { safeRedirect } from "~/utils/safe-redirect";

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

export const EmailField = z
  .string({ required_error: "validation.email.invalid" })
  .trim()
  .toLowerCase()
  .max(254, "validation.email.invalid")
  .email("validation.email.invalid");

/**
 * Where to go afterwards: normalised here, before the action writes anything, so a value a
 * redirect cannot carry (a line break, another site) becomes the home page instead of a 500
 * after the account or session was already created.
 */
export const RedirectToField = z
  .string()
  .optional()
  .transform((value) => safeRedirect(value));

export const SignupSchema = z.object({
  name: oneLine(
    z
      .string({ required_error: "validation.name.required" })
      .trim()
      .min(1, "validation.name.required")
      .max(120, "validation.name.tooLong"),
  ),
  email: EmailField,
  password: z
    .string({ required_error: "validation.password.tooShort" })
    .min(PASSWORD_MIN, "validation.password.tooShort")
    .max(PASSWORD_MAX, "validation.password.tooLong"),
  country: z
    .string({ required_error: "validation.country.invalid" })
    .refine(isCountryCode, "validation.country.invalid"),
  ...AgencyChoiceFields,
  locale: z.enum(SUPPORTED_LOCALES, { errorMap: () => ({ message: "validation.locale.invalid" }) }),
  redirectTo: RedirectToField,
});

export const LoginSchema = z.object({
  email: EmailField,
  password: z.string({ required_error: "form.required" }).min(1, "form.required").max(1024, "login.invalid"),
  redirectTo: RedirectToField,
});

export const LocaleSchema = z.object({
  locale: z.enum(SUPPORTED_LOCALES),
  redirectTo: RedirectToField,
});
