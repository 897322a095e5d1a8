import { z } from "zod";
import { oneLine } from "./text";

/** The largest media file (PDF handouts; images are limited to 2 MB by the shared media check). */
export const MAX_MEDIA_UPLOAD_BYTES = 5 * 1024 * 1024;
export const MEDIA_ACCEPT =
  ".png,.jpg,.jpeg,.gif,.webp,.svg,.pdf,image/png,image/jpeg,image/gif,image/webp,image/svg+xml,application/pdf";

const isPdf = (name: string) => /\.pdf$/i.test(name);
const alt = oneLine(z.string().trim().max(500, "media.error.altTooLong").default(""));
const file = z
  .instanceof(File, { message: "media.error.noFile" })
  .refine((f) => f.size > 0, "media.error.noFile")
  .refine((f) => f.size <= MAX_MEDIA_UPLOAD_BYTES, "media.error.tooLarge");

/**
 * The Media page's one form: upload a new file, replace a file (new bytes and/or new alt text)
 * or delete one (after the confirmation step). Images need alt text; PDFs do not.
 */
export const MediaFormSchema = z
  .discriminatedUnion("intent", [
    z.object({ intent: z.literal("upload"), file, alt }),
    z.object({ intent: z.literal("replace"), name: z.string().min(1).max(200), file: file.optional(), alt }),
    z.object({ intent: z.literal("delete"), name: z.string().min(1).max(200) }),
  ])
  .superRefine((value, ctx) => {
    if (value.intent === "delete") return;
    const name = value.intent === "upload" ? value.file.name : value.name;
    if (!isPdf(name) && value.alt === "")
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["alt"], message: "media.error.altRequired" });
  });
export type MediaForm = z.infer<typeof MediaFormSchema>;
