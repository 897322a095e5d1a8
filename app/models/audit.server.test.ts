import { expect, test } from "vitest";
import { makeUser } from "../../test/factories";
import { prisma } from "~/utils/db.server";
import { AUDIT_PAGE_SIZE, auditCsv, listAuditEvents, recordAudit } from "./audit.server";
import { authenticate } from "./users.server";

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

test("sign-ins are audited with the address; a failure for an unknown email stores nothing but the address", async () => {
  const learner = await makeUser();
  const { email } = await prisma.user.findUniqueOrThrow({ where: { id: learner.id } });
  const ip = `192.0.2.${Math.floor(Math.random() * 200)}`;
  await authenticate({ email, password: "not the password at all", ip });
  await authenticate({ email, password: "correct horse battery staple", ip });
  const nobody = `nobody-${crypto.randomUUID()}@example.org`;
  await authenticate({ email: nobody, password: "whatever it was", ip });
  const rows = await prisma.auditEvent.findMany({ where: { ip }, orderBy: { createdAt: "asc" } });
  expect(rows.map((r) => [r.action, r.targetId])).toEqual([
    ["auth.login-failed", learner.id],
    ["auth.login-succeeded", learner.id],
    ["auth.login-failed", null],
  ]);
  expect(JSON.stringify(rows)).not.toContain(nobody);
});

test("the audit trail filters by person, target, action and dates, pages newest first, and exports the filter as CSV", async () => {
  const tag = crypto.randomUUID().slice(0, 8);
  const admin = await makeUser("ADMIN", `Auditor ${tag}`);
  const target = await makeUser("LEARNER", `=Target ${tag}`);
  for (let i = 0; i < AUDIT_PAGE_SIZE + 3; i++)
    await recordAudit({ actorId: admin.id, targetId: target.id, action: "test.paged", detail: { i } });
  await new Promise((resolve) => setTimeout(resolve, 5));
  await recordAudit({ actorId: admin.id, targetId: target.id, action: "user.suspended", detail: { reason: "x" } });
  await recordAudit({ actorId: target.id, action: "test.other" });

  const base = { person: "", action: "", target: "", from: "", to: "", page: 1 };
  const byActor = await listAuditEvents({ ...base, person: `auditor ${tag}` });
  expect(byActor.total).toBe(AUDIT_PAGE_SIZE + 4);
  expect(byActor.events).toHaveLength(AUDIT_PAGE_SIZE);
  expect(byActor.events[0]!.action).toBe("user.suspended");
  const page2 = await listAuditEvents({ ...base, person: `auditor ${tag}`, page: 2 });
  expect(page2.events).toHaveLength(4);
  const ids = new Set([...byActor.events, ...page2.events].map((e) => e.id));
  expect(ids.size).toBe(AUDIT_PAGE_SIZE + 4);

  expect((await listAuditEvents({ ...base, person: `auditor ${tag}`, action: "user." })).total).toBe(1);
  expect((await listAuditEvents({ ...base, target: `target ${tag}` })).total).toBe(AUDIT_PAGE_SIZE + 4);
  expect((await listAuditEvents({ ...base, person: `target ${tag}` })).total).toBe(1);
  const today = new Date().toISOString().slice(0, 10);
  expect((await listAuditEvents({ ...base, person: `auditor ${tag}`, from: today, to: today })).total).toBe(
    AUDIT_PAGE_SIZE + 4,
  );
  expect((await listAuditEvents({ ...base, person: `auditor ${tag}`, to: "2020-01-01" })).total).toBe(0);

  const csv = await auditCsv({ ...base, person: `auditor ${tag}`, action: "user.suspended" });
  const lines = csv
    .replace(/^\uFEFF/, "")
    .trim()
    .split("\r\n");
  expect(lines[0]).toBe("time,action,actor_name,actor_email,target_name,target_email,ip,detail");
  expect(lines).toHaveLength(2);
  // The target's name begins with "=": the cell is guarded so a spreadsheet never runs it.
  expect(lines[1]).toContain(`'=Target ${tag}`);
});
