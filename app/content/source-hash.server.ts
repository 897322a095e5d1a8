import { createHash } from "node:crypto";

/**
 * Fingerprint of source-language text. A translation records the fingerprint of the source
 * it was made from; when the source changes, the translation is shown as outdated.
 */
export function sourceHash(text: { title: string; body: string; summary?: string }) {
  return createHash("sha256")
    .update(`${text.title}\u0000${text.summary ?? ""}\u0000${text.body}`)
    .digest("hex")
    .slice(0, 16);
}
