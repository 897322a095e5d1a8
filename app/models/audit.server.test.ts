import { expect, test } from "vitest";
import { makeUser } from "../../test/factories";
import { prisma } from "~/utils/db.server";
import { recordAudit } from "./audit.server";

test("an audit event is recorded with its actor, target, detail and client address", async () => {
  const admin = await makeUser("ADMIN");
  const learner = await makeUser();
  const { id } = await recordAudit({
    actorId: admin.id,
    targetId: learner.id,
    action: "user.suspended",
    detail: { reason: "left the service" },
    ip: "203.0.113.7",
  });
  const row = await prisma.auditEvent.findUniqueOrThrow({ where: { id } });
  expect(row).toMatchObject({
    actorId: admin.id,
    targetId: learner.id,
    action: "user.suspended",
    detail: { reason: "left the service" },
    ip: "203.0.113.7",
  });
});

test("audit rows are append-only: the database refuses updates and deletes", async () => {
  const learner = await makeUser();
  const { id } = await recordAudit({ targetId: learner.id, action: "auth.login-failed" });
  await expect(prisma.auditEvent.update({ where: { id }, data: { action: "auth.login-succeeded" } })).rejects.toThrow(
    /append-only/,
  );
  await expect(prisma.auditEvent.delete({ where: { id } })).rejects.toThrow(/append-only/);
  expect(await prisma.auditEvent.count({ where: { id } })).toBe(1);
});

test("deleting a person keeps their audit rows, with the reference cleared", async () => {
  const learner = await makeUser();
  const { id } = await recordAudit({ actorId: learner.id, targetId: learner.id, action: "account.deleted" });
  await prisma.user.delete({ where: { id: learner.id } });
  expect(await prisma.auditEvent.findUniqueOrThrow({ where: { id } })).toMatchObject({ actorId: null, targetId: null });
});

test("actions are dotted names and details never carry secrets", async () => {
  await expect(recordAudit({ action: "Login" })).rejects.toThrow(/dotted/);
  await expect(recordAudit({ action: "auth.password-reset", detail: { token: "x" } })).rejects.toThrow(/secrets/);
});
