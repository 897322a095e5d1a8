/**
 * Text that people type and others see (names on certificates, on /verify, in ZIP entry
 * names): no control characters and no Unicode bidi embeddings, overrides or isolates
 * (U+202A–U+202E, U+2066–U+2069), which can make "Smith" display as "htimS" or hide part of
 * a name. Line breaks and tabs in a one-line field become spaces; the rest is removed. The
 * marks Arabic text legitimately uses (U+200E, U+200F, U+061C) are kept.
 */
import { z } from "zod";

const BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]/g;
const INVISIBLE = /[\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f\u202a-\u202e\u2066-\u2069]/g;
const INVISIBLE_MULTILINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export function cleanOneLine(value: string) {
  return value.replace(BREAKS, " ").replace(INVISIBLE, "");
}

/** For multi-line text (reasons, summaries): line breaks and tabs stay, the rest goes. */
export function cleanMultiline(value: string) {
  return value.replace(INVISIBLE_MULTILINE, "");
}

/** Wraps a string schema so its input is cleaned first: `oneLine(z.string().trim().min(1).max(120))`. */
export function oneLine<T extends z.ZodTypeAny>(schema: T) {
  return z.preprocess((value) => (typeof value === "string" ? cleanOneLine(value) : value), schema);
}

export function multiline<T extends z.ZodTypeAny>(schema: T) {
  return z.preprocess((value) => (typeof value === "string" ? cleanMultiline(value) : value), schema);
}
