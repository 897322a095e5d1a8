import * as OTPAuth from "otpauth";
import { expect, test } from "vitest";
import { makeUser } from "../../test/factories";
import { prisma } from "~/utils/db.server";
import { readChallenge } from "~/utils/two-factor-challenge.server";
import {
  beginTwoFactorLogin,
  CODE_LIMITS,
  completeTwoFactorLogin,
  confirmTwoFactorSetup,
  disableTwoFactor,
  pendingTwoFactorLogin,
  pendingTwoFactorSetup,
  regenerateRecoveryCodes,
  resetTwoFactor,
  twoFactorEnabled,
} from "./two-factor.server";

const PERIOD = 30_000;
const codeAt = (secret: string, timestamp: number) =>
  OTPAuth.TOTP.generate({ secret: OTPAuth.Secret.fromBase32(secret), timestamp });

/** A person with two-factor on; `now` is the middle of a time step, so ±1 step is exact. */
async function enrolled(role: "LEARNER" | "ADMIN" = "LEARNER") {
  const user = await makeUser(role);
  const setup = await pendingTwoFactorSetup({ userId: user.id, email: user.email });
  if (!setup) throw new Error("no setup");
  const base = (Math.floor(Date.now() / PERIOD) + 0.5) * PERIOD;
  const confirmed = await confirmTwoFactorSetup({ userId: user.id, code: codeAt(setup.secret, base), now: base });
  if (confirmed.status !== "enabled") throw new Error(confirmed.status);
  return { user, secret: setup.secret, recoveryCodes: confirmed.recoveryCodes, base };
}

const withCookie = (cookie: string) =>
  new Request("http://localhost/login", { headers: { Cookie: cookie.split(";")[0]! } });

async function challengeFor(userId: string) {
  const cookie = await beginTwoFactorLogin({ userId, redirectTo: "/admin/users" });
  if (!cookie) throw new Error("expected a challenge");
  return withCookie(cookie);
}

test("the secret is stored encrypted: the row never contains the base32 secret", async () => {
  const { user, secret } = await enrolled();
  const row = await prisma.twoFactor.findUniqueOrThrow({ where: { userId: user.id } });
  expect(row.secretCipher).toMatch(/^v1\./);
  expect(JSON.stringify(row)).not.toContain(secret);
  expect(JSON.stringify(row).toLowerCase()).not.toContain(secret.toLowerCase());
  // Copied to another person's row, it does not decrypt (bound to the owner's id).
  const other = await makeUser();
  await prisma.twoFactor.create({ data: { userId: other.id, secretCipher: row.secretCipher } });
  await expect(pendingTwoFactorSetup({ userId: other.id, email: other.email })).rejects.toThrow();
});

test("set-up needs a right code; a wrong one leaves two-factor off", async () => {
  const user = await makeUser();
  const setup = await pendingTwoFactorSetup({ userId: user.id, email: user.email });
  expect(setup!.uri).toMatch(/^otpauth:\/\/totp\/Haidang:/);
  expect(setup!.qrDataUri).toMatch(/^data:image\/svg\+xml;base64,/);
  // Reloading the page shows the same secret.
  expect((await pendingTwoFactorSetup({ userId: user.id, email: user.email }))!.secret).toBe(setup!.secret);
  expect((await confirmTwoFactorSetup({ userId: user.id, code: "000000" })).status).toBe("wrong-code");
  expect(await twoFactorEnabled({ userId: user.id })).toBe(false);
  const audit = await prisma.auditEvent.findMany({ where: { targetId: user.id }, select: { action: true } });
  expect(audit.map((a) => a.action)).toContain("auth.two-factor-failed");
});

test("codes one step early or late are accepted, two steps are refused", async () => {
  const { user, secret, base } = await enrolled();
  const login = async (offsetSteps: number) =>
    completeTwoFactorLogin({
      request: await challengeFor(user.id),
      code: codeAt(secret, base + offsetSteps * PERIOD),
      now: base + 4 * PERIOD,
    });
  expect((await login(4 - 2)).status).toBe("wrong-code");
  expect((await login(4 + 2)).status).toBe("wrong-code");
  expect((await login(4 - 1)).status).toBe("ok");
  expect((await login(4 + 1)).status).toBe("ok");
});

