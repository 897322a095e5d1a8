import { expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { accountToken, hashAccountToken } from "~/utils/account-token.server";
import { renderEmail, type EmailTemplate } from "./email.server";
import { makeCourse, makeUser, uid } from "../../test/factories";
import {
  checkToken,
  confirmEmailToken,
  requestEmailChange,
  requestPasswordReset,
  requirePasswordReset,
  resendVerification,
  resetPassword,
  signUp,
} from "./account-tokens.server";
import { enrol } from "./enrolments.server";
import { authenticate, type NewUser } from "./users.server";

const PASSWORD = "correct horse battery staple";
const ip = () => `198.51.100.${Math.floor(Math.random() * 250)}-${uid()}`;
const person = (overrides: Partial<NewUser> = {}): NewUser => ({
  name: "Aroha Test",
  email: `${uid()}-${uid()}@example.org`,
  password: PASSWORD,
  country: "FJ",
  locale: "fr",
  ...overrides,
});

/** The link of the latest mail to `to` with `template`, rendered as the worker renders it. */
async function linkIn(to: string, template: EmailTemplate) {
  const row = await prisma.email.findFirstOrThrow({ where: { to, template }, orderBy: { createdAt: "desc" } });
  const { text } = renderEmail(template, row.locale, row.data as Record<string, string>);
  const url = text.match(/https?:\/\/\S+\/(verify-email|reset-password)\/([\w-]+)/);
  if (!url) throw new Error(`no link in ${text}`);
  return { token: url[2]!, row, text };
}

async function signedUp(overrides: Partial<NewUser> = {}) {
  const input = person(overrides);
  expect(await signUp(input, { ip: ip() })).toEqual({ status: "check-email" });
  return prisma.user.findUniqueOrThrow({ where: { email: input.email } });
}

test("a new sign-up is unverified, cannot enrol, and is verified by following its link once", async () => {
  const course = await makeCourse();
  const user = await signedUp();
  expect(user.emailVerifiedAt).toBeNull();
  expect(await enrol({ user, courseSlug: course.slug })).toEqual({ status: "unverified" });

  const { token, row } = await linkIn(user.email, "verify-email");
  expect(row.locale).toBe("fr");
  expect(await confirmEmailToken({ token })).toEqual({ status: "verified", userId: user.id });
  expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).emailVerifiedAt).not.toBeNull();
  expect(await confirmEmailToken({ token })).toEqual({ status: "invalid" });
  expect(await enrol({ user, courseSlug: course.slug })).toEqual({ status: "enrolled" });
  expect(await prisma.auditEvent.count({ where: { targetId: user.id, action: "account.email-verified" } })).toBe(1);
});

test("no raw token is stored: the token row keeps its SHA-256, the email row only the token's id", async () => {
  const user = await signedUp();
  const { token, row } = await linkIn(user.email, "verify-email");
  const stored = await prisma.accountToken.findFirstOrThrow({ where: { userId: user.id } });
  expect(stored.tokenHash).toBe(hashAccountToken(token));
  expect(stored.tokenHash).not.toContain(token);
  expect(JSON.stringify(row)).not.toContain(token);
  expect(JSON.stringify(stored)).not.toContain(token);
  expect(Buffer.from(token, "base64url")).toHaveLength(32);
  expect(accountToken(stored.id)).toBe(token);
});

test("an expired link is refused, and a link for another purpose is refused", async () => {
  const user = await signedUp();
  const { token } = await linkIn(user.email, "verify-email");
  expect(await checkToken({ token, purposes: ["RESET_PASSWORD"] })).toEqual({ status: "invalid" });
  expect(await resetPassword({ token, password: "another long passphrase" })).toEqual({ status: "invalid" });
  await prisma.accountToken.updateMany({
    where: { userId: user.id },
    data: { expiresAt: new Date(Date.now() - 1000) },
  });
  expect(await checkToken({ token, purposes: ["VERIFY_EMAIL"] })).toEqual({ status: "expired" });
  expect(await confirmEmailToken({ token })).toEqual({ status: "invalid" });
  expect(await confirmEmailToken({ token: "made-up" })).toEqual({ status: "invalid" });
});

test("verification links last 24 hours, reset links 30 minutes", async () => {
  const user = await signedUp();
  await requestPasswordReset({ email: user.email, ip: ip() });
  const tokens = await prisma.accountToken.findMany({ where: { userId: user.id } });
  const life = (purpose: string) => {
    const t = tokens.find((x) => x.purpose === purpose)!;
    return t.expiresAt.getTime() - t.createdAt.getTime();
  };
  expect(Math.abs(life("VERIFY_EMAIL") - 24 * 3600_000)).toBeLessThan(5_000);
  expect(Math.abs(life("RESET_PASSWORD") - 30 * 60_000)).toBeLessThan(5_000);
});

