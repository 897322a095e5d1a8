import { enqueueEmail, enqueueEmails } from "../../jobs/queues";
import { isLocale, type Locale, directionOf } from "~/i18n/i18n";
import { translatorFor } from "~/i18n/catalogues.server";
import { prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { invitationUrl } from "~/utils/invitation-token.server";
import { accountTokenUrl } from "~/utils/account-token.server";
import type { Prisma } from "~/generated/prisma/client";

export type EmailTemplate =
  | "welcome"
  | "invitation"
  | "enrolment-accepted"
  | "enrolment-rejected"
  | "enrolment-waitlisted"
  | "certificate-ready"
  | "verify-email"
  | "signup-existing"
  | "password-reset"
  | "email-change-confirm"
  | "email-change-notice"
  // nominations (docs/decisions/027)
  | "nomination-nominated"
  | "nomination-invited"
  | "nomination-applied"
  | "nomination-endorsed"
  | "nomination-declined"
  | "nomination-accepted"
  | "nomination-waitlisted"
  | "nomination-rejected";

/** Writes the email row inside the caller's transaction; enqueue it after commit with `dispatchEmail`. */
export function createEmailRow(
  tx: Prisma.TransactionClient,
  input: { userId?: string; to: string; template: EmailTemplate; locale: string; data: Record<string, string> },
) {
  return tx.email.create({ data: input, select: { id: true } });
}

/**
 * Hands the email to the queue. A Redis outage is not an error for the caller: the
 * row stays PENDING and the worker's reconciler enqueues it later.
 */
export async function dispatchEmail(emailId: string) {
  try {
    await enqueueEmail(emailId);
  } catch (error) {
    console.error(`email ${emailId}: enqueue failed, the reconciler will retry`, error);
  }
}

export async function dispatchEmails(emailIds: string[]) {
  try {
    await enqueueEmails(emailIds);
  } catch (error) {
    console.error(`${emailIds.length} emails: enqueue failed, the reconciler will retry`, error);
  }
}

function escapeHtml(text: string) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Subject, plain text and HTML for a template in the recipient's language. */
export function renderEmail(template: EmailTemplate, localeInput: string, data: Record<string, string>) {
  const locale: Locale = isLocale(localeInput) ? localeInput : "en";
  const t = translatorFor(locale);
  const params = {
    ...data,
    loginUrl: `${env().APP_URL}/login`,
    dashboardUrl: `${env().APP_URL}/dashboard`,
    focalUrl: `${env().APP_URL}/focal/nominations`,
    // Invitation links exist only in the mail as sent: the row holds the invitation's id.
    ...(data.invitationId ? { inviteUrl: invitationUrl(data.invitationId) } : {}),
    // Account links likewise: the row holds the AccountToken's id, never the token.
    ...(data.accountTokenId ? { actionUrl: accountTokenUrl(template, data.accountTokenId) } : {}),
    forgotUrl: `${env().APP_URL}/forgot-password`,
  };
  const subject = t(`email.${template}.subject`, params);
  const text = t(`email.${template}.body`, params);
  const paragraphs = text
    .split("\n\n")
    .map((p) => `<p>${escapeHtml(p).replaceAll("\n", "<br>")}</p>`)
    .join("\n");
  const html = `<!doctype html><html lang="${locale}" dir="${directionOf(locale)}"><body>${paragraphs}</body></html>`;
  return { subject, text, html };
}

/** Rows left PENDING (enqueue lost, Redis restarted, worker down) older than `olderThanMs`. */
export async function findStalePendingEmails({ olderThanMs, limit = 500 }: { olderThanMs: number; limit?: number }) {
  const rows = await prisma.email.findMany({
    where: { status: "PENDING", updatedAt: { lt: new Date(Date.now() - olderThanMs) } },
    select: { id: true },
    orderBy: { createdAt: "asc" },
    take: limit,
  });
  return rows.map((r) => r.id);
}

// ------------------------------------------------------------------ delivery (the worker)

/** The row to deliver, counting this attempt; null when it no longer exists. */
export async function emailForDelivery(emailId: string) {
  const row = await prisma.email.findUnique({ where: { id: emailId } });
  if (!row || row.status === "SENT") return row;
  await prisma.email.update({ where: { id: emailId }, data: { attempts: { increment: 1 } } });
  return row;
}

export async function markEmailSent({ emailId, messageId }: { emailId: string; messageId: string }) {
  await prisma.email.update({
    where: { id: emailId },
    data: { status: "SENT", sentAt: new Date(), messageId, error: null },
  });
}

/** One failed try: the row stays PENDING (bull retries) with the last error. */
export async function recordEmailError({ emailId, error }: { emailId: string; error: unknown }) {
  await prisma.email.update({ where: { id: emailId }, data: { error: String(error) } });
}

/** Every try used up: a PENDING row becomes FAILED. */
export async function markEmailFailed({ emailId, error }: { emailId: string; error: unknown }) {
  await prisma.email.updateMany({
    where: { id: emailId, status: "PENDING" },
    data: { status: "FAILED", error: error instanceof Error ? error.message : String(error) },
  });
}
