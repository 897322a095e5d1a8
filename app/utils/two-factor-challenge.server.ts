import { randomBytes } from "node:crypto";
import { appCookie } from "./cookie-names.server";
import { env } from "./env.server";
import { deriveToken, sameToken } from "./secret.server";

/**
 * The half-done login between the right password and the right code
 * (docs/decisions/019-two-factor.md): no session exists yet, only this short-lived, HttpOnly
 * cookie, `payload.signature`, where the payload (base64url JSON) binds the user id, the
 * expiry, a random nonce and where to go afterwards, and the signature is an HMAC under
 * APP_SECRET. Single use is enforced by the model, which records the nonce as consumed.
 */
export const CHALLENGE_SECONDS = 5 * 60;

export type Challenge = { userId: string; expiresAt: number; nonce: string; redirectTo: string };

const cookieName = () => appCookie("haidang_2fa", env().APP_URL);
const sign = (payload: string) => deriveToken("two-factor-challenge", payload);

export function createChallenge(
  { userId, redirectTo }: { userId: string; redirectTo: string },
  now = Date.now(),
): { challenge: Challenge; cookie: string } {
  const challenge = {
    userId,
    expiresAt: now + CHALLENGE_SECONDS * 1000,
    nonce: randomBytes(16).toString("base64url"),
    redirectTo,
  };
  const payload = Buffer.from(
    JSON.stringify({ u: userId, e: challenge.expiresAt, n: challenge.nonce, r: redirectTo }),
    "utf8",
  ).toString("base64url");
  return { challenge, cookie: serialize(`${payload}.${sign(payload)}`, CHALLENGE_SECONDS) };
}

/** The challenge the request carries when its signature is right and it has not expired; otherwise null. */
export function readChallenge(request: Request, now = Date.now()): Challenge | null {
  const name = cookieName().name;
  const value = (request.headers.get("Cookie") ?? "")
    .split(";")
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${name}=`))
    ?.slice(name.length + 1);
  const [payload, signature, extra] = (value ?? "").split(".");
  if (!payload || !signature || extra !== undefined || !sameToken(signature, sign(payload))) return null;
  try {
    const parsed = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Record<string, unknown>;
    const { u, e, n, r } = parsed;
    if (typeof u !== "string" || typeof e !== "number" || typeof n !== "string" || typeof r !== "string") return null;
    if (e <= now) return null;
    return { userId: u, expiresAt: e, nonce: n, redirectTo: r };
  } catch {
    return null;
  }
}

/** Set-Cookie value that removes the challenge. */
export function clearChallengeCookie() {
  return serialize("", 0);
}

function serialize(value: string, maxAge: number) {
  const { name, secure, path } = cookieName();
  return [
    `${name}=${value}`,
    `Max-Age=${maxAge}`,
    `Path=${path}`,
    "HttpOnly",
    "SameSite=Lax",
    ...(secure ? ["Secure"] : []),
  ].join("; ");
}
