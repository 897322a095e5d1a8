import { z } from "zod";

/**
 * The "Yes, I am sure" box of a destructive act (app/components/confirm-action.tsx): required
 * here, on the server, so the confirmation holds without JavaScript. Conform reads a ticked
 * box as `true` and an unticked one as missing.
 */
export const confirmed = z
  .boolean({ required_error: "confirm.required", invalid_type_error: "confirm.required" })
  .refine(Boolean, "confirm.required");