test("a code already used is refused (replay), and so is an earlier one", async () => {
  const { user, secret, base } = await enrolled();
  const now = base + 5 * PERIOD;
  const code = codeAt(secret, now);
  const first = await completeTwoFactorLogin({ request: await challengeFor(user.id), code, now });
  expect(first).toMatchObject({ status: "ok", method: "password+totp", redirectTo: "/admin/users" });
  expect((await completeTwoFactorLogin({ request: await challengeFor(user.id), code, now })).status).toBe("wrong-code");
  expect(
    (await completeTwoFactorLogin({ request: await challengeFor(user.id), code: codeAt(secret, now - PERIOD), now }))
      .status,
  ).toBe("wrong-code");
  // The set-up code itself cannot be used to log in either.
  expect(
    (await completeTwoFactorLogin({ request: await challengeFor(user.id), code: codeAt(secret, base), now: base }))
      .status,
  ).toBe("wrong-code");
});

test("recovery codes are stored hashed and work once each", async () => {
  const { user, recoveryCodes } = await enrolled();
  expect(recoveryCodes).toHaveLength(10);
  expect(new Set(recoveryCodes).size).toBe(10);
  const rows = await prisma.recoveryCode.findMany({ where: { userId: user.id } });
  expect(rows).toHaveLength(10);
  const stored = JSON.stringify(rows);
  for (const code of recoveryCodes) {
    expect(stored).not.toContain(code);
    expect(stored).not.toContain(code.replace("-", ""));
  }
  const code = recoveryCodes[3]!;
  const first = await completeTwoFactorLogin({ request: await challengeFor(user.id), code: ` ${code.toUpperCase()} ` });
  expect(first).toMatchObject({ status: "ok", method: "password+recovery-code" });
  expect((await completeTwoFactorLogin({ request: await challengeFor(user.id), code })).status).toBe("wrong-code");
  const audit = await prisma.auditEvent.findFirstOrThrow({
    where: { targetId: user.id, action: "auth.login-succeeded" },
  });
  expect(audit.detail).toEqual({ method: "password+recovery-code" });
});

test("wrong codes are limited per challenge, and per account across challenges", async () => {
  const { user, secret } = await enrolled();
  const request = await challengeFor(user.id);
  const outcomes = [];
  for (let i = 0; i < CODE_LIMITS.perChallenge + 2; i++)
    outcomes.push((await completeTwoFactorLogin({ request, code: "000000" })).status);
  expect(outcomes.slice(0, CODE_LIMITS.perChallenge).every((s) => s === "wrong-code")).toBe(true);
  expect(outcomes.slice(CODE_LIMITS.perChallenge).every((s) => s === "rate-limited")).toBe(true);
  // The right code on this challenge is refused too: a new password step is needed.
  expect((await completeTwoFactorLogin({ request, code: codeAt(secret, Date.now()) })).status).toBe("rate-limited");

  // Concurrent guesses on fresh challenges: the account's limit is never overshot.
  const more = CODE_LIMITS.perAccount - CODE_LIMITS.perChallenge;
  const burst = await Promise.all(
    Array.from({ length: more + 4 }, async () =>
      completeTwoFactorLogin({ request: await challengeFor(user.id), code: "111111" }),
    ),
  );
  const wrong = burst.filter((r) => r.status === "wrong-code").length;
  expect(wrong).toBeLessThanOrEqual(more);
  expect(burst.filter((r) => r.status === "rate-limited").length).toBeGreaterThanOrEqual(4);
  expect(
    (await completeTwoFactorLogin({ request: await challengeFor(user.id), code: codeAt(secret, Date.now()) })).status,
  ).toBe("rate-limited");
});

