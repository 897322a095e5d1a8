/**
 * Delivers one Email row. Plain function: tests call it directly, the worker wires it
 * to the `emails` queue. Safe to run twice: a SENT row returns early.
 */
import { renderEmail, type EmailTemplate } from "../../app/models/email.server";
import { prisma } from "../../app/utils/db.server";
import { deliverMail, type OutgoingMail } from "../../app/utils/mailer.server";
import type { EmailJob } from "../queues";

export type SendEmailResult =
  { status: "sent"; messageId: string } | { status: "already-sent" } | { status: "missing" };

export async function sendEmail(
  { emailId }: EmailJob,
  deliver: (mail: OutgoingMail) => Promise<{ messageId: string }> = deliverMail,
): Promise<SendEmailResult> {
  const row = await prisma.email.findUnique({ where: { id: emailId } });
  if (!row) return { status: "missing" };
  if (row.status === "SENT") return { status: "already-sent" };

  await prisma.email.update({ where: { id: emailId }, data: { attempts: { increment: 1 } } });
  const rendered = renderEmail(row.template as EmailTemplate, row.locale, row.data as Record<string, string>);
  try {
    const { messageId } = await deliver({ id: row.id, to: row.to, ...rendered });
    await prisma.email.update({
      where: { id: emailId },
      data: { status: "SENT", sentAt: new Date(), messageId, error: null },
    });
    return { status: "sent", messageId };
  } catch (error) {
    await prisma.email.update({ where: { id: emailId }, data: { error: String(error) } });
    throw error;
  }
}

/** Called once, by the worker, when bull has used up every attempt. */
export async function markEmailFailed(emailId: string, error: unknown) {
  await prisma.email.updateMany({
    where: { id: emailId, status: "PENDING" },
    data: { status: "FAILED", error: error instanceof Error ? error.message : String(error) },
  });
}
