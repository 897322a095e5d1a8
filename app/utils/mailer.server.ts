import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import nodemailer from "nodemailer";
import { env } from "./env.server";
import { singleton } from "./singleton.server";

export type OutgoingMail = { id: string; to: string; subject: string; text: string; html: string };

/**
 * Sends through SMTP_URL when it is set; otherwise writes the complete RFC 822 message
 * to OUTBOX_DIR/<id>.eml (open it with any mail client). Writing is idempotent per id.
 */
export async function deliverMail(mail: OutgoingMail): Promise<{ messageId: string; path?: string }> {
  const { SMTP_URL, MAIL_FROM, OUTBOX_DIR } = env();
  const message = {
    from: MAIL_FROM,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId: `<${mail.id}@haidang>`,
  };
  if (SMTP_URL) {
    const transport = singleton("mailer:smtp", () => nodemailer.createTransport(SMTP_URL));
    const info = await transport.sendMail(message);
    return { messageId: info.messageId };
  }
  const transport = singleton("mailer:stream", () =>
    nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" }),
  );
  const info = await transport.sendMail(message);
  await mkdir(OUTBOX_DIR, { recursive: true });
  const path = join(OUTBOX_DIR, `${mail.id}.eml`);
  await writeFile(path, info.message as Buffer);
  return { messageId: info.messageId, path };
}
