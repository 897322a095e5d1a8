import { createHmac, timingSafeEqual } from "node:crypto";
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