test("sending the link again replaces the old one, and re-sends are limited per account", async () => {
  const user = await signedUp();
  const first = await linkIn(user.email, "verify-email");
  expect(await resendVerification({ userId: user.id, ip: ip() })).toEqual({ status: "sent" });
  const second = await linkIn(user.email, "verify-email");
  expect(second.token).not.toBe(first.token);
  expect(await confirmEmailToken({ token: first.token })).toEqual({ status: "invalid" });
  expect(await resendVerification({ userId: user.id, ip: ip() })).toEqual({ status: "sent" });
  expect(await resendVerification({ userId: user.id, ip: ip() })).toEqual({ status: "sent" });
  const limited = await resendVerification({ userId: user.id, ip: ip() });
  expect(limited.status).toBe("rate-limited");
  expect(await confirmEmailToken({ token: (await linkIn(user.email, "verify-email")).token })).toMatchObject({
    status: "verified",
  });
  expect(await resendVerification({ userId: user.id, ip: ip() })).toEqual({ status: "already-verified" });
});

test("sign-ups and re-sends are limited per client", async () => {
  const client = ip();
  for (let i = 0; i < 20; i++) expect((await signUp(person(), { ip: client })).status).toBe("check-email");
  expect((await signUp(person(), { ip: client })).status).toBe("rate-limited");
  expect((await signUp(person(), { ip: ip() })).status).toBe("check-email");
});

test("signing up with a registered address answers the same and mails the owner a notice, not a link", async () => {
  const owner = await makeUser();
  const before = await prisma.user.findUniqueOrThrow({ where: { id: owner.id } });
  const known = await signUp(person({ email: owner.email.toUpperCase(), name: "Buy cheap watches" }), { ip: ip() });
  const unknown = await signUp(person(), { ip: ip() });
  expect(known).toEqual(unknown);
  const after = await prisma.user.findUniqueOrThrow({ where: { id: owner.id } });
  expect(after.passwordHash).toBe(before.passwordHash);
  expect(after.name).toBe(before.name);
  const mails = await prisma.email.findMany({ where: { to: owner.email } });
  expect(mails.map((m) => m.template)).toEqual(["signup-existing"]);
  expect(JSON.stringify(mails[0]!.data)).not.toContain("watches");
  expect(await prisma.accountToken.count({ where: { userId: owner.id } })).toBe(0);
});

test("no user-chosen name appears in an account email's subject", async () => {
  const user = await signedUp({ name: "Very Unusual Name" });
  for (const template of ["verify-email", "welcome"] as const) {
    const { subject } = renderEmail(template, "en", { name: user.name, accountTokenId: "x" });
    expect(subject).not.toContain("Unusual");
  }
});

test("a forgotten-password request answers the same for a known and an unknown address", async () => {
  const user = await makeUser();
  const stranger = `${uid()}@example.org`;
  expect(await requestPasswordReset({ email: user.email, ip: ip() })).toEqual({ status: "sent" });
  expect(await requestPasswordReset({ email: stranger, ip: ip() })).toEqual({ status: "sent" });
  expect(await prisma.email.count({ where: { to: stranger } })).toBe(0);
  expect(await prisma.email.count({ where: { to: user.email, template: "password-reset" } })).toBe(1);
  expect(await prisma.auditEvent.count({ where: { targetId: user.id, action: "auth.password-reset-requested" } })).toBe(
    1,
  );
});

test("reset requests are limited per address (known or not) and per client", async () => {
  const user = await makeUser();
  const stranger = `${uid()}@example.org`;
  for (const email of [user.email, stranger]) {
    for (let i = 0; i < 3; i++) expect((await requestPasswordReset({ email, ip: ip() })).status).toBe("sent");
    expect((await requestPasswordReset({ email, ip: ip() })).status).toBe("rate-limited");
  }
  const client = ip();
  for (let i = 0; i < 20; i++) await requestPasswordReset({ email: `${uid()}@example.org`, ip: client });
  expect((await requestPasswordReset({ email: `${uid()}@example.org`, ip: client })).status).toBe("rate-limited");
});

