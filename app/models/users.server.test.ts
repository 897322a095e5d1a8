import { expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { hashToken, invitationToken } from "~/utils/invitation-token.server";
import { findInvitation } from "./bulk-enrolment.server";
import {
  authenticate,
  changeUserRole,
  listUsers,
  registerUser,
  resendInvitation,
  userForAdmin,
  type NewUser,
} from "./users.server";

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

test("authentication accepts the right password only; one client's failures block that client, not the account", async () => {
  const input = person();
  await registerUser(input);
  const ip = `test-${crypto.randomUUID()}`;
  expect((await authenticate({ email: input.email, password: input.password, ip })).status).toBe("ok");
  expect((await authenticate({ email: input.email, password: "wrong password!", ip })).status).toBe("invalid");
  expect((await authenticate({ email: "nobody@example.org", password: "whatever123", ip })).status).toBe("invalid");
  // Four more failures from the same address (five in all): that pair is now blocked...
  for (let i = 0; i < 4; i++) await authenticate({ email: input.email, password: "wrong password!", ip });
  const blocked = await authenticate({ email: input.email, password: input.password, ip });
  expect(blocked).toMatchObject({ status: "rate-limited", reason: "blocked" });
  // ...but the owner, elsewhere, is not locked out.
  expect((await authenticate({ email: input.email, password: input.password, ip: `${ip}-home` })).status).toBe("ok");
});

test("an attacker hammering an administrator from one address cannot lock the administrator out", async () => {
  const admin = person({ role: "ADMIN" });
  await registerUser(admin, { welcomeEmail: false });
  const attacker = `attacker-${crypto.randomUUID()}`;
  const outcomes = [];
  for (let i = 0; i < 30; i++)
    outcomes.push((await authenticate({ email: admin.email, password: `guess-${i}-password`, ip: attacker })).status);
  expect(outcomes.filter((s) => s === "invalid")).toHaveLength(5); // LOGIN_MAX_FAILURES_PER_CLIENT
  expect(outcomes.slice(5).every((s) => s === "rate-limited")).toBe(true);
  const owner = await authenticate({
    email: admin.email,
    password: admin.password,
    ip: `office-${crypto.randomUUID()}`,
  });
  expect(owner.status).toBe("ok");
});

test("concurrent wrong guesses all count: of 12 at once, only 5 reach the password check", async () => {
  const input = person();
  await registerUser(input, { welcomeEmail: false });
  const ip = `burst-${crypto.randomUUID()}`;
  const results = await Promise.all(
    Array.from({ length: 12 }, (_, i) => authenticate({ email: input.email, password: `burst-${i}-guess`, ip })),
  );
  expect(results.filter((r) => r.status === "invalid")).toHaveLength(5);
  expect(results.filter((r) => r.status === "rate-limited")).toHaveLength(7);
});

test("attacks from many addresses slow the account's unknown clients down; a known device is never slowed", async () => {
  const input = person();
  await registerUser(input, { welcomeEmail: false });
  // Ten failures (LOGIN_MAX_FAILURES_PER_ACCOUNT) from ten addresses: no pair reaches its limit.
  for (let i = 0; i < 10; i++)
    await authenticate({ email: input.email, password: "wrong password!", ip: `swarm-${i}-${crypto.randomUUID()}` });
  const first = await authenticate({
    email: input.email,
    password: "wrong again!",
    ip: `swarm-x-${crypto.randomUUID()}`,
  });
  expect(first.status).toBe("invalid"); // one attempt per interval still goes through
  const slowed = await authenticate({ email: input.email, password: input.password, ip: `new-${crypto.randomUUID()}` });
  expect(slowed).toMatchObject({ status: "rate-limited", reason: "slowed" });
  if (slowed.status === "rate-limited") expect(slowed.retryAfterSeconds).toBeLessThanOrEqual(5);
  const known = await authenticate({
    email: input.email,
    password: input.password,
    ip: `new-${crypto.randomUUID()}`,
    device: "a-known-device-nonce",
  });
  expect(known.status).toBe("ok");
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

test("re-sending an invitation writes a new link and kills the old one", async () => {
  const admin = await registerUser(person({ role: "ADMIN" }), { welcomeEmail: false });
  if (admin.status !== "created") throw new Error(admin.status);
  const invited = await prisma.user.create({
    data: {
      id: crypto.randomUUID(),
      email: `${crypto.randomUUID()}@example.org`,
      name: "Invited Officer",
      locale: "fr",
    },
  });
  const oldId = crypto.randomUUID();
  await prisma.invitation.create({
    data: {
      id: oldId,
      userId: invited.id,
      tokenHash: hashToken(invitationToken(oldId)),
      expiresAt: new Date(Date.now() + 86_400_000),
    },
  });
  expect(await userForAdmin({ userId: invited.id })).toMatchObject({ canResendInvitation: true, hasPassword: false });
  expect(await resendInvitation({ actorId: admin.user.id, userId: invited.id })).toEqual({ status: "sent" });
  expect(await findInvitation(invitationToken(oldId))).toEqual({ status: "expired" });
  const mail = await prisma.email.findFirstOrThrow({ where: { userId: invited.id, template: "invitation" } });
  const newId = (mail.data as { invitationId: string }).invitationId;
  expect(newId).not.toBe(oldId);
  expect(await findInvitation(invitationToken(newId))).toMatchObject({ status: "valid" });
  expect(await prisma.auditEvent.count({ where: { targetId: invited.id, action: "user.invitation-resent" } })).toBe(1);

  // Someone with a password is not invited again.
  expect(await resendInvitation({ actorId: admin.user.id, userId: admin.user.id })).toEqual({ status: "has-password" });
});
