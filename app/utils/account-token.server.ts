import { createHash, randomBytes } from "node:crypto";
import { env } from "./env.server";
import { deriveToken } from "./secret.server";

/**
 * Account links (docs/decisions/017-account-tokens.md). A token row's id is 32 random bytes;
 * the token in the link is derived from it with APP_SECRET, so neither the AccountToken row
 * (which keeps the SHA-256) nor the Email row (which keeps the id) holds the link itself.
 */
export const newAccountTokenId = () => randomBytes(32).toString("base64url");

export function accountToken(tokenId: string) {
  return deriveToken("account-token", tokenId);
}

export function hashAccountToken(token: string) {
  return createHash("sha256").update(token).digest("hex");
}

/** The link a mail carries: reset links go to /reset-password, the others to /verify-email. */
export function accountTokenUrl(template: string, tokenId: string) {
  const path = template === "password-reset" ? "reset-password" : "verify-email";
  return `${env().APP_URL}/${path}/${accountToken(tokenId)}`;
}
