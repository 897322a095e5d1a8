import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { env } from "./env.server";

/**
 * HMAC-SHA-256 of `message` under APP_SECRET, separated by `purpose` so a value derived
 * for one use (an invitation token) is never valid for another (a device cookie).
 */
export function deriveToken(purpose: string, message: string) {
  return createHmac("sha256", env().APP_SECRET).update(`${purpose}\u0000${message}`).digest("base64url");
}

export function sameToken(a: string, b: string) {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A 256-bit key for `purpose`, derived from APP_SECRET (HMAC-SHA-256 as the KDF). */
const encryptionKey = (purpose: string) =>
  createHmac("sha256", env().APP_SECRET).update(`aes-256-gcm\u0000${purpose}`).digest();

/**
 * AES-256-GCM under a key derived from APP_SECRET for `purpose`; `context` (e.g. the owner's
 * id) is authenticated with it, so a value copied to another row does not decrypt.
 * Returns `v1.<iv>.<ciphertext>.<tag>` (base64url).
 */
export function encryptSecret(purpose: string, context: string, plaintext: string) {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", encryptionKey(purpose), iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", iv, body, cipher.getAuthTag()]
    .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
    .join(".");
}

/** The plaintext of `encryptSecret`'s output; throws when it was altered, moved or made under another key. */
export function decryptSecret(purpose: string, context: string, sealed: string) {
  const [version, iv, body, tag, extra] = sealed.split(".");
  if (version !== "v1" || !iv || !body || !tag || extra !== undefined) throw new Error("not an encrypted secret");
  const decipher = createDecipheriv("aes-256-gcm", encryptionKey(purpose), Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(context, "utf8"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}
