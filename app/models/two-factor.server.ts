/**
 * Two-factor sign-in with TOTP (RFC 6238) and single-use recovery codes
 * (docs/decisions/019-two-factor.md). The secret is stored AES-256-GCM encrypted, recovery
 * codes as HMACs; every code check is counted by a failure limit before it is made, and a
 * time step once accepted is never accepted again for that person.
 */
import { randomInt } from "node:crypto";
import * as OTPAuth from "otpauth";
import QRCode from "qrcode";
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { verifyPassword } from "~/utils/password.server";
import { failureLimit } from "~/utils/rate-limit.server";
import { redis } from "~/utils/redis.server";
import { decryptSecret, deriveToken, encryptSecret } from "~/utils/secret.server";
import { createChallenge, readChallenge, type Challenge } from "~/utils/two-factor-challenge.server";
import { recordAudit } from "./audit.server";

export const TOTP_PERIOD = 30;
const TOTP_WINDOW = 1;
const ISSUER = "Haidang";
const SECRET_PURPOSE = "totp-secret";
export const RECOVERY_CODE_COUNT = 10;
const RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

/** Wrong codes allowed per account (all challenges and the security page together) and per challenge. */
export const CODE_LIMITS = { perAccount: 10, perChallenge: 5, windowSeconds: 15 * 60 };

type RateLimited = { status: "rate-limited"; retryAfterSeconds: number };

const totpFor = (secret: string, label: string) =>
  new OTPAuth.TOTP({
    issuer: ISSUER,
    label,
    algorithm: "SHA1",
    digits: 6,
    period: TOTP_PERIOD,
    secret: OTPAuth.Secret.fromBase32(secret),
  });

const seal = (userId: string, secret: string) => encryptSecret(SECRET_PURPOSE, userId, secret);
const unseal = (userId: string, sealed: string) => decryptSecret(SECRET_PURPOSE, userId, sealed);

/** A code as typed: spaces and dashes dropped, lower case. Six digits is a TOTP code, anything else a recovery code. */
const normalise = (code: string) => code.replace(/[\s-]/g, "").toLowerCase();
const isTotp = (code: string) => /^\d{6}$/.test(code);

const hashRecoveryCode = (userId: string, code: string) =>
  deriveToken("recovery-code", `${userId}\u0000${normalise(code)}`);

