/**
 * Delivers one Email row. Plain function: tests call it directly, the worker wires it
 * to the `emails` queue. Safe to run twice: a SENT row returns early.
 */
import {
  emailForDelivery,
  markEmailFailed as markEmailRowFailed,
  markEmailSent,
  recordEmailError,
  renderEmail,
  type EmailTemplate,
} from "../../app/models/email.server";
import { deliverMail, type OutgoingMail } from "../../app/utils/mailer.server";
import type { EmailJob } from "../queues";

export type SendEmailResult =
  { status: "sent"; messageId: string } | { status: "already-sent" } | { status: "missing" };

export async function sendEmail(
  { emailId }: EmailJob,
  deliver: (mail: OutgoingMail) => Promise<{ messageId: string }> = deliverMail,
): Promise<SendEmailResult> {
  const row = await emailForDelivery(emailId);
  if (!row) return { status: "missing" };
  if (row.status === "SENT") return { status: "already-sent" };

  const rendered = renderEmail(row.template as EmailTemplate, row.locale, row.data as Record<string, string>);
  try {
    const { messageId } = await deliver({ id: row.id, to: row.to, ...rendered });
    await markEmailSent({ emailId, messageId });
    return { status: "sent", messageId };
  } catch (error) {
    await recordEmailError({ emailId, error });
    throw error;
  }
}

/** Called once, by the worker, when bull has used up every attempt. */
export async function markEmailFailed(emailId: string, error: unknown) {
  await markEmailRowFailed({ emailId, error });
}
