import { expect, test } from "vitest";
import { findStalePendingEmails } from "../app/models/email.server";
import { registerUser } from "../app/models/users.server";
import { prisma } from "../app/utils/db.server";
import { runShutdown } from "../app/utils/shutdown.server";
import { sendEmail } from "./processors/send-email";
import { EmailJobSchema, emailsQueue, enqueueEmail } from "./queues";

test("sign-up → bull (real Redis) → processor → SENT, and a lost job is found by the reconciler", async () => {
  const queue = emailsQueue();
  const processed: string[] = [];
  void queue.process(async (job) => {
    const data = EmailJobSchema.parse(job.data);
    processed.push(data.emailId);
    return sendEmail(data);
  });

  const result = await registerUser({
    name: "Queue Test",
    email: `${crypto.randomUUID()}@example.org`,
    password: "correct horse battery staple",
    locale: "fr",
  });
  if (result.status !== "created") throw new Error(result.status);
  const row = await prisma.email.findFirstOrThrow({ where: { userId: result.user.id } });

  await expect
    .poll(async () => (await prisma.email.findUniqueOrThrow({ where: { id: row.id } })).status, { timeout: 10_000 })
    .toBe("SENT");
  expect(processed).toContain(row.id);

  // A row whose job never reached Redis is still PENDING, and the reconciler finds it.
  const orphan = await prisma.email.create({
    data: {
      to: "orphan@example.org",
      template: "welcome",
      locale: "en",
      data: { name: "Orphan" },
      updatedAt: new Date(Date.now() - 120_000),
    },
  });
  await prisma.$executeRaw`UPDATE "Email" SET "updatedAt" = now() - interval '2 minutes' WHERE id = ${orphan.id}`;
  expect(await findStalePendingEmails({ olderThanMs: 60_000 })).toContain(orphan.id);
  await enqueueEmail(orphan.id);
  await expect
    .poll(async () => (await prisma.email.findUniqueOrThrow({ where: { id: orphan.id } })).status, { timeout: 10_000 })
    .toBe("SENT");

  // Enqueuing an id that is already queued or done does not deliver twice.
  await enqueueEmail(orphan.id);
  await new Promise((r) => setTimeout(r, 300));
  expect(processed.filter((id) => id === orphan.id)).toHaveLength(1);
  await runShutdown();
});