function newRecoveryCodes() {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join("");
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

async function replaceRecoveryCodes(tx: Prisma.TransactionClient, userId: string) {
  const codes = newRecoveryCodes();
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({
    data: codes.map((code) => ({ userId, codeHash: hashRecoveryCode(userId, code) })),
  });
  return codes;
}

const accountLimit = (userId: string) =>
  failureLimit({
    bucket: `two-factor:account:${userId}`,
    limit: CODE_LIMITS.perAccount,
    windowSeconds: CODE_LIMITS.windowSeconds,
  });

/** Groups a base32 secret in fours, for typing into an authenticator app. */
export const groupSecret = (secret: string) => secret.replace(/(.{4})(?=.)/g, "$1 ");

export async function twoFactorEnabled({ userId }: { userId: string }) {
  const row = await prisma.twoFactor.findUnique({ where: { userId }, select: { enabledAt: true } });
  return Boolean(row?.enabledAt);
}

export async function twoFactorStatus({ userId }: { userId: string }) {
  const row = await prisma.twoFactor.findUnique({ where: { userId }, select: { enabledAt: true } });
  const recoveryCodesLeft = row?.enabledAt ? await prisma.recoveryCode.count({ where: { userId, usedAt: null } }) : 0;
  return { enabled: Boolean(row?.enabledAt), enabledAt: row?.enabledAt ?? null, recoveryCodesLeft };
}

/**
 * The secret being set up (kept, encrypted, until confirmed, so reloading the page shows the
 * same one), with its otpauth:// URI and a QR code of it as an SVG data URI. Null when
 * two-factor is already on.
 */
export async function pendingTwoFactorSetup({ userId, email }: { userId: string; email: string }) {
  const existing = await prisma.twoFactor.findUnique({ where: { userId } });
  if (existing?.enabledAt) return null;
  let secret: string;
  if (existing) secret = unseal(userId, existing.secretCipher);
  else {
    secret = new OTPAuth.Secret({ size: 20 }).base32;
    await prisma.twoFactor.upsert({
      where: { userId },
      create: { userId, secretCipher: seal(userId, secret) },
      update: {},
    });
    // Two tabs at once: whichever secret was written first is the one to show.
    const stored = await prisma.twoFactor.findUniqueOrThrow({ where: { userId } });
    secret = unseal(userId, stored.secretCipher);
  }
  const uri = totpFor(secret, email).toString();
  const svg = await QRCode.toString(uri, { type: "svg", margin: 2, errorCorrectionLevel: "M" });
  return {
    secret,
    uri,
    qrDataUri: `data:image/svg+xml;base64,${Buffer.from(svg, "utf8").toString("base64")}`,
  };
}

/**
 * Checks a TOTP code for `userId` (±1 step) and, atomically, records its step as used: the
 * same code, or an earlier one, is refused afterwards. `enabledOnly: false` also checks the
 * secret being set up.
 */
async function acceptTotp({
  userId,
  code,
  now,
  enabledOnly = true,
}: {
  userId: string;
  code: string;
  now: number;
  enabledOnly?: boolean;
}): Promise<boolean> {
  const row = await prisma.twoFactor.findUnique({ where: { userId } });
  if (!row || (enabledOnly && !row.enabledAt)) return false;
  const totp = totpFor(unseal(userId, row.secretCipher), "x");
  const delta = totp.validate({ token: code, timestamp: now, window: TOTP_WINDOW });
  if (delta === null) return false;
  const step = totp.counter({ timestamp: now }) + delta;
  const taken = await prisma.twoFactor.updateMany({
    where: { userId, OR: [{ lastUsedStep: null }, { lastUsedStep: { lt: step } }] },
    data: { lastUsedStep: step },
  });
  return taken.count === 1;
}

/** Marks a recovery code used (atomically: two requests with one code, one wins). */
async function acceptRecoveryCode({ userId, code }: { userId: string; code: string }) {
  const used = await prisma.recoveryCode.updateMany({
    where: { userId, codeHash: hashRecoveryCode(userId, code), usedAt: null },
    data: { usedAt: new Date() },
  });
  return used.count === 1;
}

type SecondFactor = { ok: true; method: "totp" | "recovery-code" } | { ok: false };

async function checkSecondFactor({ userId, code, now }: { userId: string; code: string; now: number }) {
  const typed = normalise(code);
  if (isTotp(typed))
    return (await acceptTotp({ userId, code: typed, now }))
      ? ({ ok: true, method: "totp" } as const)
      : ({ ok: false } as const);
  if (typed.length !== 10) return { ok: false } as const;
  return (await acceptRecoveryCode({ userId, code: typed }))
    ? ({ ok: true, method: "recovery-code" } as const)
    : ({ ok: false } as const);
}

/** A code checked on the security page (behind the account's failure limit), audited when wrong. */
async function verifyOnPage({
  userId,
  code,
  ip,
  now,
  allowRecovery = true,
}: {
  userId: string;
  code: string;
  ip?: string | null;
  now: number;
  allowRecovery?: boolean;
}): Promise<SecondFactor | RateLimited> {
  const limit = accountLimit(userId);
  const gate = await limit.attempt();
  if (!gate.allowed) return { status: "rate-limited", retryAfterSeconds: gate.retryAfterSeconds };
  const typed = normalise(code);
  const result: SecondFactor =
    !allowRecovery && !isTotp(typed) ? { ok: false } : await checkSecondFactor({ userId, code: typed, now });
  if (result.ok) await limit.succeeded();
  else
    await recordAudit({
      actorId: userId,
      targetId: userId,
      action: "auth.two-factor-failed",
      ip,
      detail: { where: "security-page" },
    });
  return result;
}

export type ConfirmSetupResult =
  { status: "enabled"; recoveryCodes: string[] } | { status: "wrong-code" } | { status: "not-pending" } | RateLimited;

/** The first code from the authenticator app turns two-factor on and returns ten recovery codes (shown once). */
export async function confirmTwoFactorSetup({
  userId,
  code,
  ip,
  now = Date.now(),
}: {
  userId: string;
  code: string;
  ip?: string | null;
  now?: number;
}): Promise<ConfirmSetupResult> {
  const row = await prisma.twoFactor.findUnique({ where: { userId }, select: { enabledAt: true } });
  if (!row || row.enabledAt) return { status: "not-pending" };
  const limit = accountLimit(userId);
  const gate = await limit.attempt();
  if (!gate.allowed) return { status: "rate-limited", retryAfterSeconds: gate.retryAfterSeconds };
  const typed = normalise(code);
  if (!isTotp(typed) || !(await acceptTotp({ userId, code: typed, now, enabledOnly: false }))) {
    await recordAudit({
      actorId: userId,
      targetId: userId,
      action: "auth.two-factor-failed",
      ip,
      detail: { where: "set-up" },
    });
    return { status: "wrong-code" };
  }
  await limit.succeeded();
  const recoveryCodes = await prisma.$transaction(async (tx) => {
    await tx.twoFactor.update({ where: { userId }, data: { enabledAt: new Date(now) } });
    const codes = await replaceRecoveryCodes(tx, userId);
    await recordAudit({ actorId: userId, targetId: userId, action: "auth.two-factor-enabled", ip }, tx);
    return codes;
  });
  return { status: "enabled", recoveryCodes };
}

export type DisableResult =
  | { status: "disabled" }
  | { status: "wrong-password" }
  | { status: "wrong-code" }
  | { status: "not-enabled" }
  | RateLimited;

/** Turns two-factor off: the password and a code (or a recovery code) are both needed. */
export async function disableTwoFactor({
  userId,
  password,
  code,
  ip,
  now = Date.now(),
}: {
  userId: string;
  password: string;
  code: string;
  ip?: string | null;
  now?: number;
}): Promise<DisableResult> {
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: { passwordHash: true, twoFactor: { select: { enabledAt: true } } },
  });
  if (!user?.twoFactor?.enabledAt) return { status: "not-enabled" };
  const limit = accountLimit(userId);
  const gate = await limit.attempt();
  if (!gate.allowed) return { status: "rate-limited", retryAfterSeconds: gate.retryAfterSeconds };
  // One counted attempt covers both the password and the code.
  const passwordOk = Boolean(user.passwordHash) && (await verifyPassword(user.passwordHash!, password));
  const second = passwordOk ? await checkSecondFactor({ userId, code, now }) : ({ ok: false } as const);
  if (!passwordOk || !second.ok) {
    await recordAudit({
      actorId: userId,
      targetId: userId,
      action: "auth.two-factor-failed",
      ip,
      detail: { where: "disable" },
    });
    return { status: passwordOk ? "wrong-code" : "wrong-password" };
  }
  await limit.succeeded();
  await prisma.$transaction(async (tx) => {
    await tx.recoveryCode.deleteMany({ where: { userId } });
    await tx.twoFactor.delete({ where: { userId } });
    await recordAudit({ actorId: userId, targetId: userId, action: "auth.two-factor-disabled", ip }, tx);
  });
  return { status: "disabled" };
}

