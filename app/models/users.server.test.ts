import { expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { authenticate, changeUserRole, listUsers, registerUser, type NewUser } from "./users.server";

const person = (overrides: Partial<NewUser> = {}): NewUser => ({
  name: "Aroha Test",
  email: `${crypto.randomUUID()}@example.org`,
  password: "correct horse battery staple",
  country: "FJ",
  agency: "Fiji Police Force",
  locale: "en",
  ...overrides,
});

test("registering creates the account and a pending welcome email in the person's language", async () => {
  const input = person({ email: `  MiXeD-${crypto.randomUUID()}@Example.org `, locale: "ar" });
  const result = await registerUser(input);
  expect(result.status).toBe("created");
  if (result.status !== "created") return;
  const user = await prisma.user.findUniqueOrThrow({ where: { id: result.user.id } });
  expect(user.email).toBe(input.email.trim().toLowerCase());
  expect(user.passwordHash).toMatch(/^\$argon2id\$/);
  expect(user.role).toBe("LEARNER");
  const emails = await prisma.email.findMany({ where: { userId: user.id } });
  expect(emails).toHaveLength(1);
  expect(emails[0]).toMatchObject({ template: "welcome", locale: "ar", to: user.email });
});

test("a taken email (in any case) creates nothing", async () => {
  const first = person();
  await registerUser(first);
  const before = await prisma.user.count();
  const emailsBefore = await prisma.email.count();
  const again = await registerUser(person({ email: first.email.toUpperCase() }));
  expect(again.status).toBe("email-taken");
  expect(await prisma.user.count()).toBe(before);
  expect(await prisma.email.count()).toBe(emailsBefore);
});

test("a common password creates nothing", async () => {
  const input = person({ password: "password123" });
  const result = await registerUser(input);
  expect(result).toEqual({ status: "weak-password", reason: "validation.password.common" });
  expect(await prisma.user.findUnique({ where: { email: input.email } })).toBeNull();
});

test("authentication accepts the right password only, and locks out after repeated failures", async () => {
  const input = person();
  await registerUser(input);
  const ip = `test-${crypto.randomUUID()}`;
  expect((await authenticate({ email: input.email, password: input.password, ip })).status).toBe("ok");
  expect((await authenticate({ email: input.email, password: "wrong password!", ip })).status).toBe("invalid");
  expect((await authenticate({ email: "nobody@example.org", password: "whatever123", ip })).status).toBe("invalid");
  for (let i = 0; i < 5; i++) await authenticate({ email: input.email, password: "wrong password!", ip: `${ip}-${i}` });
  const locked = await authenticate({ email: input.email, password: input.password, ip: `${ip}-other` });
  expect(locked.status).toBe("rate-limited");
});

test("role changes are recorded, and the last administrator cannot be demoted", async () => {
  await prisma.user.updateMany({ where: { role: "ADMIN" }, data: { role: "LEARNER" } });
  const a = await registerUser(person({ role: "ADMIN" }));
  const b = await registerUser(person());
  if (a.status !== "created" || b.status !== "created") throw new Error("setup failed");

  expect(await changeUserRole({ actorId: a.user.id, userId: a.user.id, role: "LEARNER" })).toEqual({
    status: "last-admin",
  });
  const promoted = await changeUserRole({ actorId: a.user.id, userId: b.user.id, role: "ADMIN" });
  expect(promoted).toMatchObject({ status: "changed", user: { role: "ADMIN" } });
  const audit = await prisma.auditEvent.findFirst({ where: { targetId: b.user.id, action: "user.role-changed" } });
  expect(audit).toMatchObject({ actorId: a.user.id, detail: { from: "LEARNER", to: "ADMIN" } });

  // Two administrators demoting each other at the same moment: one must remain.
  const results = await Promise.all([
    changeUserRole({ actorId: a.user.id, userId: b.user.id, role: "LEARNER" }),
    changeUserRole({ actorId: b.user.id, userId: a.user.id, role: "LEARNER" }),
  ]);
  expect(results.map((r) => r.status).sort()).toEqual(["changed", "last-admin"]);
  expect(await prisma.user.count({ where: { role: "ADMIN" } })).toBe(1);
  expect(await changeUserRole({ actorId: a.user.id, userId: "missing", role: "ADMIN" })).toEqual({
    status: "not-found",
  });
});

test("the user list searches name, email and agency, and filters by role", async () => {
  const tag = crypto.randomUUID().slice(0, 8);
  await registerUser(person({ name: `Searchable ${tag}` }));
  await registerUser(person({ agency: `Agency ${tag}`, role: "TRAINER" }));
  expect((await listUsers({ q: tag, page: 1 })).total).toBe(2);
  expect((await listUsers({ q: tag, role: "TRAINER", page: 1 })).users).toHaveLength(1);
  expect((await listUsers({ q: tag.toUpperCase(), page: 1 })).total).toBe(2);
});
