/**
 * The agency part of sign-up and the profile (app/components/person-fields.tsx): an agency
 * chosen from the list, or, when it is not listed, its name typed for administrators to add
 * (docs/decisions/026). `agencyQuery` only narrows the list and is never saved.
 */
import { z } from "zod";
import { oneLine } from "./text";

export const AgencyChoiceFields = {
  agencyId: z.string().uuid("validation.agency.choose").optional(),
  agencyRequest: oneLine(
    z
      .string()
      .trim()
      .max(160, "validation.agency.tooLong")
      .optional()
      .refine((v) => !v || v.length >= 2, "agencies.validation.name"),
  ),
  agencyQuery: z.string().max(200).optional(),
};

/** The button that reloads the form with the agency list narrowed (without JavaScript): nothing is saved. */
export const FIND_AGENCY_INTENT = "find-agency";