export type RegenerateResult =
  | { status: "regenerated"; recoveryCodes: string[] }
  | { status: "wrong-code" }
  | { status: "not-enabled" }
  | RateLimited;

/** Ten new recovery codes (the old ones stop working), after a code from the authenticator app. */
export async function regenerateRecoveryCodes({
  userId,
  code,
  ip,
  now = Date.now(),
}: {
  userId: string;
  code: string;
  ip?: string | null;
  now?: number;
}): Promise<RegenerateResult> {
  if (!(await twoFactorEnabled({ userId }))) return { status: "not-enabled" };
  const second = await verifyOnPage({ userId, code, ip, now, allowRecovery: false });
  if ("status" in second) return second;
  if (!second.ok) return { status: "wrong-code" };
  const recoveryCodes = await prisma.$transaction(async (tx) => {
    const codes = await replaceRecoveryCodes(tx, userId);
    await recordAudit({ actorId: userId, targetId: userId, action: "auth.recovery-codes-regenerated", ip }, tx);
    return codes;
  });
  return { status: "regenerated", recoveryCodes };
}

/**
 * An administrator removes someone's two-factor sign-in (lost phone and codes), with a reason.
 * The person sets it up again at their next visit (administrators must).
 */
export async function resetTwoFactor({ userId, actorId, reason }: { userId: string; actorId: string; reason: string }) {
  return prisma.$transaction(async (tx) => {
    const removed = await tx.twoFactor.deleteMany({ where: { userId } });
    await tx.recoveryCode.deleteMany({ where: { userId } });
    if (removed.count === 0) return { status: "not-enabled" } as const;
    await recordAudit({ actorId, targetId: userId, action: "auth.two-factor-reset", detail: { reason } }, tx);
    return { status: "reset" } as const;
  });
}

