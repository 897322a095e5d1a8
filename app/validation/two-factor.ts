/** Form schemas of two-factor sign-in (the login's second step and /account/security). */
import { z } from "zod";

/** A six-digit code from the authenticator app, or a recovery code (spaces and dashes allowed). */
export const CodeField = z
  .string({ required_error: "twoFactor.code.required" })
  .trim()
  .min(1, "twoFactor.code.required")
  .max(32, "twoFactor.code.invalid")
  .regex(/^[0-9A-Za-z\s-]+$/, "twoFactor.code.invalid");

export const TwoFactorLoginSchema = z.object({ intent: z.literal("code"), code: CodeField });

export const TwoFactorEnableSchema = z.object({ intent: z.literal("enable"), code: CodeField });

export const TwoFactorDisableSchema = z.object({
  intent: z.literal("disable"),
  password: z.string({ required_error: "form.required" }).min(1, "form.required").max(1024, "login.invalid"),
  code: CodeField,
});

export const TwoFactorRegenerateSchema = z.object({ intent: z.literal("regenerate"), code: CodeField });