test("a reset sets the password, ends every session, and works once", async () => {
  const user = await makeUser();
  await prisma.session.createMany({
    data: [1, 2].map((n) => ({ id: `s-${uid()}-${n}`, userId: user.id, expiresAt: new Date(Date.now() + 3600_000) })),
  });
  await requestPasswordReset({ email: user.email, ip: ip() });
  const { token } = await linkIn(user.email, "password-reset");
  expect(await resetPassword({ token, password: "short" })).toMatchObject({ status: "weak-password" });
  expect(await resetPassword({ token, password: "a brand new passphrase" })).toEqual({
    status: "reset",
    userId: user.id,
  });
  expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
  expect(await resetPassword({ token, password: "yet another passphrase" })).toEqual({ status: "invalid" });
  const login = (password: string) => authenticate({ email: user.email, password, ip: ip() });
  expect((await login("a brand new passphrase")).status).toBe("ok");
  expect((await login(PASSWORD)).status).toBe("invalid");
  expect(await prisma.auditEvent.count({ where: { targetId: user.id, action: "auth.password-reset" } })).toBe(1);
});

test("an email change needs the current password, mails both addresses, and applies only when followed", async () => {
  const user = await makeUser();
  const next = `${uid()}-new@example.org`;
  expect(await requestEmailChange({ userId: user.id, email: next, current: "wrong", ip: ip() })).toEqual({
    status: "wrong-password",
  });
  expect(await requestEmailChange({ userId: user.id, email: user.email, current: PASSWORD, ip: ip() })).toEqual({
    status: "same-address",
  });
  expect(await requestEmailChange({ userId: user.id, email: next, current: PASSWORD, ip: ip() })).toEqual({
    status: "sent",
  });
  expect(await prisma.email.count({ where: { to: user.email, template: "email-change-notice" } })).toBe(1);
  expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).email).toBe(user.email);
  const { token } = await linkIn(next, "email-change-confirm");
  expect(await checkToken({ token, purposes: ["RESET_PASSWORD"] })).toEqual({ status: "invalid" });
  expect(await confirmEmailToken({ token })).toEqual({ status: "changed", userId: user.id });
  expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).email).toBe(next);
  expect(await confirmEmailToken({ token })).toEqual({ status: "invalid" });
  const actions = await prisma.auditEvent.findMany({ where: { targetId: user.id }, select: { action: true } });
  expect(actions.map((a) => a.action)).toEqual(
    expect.arrayContaining(["account.email-change-requested", "account.email-changed"]),
  );
});

test("an email change re-checks uniqueness when the link is followed", async () => {
  const user = await makeUser();
  const next = `${uid()}-race@example.org`;
  await requestEmailChange({ userId: user.id, email: next, current: PASSWORD, ip: ip() });
  const { token } = await linkIn(next, "email-change-confirm");
  await signUp(person({ email: next }), { ip: ip() });
  expect(await confirmEmailToken({ token })).toEqual({ status: "email-taken" });
  expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).email).toBe(user.email);
});

test("an email change to a registered address sends no link but answers the same", async () => {
  const user = await makeUser();
  const other = await makeUser();
  expect(await requestEmailChange({ userId: user.id, email: other.email, current: PASSWORD, ip: ip() })).toEqual({
    status: "sent",
  });
  expect(await prisma.email.count({ where: { to: other.email } })).toBe(0);
  expect(await prisma.accountToken.count({ where: { userId: user.id } })).toBe(0);
});

test("email change requests (and password guesses) are limited per account", async () => {
  const user = await makeUser();
  for (let i = 0; i < 3; i++)
    await requestEmailChange({ userId: user.id, email: `${uid()}@example.org`, current: "guess", ip: ip() });
  expect(
    (await requestEmailChange({ userId: user.id, email: `${uid()}@example.org`, current: PASSWORD, ip: ip() })).status,
  ).toBe("rate-limited");
});

test("an administrator requiring a reset stops the old password and every session, and mails a link that works", async () => {
  const admin = await makeUser("ADMIN");
  const user = await makeUser();
  await prisma.session.create({
    data: { id: `s-${uid()}`, userId: user.id, expiresAt: new Date(Date.now() + 3600_000) },
  });
  expect(await requirePasswordReset({ userId: user.id, actorId: admin.id, ip: ip() })).toEqual({
    status: "required",
  });
  expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
  // Asked twice: the account already waits for its new password (the first link still works).
  expect(await requirePasswordReset({ userId: user.id, actorId: admin.id })).toEqual({ status: "no-password" });
  const login = (password: string) => authenticate({ email: user.email, password, ip: ip() });
  expect((await login(PASSWORD)).status).toBe("invalid");
  const { token } = await linkIn(user.email, "password-reset");
  expect((await resetPassword({ token, password: "a brand new passphrase" })).status).toBe("reset");
  expect((await login("a brand new passphrase")).status).toBe("ok");
  expect(
    await prisma.auditEvent.count({
      where: { actorId: admin.id, targetId: user.id, action: "user.password-reset-required" },
    }),
  ).toBe(1);
});