// ---------------------------------------------------------------------------------------
// The login's second step.

/** After the right password: a challenge cookie when the person has two-factor on, else null (start the session). */
export async function beginTwoFactorLogin({ userId, redirectTo }: { userId: string; redirectTo: string }) {
  if (!(await twoFactorEnabled({ userId }))) return null;
  return createChallenge({ userId, redirectTo }).cookie;
}

/** The challenge this request carries, when valid, unexpired and not yet used. */
export async function pendingTwoFactorLogin(request: Request, now = Date.now()): Promise<Challenge | null> {
  const challenge = readChallenge(request, now);
  if (!challenge) return null;
  return (await redis.exists(consumedKey(challenge.nonce))) ? null : challenge;
}

const consumedKey = (nonce: string) => `two-factor:challenge:${nonce}`;

export type CompleteLoginResult =
  | {
      status: "ok";
      user: { id: string; email: string };
      redirectTo: string;
      method: "password+totp" | "password+recovery-code";
    }
  | { status: "no-challenge" }
  | { status: "wrong-code" }
  | RateLimited;

/**
 * The second step: with a valid challenge and a right code (or an unused recovery code), the
 * caller may start the session. The challenge's nonce is claimed in Redis before the code is
 * checked (so it is used once even by concurrent requests) and given back on a wrong code;
 * wrong codes are limited per challenge and per account, counted before the check.
 */
export async function completeTwoFactorLogin({
  request,
  code,
  ip,
  now = Date.now(),
}: {
  request: Request;
  code: string;
  ip?: string | null;
  now?: number;
}): Promise<CompleteLoginResult> {
  const challenge = readChallenge(request, now);
  if (!challenge) return { status: "no-challenge" };
  const key = consumedKey(challenge.nonce);
  const ttl = Math.max(1, Math.ceil((challenge.expiresAt - now) / 1000) + 60);
  if ((await redis.set(key, "1", "EX", ttl, "NX")) !== "OK") return { status: "no-challenge" };
  const limits = [
    accountLimit(challenge.userId),
    failureLimit({
      bucket: `two-factor:challenge:${challenge.nonce}`,
      limit: CODE_LIMITS.perChallenge,
      windowSeconds: CODE_LIMITS.windowSeconds,
    }),
  ];
  for (const limit of limits) {
    const gate = await limit.attempt();
    if (!gate.allowed) {
      await redis.del(key);
      await recordAudit({
        targetId: challenge.userId,
        action: "auth.two-factor-failed",
        ip,
        detail: { where: "login", limited: true },
      });
      return { status: "rate-limited", retryAfterSeconds: gate.retryAfterSeconds };
    }
  }
  const user = await prisma.user.findUnique({ where: { id: challenge.userId }, select: { id: true, email: true } });
  const result = user ? await checkSecondFactor({ userId: user.id, code, now }) : ({ ok: false } as const);
  if (!user || !result.ok) {
    await redis.del(key);
    await recordAudit({ targetId: challenge.userId, action: "auth.two-factor-failed", ip, detail: { where: "login" } });
    return { status: "wrong-code" };
  }
  await limits[0]!.succeeded();
  const method = result.method === "totp" ? "password+totp" : "password+recovery-code";
  await recordAudit({ actorId: user.id, targetId: user.id, action: "auth.login-succeeded", ip, detail: { method } });
  return { status: "ok", user, redirectTo: challenge.redirectTo, method };
}

// ---------------------------------------------------------------------------------------
// Demo accounts (development and tests only: see app/models/demo.server.ts).

/** Turns two-factor on with a known secret (and no recovery codes) when the person has none. */
export async function enableDemoTwoFactor({ userId, secret }: { userId: string; secret: string }) {
  const existing = await prisma.twoFactor.findUnique({ where: { userId }, select: { enabledAt: true } });
  if (existing?.enabledAt) return false;
  await prisma.twoFactor.upsert({
    where: { userId },
    create: { userId, secretCipher: seal(userId, secret), enabledAt: new Date() },
    update: { secretCipher: seal(userId, secret), enabledAt: new Date(), lastUsedStep: null },
  });
  return true;
}

/** The otpauth:// URI for a known secret (printed for the demo administrator in development). */
export const demoTotpUri = (secret: string, email: string) => totpFor(secret, email).toString();
