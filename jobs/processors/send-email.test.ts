import { readFile } from "node:fs/promises";
import { expect, test } from "vitest";
import { registerUser } from "../../app/models/users.server";
import { prisma } from "../../app/utils/db.server";
import { markEmailFailed, sendEmail } from "./send-email";

async function pendingWelcome(locale: "en" | "fr" | "ar" = "en") {
  const result = await registerUser({
    name: "Fatima Al-Sayed",
    email: `${crypto.randomUUID()}@example.org`,
    password: "correct horse battery staple",
    locale,
  });
  if (result.status !== "created") throw new Error(result.status);
  return prisma.email.findFirstOrThrow({ where: { userId: result.user.id } });
}

test("the welcome email is written to the outbox in the person's language and the row marked SENT", async () => {
  const row = await pendingWelcome("ar");
  const result = await sendEmail({ emailId: row.id });
  expect(result.status).toBe("sent");
  const saved = await prisma.email.findUniqueOrThrow({ where: { id: row.id } });
  expect(saved).toMatchObject({ status: "SENT", attempts: 1, error: null });
  const eml = await readFile(`.cache/test-outbox/${row.id}.eml`, "utf8");
  expect(eml).toContain(`To: ${row.to}`);
  expect(eml).toContain("Content-Type: text/html");
  const htmlPart = eml
    .split("Content-Type: text/html; charset=utf-8")[1]!
    .split(/\r?\n\r?\n/)[1]!
    .split("--")[0]!;
  const html = Buffer.from(htmlPart.replace(/\s/g, ""), "base64").toString();
  expect(html).toContain('dir="rtl"');
  expect(html).toContain("Fatima Al-Sayed");
});

test("running the job twice sends once", async () => {
  const row = await pendingWelcome();
  let deliveries = 0;
  const deliver = async () => {
    deliveries++;
    return { messageId: "<x@test>" };
  };
  await sendEmail({ emailId: row.id }, deliver);
  expect(await sendEmail({ emailId: row.id }, deliver)).toEqual({ status: "already-sent" });
  expect(deliveries).toBe(1);
});

test("a failed delivery keeps the row PENDING with the error, and the final failure marks it FAILED", async () => {
  const row = await pendingWelcome();
  const broken = async () => {
    throw new Error("SMTP 421 try later");
  };
  await expect(sendEmail({ emailId: row.id }, broken)).rejects.toThrow("SMTP 421");
  expect(await prisma.email.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
    status: "PENDING",
    attempts: 1,
    error: "Error: SMTP 421 try later",
  });
  await markEmailFailed(row.id, new Error("gave up"));
  expect(await prisma.email.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
    status: "FAILED",
    error: "gave up",
  });
});

test("a missing row is reported, not thrown", async () => {
  expect(await sendEmail({ emailId: crypto.randomUUID() })).toEqual({ status: "missing" });
});
