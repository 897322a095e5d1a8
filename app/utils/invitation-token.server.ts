import { createHash } from "node:crypto";
import { env } from "./env.server";
import { deriveToken } from "./secret.server";

/**
 * An invitation's token is derived from its id with APP_SECRET, never stored: the Invitation
 * row keeps its SHA-256 and the email row only the invitation id, and the worker derives the
 * link again when it writes the mail (docs/decisions/013-login-throttling.md).
 */
export function invitationToken(invitationId: string) {
  return deriveToken("invitation", invitationId);
}

export function hashToken(token: string) {
  return createHash("sha256").update(token).digest("hex");
}

export function invitationUrl(invitationId: string) {
  return `${env().APP_URL}/invite/${invitationToken(invitationId)}`;
}
