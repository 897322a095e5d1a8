/**
 * Agencies (docs/decisions/026): the administrators' forms at /admin/agencies, the CSV
 * import's rows, the "my agency is not listed" request, and focal-point appointments.
 * Messages are catalogue keys.
 */
import { z } from "zod";
import { SUPPORTED_LOCALES } from "~/i18n/i18n";
import { isCountryCode } from "~/utils/countries";
import { oneLine } from "./text";

export const AGENCY_TYPES = ["POLICE", "PROSECUTION", "JUDICIARY", "FORENSIC_LAB", "MINISTRY", "OTHER"] as const;
export type AgencyTypeValue = (typeof AGENCY_TYPES)[number];

export const AGENCY_NAME_MAX = 160;

export const AgencyNameField = oneLine(
  z
    .string({ required_error: "agencies.validation.name" })
    .trim()
    .min(2, "agencies.validation.name")
    .max(AGENCY_NAME_MAX, "agencies.validation.name"),
);

export const CountryField = z
  .string({ required_error: "validation.country.invalid" })
  .trim()
  .toUpperCase()
  .refine(isCountryCode, "validation.country.invalid");

const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** "police.gov.vn, a05.bocongan.gov.vn" (commas, semicolons or spaces): lower-cased, no "@", no duplicates. */
export function parseDomains(text: string): string[] | null {
  const parts = text
    .split(/[\s,;|]+/)
    .map((d) => d.trim().toLowerCase().replace(/^@/, ""))
    .filter(Boolean);
  if (parts.length > 20 || parts.some((d) => !DOMAIN.test(d))) return null;
  return [...new Set(parts)];
}

export const DomainsField = z
  .string()
  .max(2000, "agencies.validation.domains")
  .optional()
  .transform((value, ctx) => {
    const domains = parseDomains(value ?? "");
    if (!domains) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: "agencies.validation.domains" });
      return z.NEVER;
    }
    return domains;
  });

const TranslationField = oneLine(z.string().trim().max(AGENCY_NAME_MAX, "agencies.validation.name").optional());

export const AgencySchema = z.object({
  name: AgencyNameField,
  translations: z
    .object(
      Object.fromEntries(SUPPORTED_LOCALES.map((l) => [l, TranslationField])) as Record<
        (typeof SUPPORTED_LOCALES)[number],
        typeof TranslationField
      >,
    )
    .optional()
    .default({}),
  country: CountryField,
  type: z.enum(AGENCY_TYPES, { errorMap: () => ({ message: "agencies.validation.type" }) }),
  parentId: z.string().uuid("agencies.validation.parent").optional(),
  domains: DomainsField,
});
export type AgencyInput = z.infer<typeof AgencySchema>;

export const AgencySearchSchema = z.object({
  q: z.string().trim().max(200).optional().catch("").default(""),
  country: z.string().trim().toUpperCase().refine(isCountryCode).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(1).default(1),
});

export const MergeAgenciesSchema = z.object({
  intent: z.literal("merge"),
  /** The agency that disappears into the one whose page this is. */
  otherId: z.string({ required_error: "agencies.validation.merge" }).uuid("agencies.validation.merge"),
});

export const AgencyEditSchema = z.discriminatedUnion("intent", [
  AgencySchema.extend({ intent: z.literal("save") }),
  MergeAgenciesSchema,
]);

export const MergePairSchema = z.object({
  keepId: z.string().uuid("agencies.validation.merge"),
  otherId: z.string().uuid("agencies.validation.merge"),
});

/** One row of an agency CSV (name,country,type,parent,domains): the import reports the first problem. */
export const AgencyCsvRowSchema = z.object({
  name: AgencyNameField,
  country: CountryField,
  type: z
    .string()
    .trim()
    .toUpperCase()
    .transform((v) => v.replace(/[\s-]+/g, "_") || "OTHER")
    .pipe(z.enum(AGENCY_TYPES, { errorMap: () => ({ message: "agencies.validation.type" }) })),
  parent: oneLine(z.string().trim().max(AGENCY_NAME_MAX, "agencies.validation.parent")),
  domains: DomainsField,
});

export const ResolveAgencyRequestSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("create"), requestId: z.string().uuid(), type: z.enum(AGENCY_TYPES) }),
  z.object({
    intent: z.literal("link"),
    requestId: z.string().uuid(),
    agencyId: z.string({ required_error: "agencies.validation.link" }).uuid("agencies.validation.link"),
  }),
  z.object({ intent: z.literal("dismiss"), requestId: z.string().uuid() }),
]);

/** Appointing a focal point on /admin/users/<id>: one agency, or one whole country. */
export const FocalAppointSchema = z
  .object({
    intent: z.literal("focal-appoint"),
    agencyId: z.string().uuid().optional(),
    focalCountry: z.string().trim().toUpperCase().refine(isCountryCode, "validation.country.invalid").optional(),
  })
  .refine((v) => Boolean(v.agencyId) !== Boolean(v.focalCountry), {
    message: "focal.validation.scope",
    path: ["agencyId"],
  });

export const FocalRemoveSchema = z.object({ intent: z.literal("focal-remove"), scopeId: z.string().uuid() });

export const FocalOfficerFilterSchema = z.object({
  q: z.string().trim().max(200).optional().catch("").default(""),
  agencyId: z.string().uuid().optional().catch(undefined),
  vetting: z.enum(["UNVERIFIED", "VERIFIED", "DECLINED"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(1).default(1),
});
export type FocalOfficerFilter = z.infer<typeof FocalOfficerFilterSchema>;

/** The import's file: a CSV of at most 2 MB (5,000 agencies take well under that). */
export const AgencyImportSchema = z.object({
  file: z
    .instanceof(File, { message: "agencies.import.noFile" })
    .refine((file) => file.size > 0, "agencies.import.noFile")
    .refine((file) => file.size <= 2_000_000, "agencies.import.tooLarge"),
});

/** A focal point's (or an administrator's) vetting decision: a reason is required to decline. */
export const VettingDecisionSchema = z.discriminatedUnion("decision", [
  z.object({
    decision: z.literal("verify"),
    userId: z.string().uuid(),
    reason: z.string().trim().max(500).optional(),
  }),
  z.object({
    decision: z.literal("decline"),
    userId: z.string().uuid(),
    reason: z
      .string({ required_error: "vetting.validation.reason" })
      .trim()
      .min(3, "vetting.validation.reason")
      .max(500, "vetting.validation.reason"),
  }),
]);
