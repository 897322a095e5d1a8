import { randomBytes } from "node:crypto";
import { appCookie } from "./cookie-names.server";
import { env } from "./env.server";
import { deriveToken, sameToken } from "./secret.server";

/**
 * The "known device" cookie (OWASP, "Slow down online guessing attacks with device
 * cookies"): issued at a successful login, it names this browser to that account only.
 * `nonce.signature`, where the signature is an HMAC of the account's email and the nonce,
 * so it cannot be forged or moved to another account. A browser presenting it is counted
 * apart from everyone else and is never slowed by attacks on its account from elsewhere.
 */
const MAX_AGE_SECONDS = 180 * 24 * 60 * 60;

const cookieName = () => appCookie("haidang_device", env().APP_URL);

const sign = (email: string, nonce: string) =>
  deriveToken("known-device", `${email.trim().toLowerCase()}\u0000${nonce}`);

/** The device's nonce when the request carries a valid device cookie for `email`; otherwise null. */
export function knownDevice(request: Request, email: string): string | null {
  const name = cookieName().name;
  const value = (request.headers.get("Cookie") ?? "")
    .split(";")
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${name}=`))
    ?.slice(name.length + 1);
  const [nonce, signature, extra] = (value ?? "").split(".");
  if (!nonce || !signature || extra !== undefined || !/^[A-Za-z0-9_-]{16,64}$/.test(nonce)) return null;
  return sameToken(signature, sign(email, nonce)) ? nonce : null;
}

/** Set-Cookie value marking this browser as known to `email` (keeps the nonce it already had). */
export function knownDeviceCookie(email: string, nonce = randomBytes(16).toString("base64url")) {
  const { name, secure, path } = cookieName();
  // The value is base64url and ".": nothing to encode.
  return [
    `${name}=${nonce}.${sign(email, nonce)}`,
    `Max-Age=${MAX_AGE_SECONDS}`,
    `Path=${path}`,
    "HttpOnly",
    "SameSite=Lax",
    ...(secure ? ["Secure"] : []),
  ].join("; ");
}