test("the challenge cookie cannot be forged, reused or used after it expires", async () => {
  const { user, secret, base } = await enrolled();
  const cookie = (await beginTwoFactorLogin({ userId: user.id, redirectTo: "/" }))!;
  const value = cookie.split(";")[0]!;
  expect(cookie).toMatch(/HttpOnly/);
  expect(cookie).toMatch(/Max-Age=300/);
  const [name, token] = value.split("=") as [string, string];
  const [payload, signature] = token.split(".") as [string, string];

  // Forged: another user id with the old signature, or a made-up signature.
  const other = await makeUser();
  const forgedPayload = Buffer.from(
    JSON.stringify({ ...JSON.parse(Buffer.from(payload, "base64url").toString()), u: other.id }),
  ).toString("base64url");
  for (const forged of [`${forgedPayload}.${signature}`, `${payload}.${signature.slice(0, -2)}AA`, payload]) {
    const request = new Request("http://localhost/login", { headers: { Cookie: `${name}=${forged}` } });
    expect(readChallenge(request)).toBeNull();
    expect((await completeTwoFactorLogin({ request, code: codeAt(secret, Date.now()) })).status).toBe("no-challenge");
  }

  // Expired: five minutes later, even the right code is refused.
  const now = base + 20 * PERIOD;
  const late = await completeTwoFactorLogin({ request: withCookie(cookie), code: codeAt(secret, now), now });
  expect(late.status).toBe("no-challenge");

  // Reused: once it succeeded, the same cookie is refused with another right code.
  const fresh = withCookie((await beginTwoFactorLogin({ userId: user.id, redirectTo: "/" }))!);
  expect(await pendingTwoFactorLogin(fresh)).not.toBeNull();
  // (The set-up used the current step: the next one is the first a login can use.)
  const t = base + PERIOD;
  expect((await completeTwoFactorLogin({ request: fresh, code: codeAt(secret, t), now: t })).status).toBe("ok");
  expect(await pendingTwoFactorLogin(fresh)).toBeNull();
  expect((await completeTwoFactorLogin({ request: fresh, code: codeAt(secret, t + PERIOD), now: t })).status).toBe(
    "no-challenge",
  );
});

test("the password step alone creates no session: people without two-factor get none from it either", async () => {
  const { user } = await enrolled();
  const cookie = await beginTwoFactorLogin({ userId: user.id, redirectTo: "/" });
  expect(cookie).toMatch(/^haidang_2fa=/);
  expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
  const plain = await makeUser();
  expect(await beginTwoFactorLogin({ userId: plain.id, redirectTo: "/" })).toBeNull();
});

test("disabling needs the password and a code; regenerating replaces the recovery codes", async () => {
  const { user, secret, recoveryCodes } = await enrolled();
  const t = Date.now() + 2 * PERIOD;
  expect(
    (await disableTwoFactor({ userId: user.id, password: "wrong password", code: codeAt(secret, t), now: t })).status,
  ).toBe("wrong-password");
  expect(
    (await disableTwoFactor({ userId: user.id, password: "correct horse battery staple", code: "123456", now: t }))
      .status,
  ).toBe("wrong-code");
  const regenerated = await regenerateRecoveryCodes({ userId: user.id, code: codeAt(secret, t), now: t });
  expect(regenerated.status).toBe("regenerated");
  if (regenerated.status !== "regenerated") return;
  // Old codes no longer work; new ones do.
  expect((await completeTwoFactorLogin({ request: await challengeFor(user.id), code: recoveryCodes[0]! })).status).toBe(
    "wrong-code",
  );
  const disabled = await disableTwoFactor({
    userId: user.id,
    password: "correct horse battery staple",
    code: regenerated.recoveryCodes[0]!,
    now: t,
  });
  expect(disabled.status).toBe("disabled");
  expect(await twoFactorEnabled({ userId: user.id })).toBe(false);
  expect(await prisma.recoveryCode.count({ where: { userId: user.id } })).toBe(0);
  const actions = (await prisma.auditEvent.findMany({ where: { targetId: user.id }, select: { action: true } })).map(
    (a) => a.action,
  );
  expect(actions).toEqual(
    expect.arrayContaining(["auth.two-factor-enabled", "auth.recovery-codes-regenerated", "auth.two-factor-disabled"]),
  );
});

test("an administrator can reset someone's two-factor sign-in, with the reason audited", async () => {
  const { user } = await enrolled();
  const admin = await makeUser("ADMIN");
  expect(await resetTwoFactor({ userId: user.id, actorId: admin.id, reason: "lost phone" })).toEqual({
    status: "reset",
  });
  expect(await twoFactorEnabled({ userId: user.id })).toBe(false);
  const event = await prisma.auditEvent.findFirstOrThrow({
    where: { targetId: user.id, action: "auth.two-factor-reset" },
  });
  expect(event).toMatchObject({ actorId: admin.id, detail: { reason: "lost phone" } });
  expect((await resetTwoFactor({ userId: user.id, actorId: admin.id, reason: "again" })).status).toBe("not-enabled");
});
