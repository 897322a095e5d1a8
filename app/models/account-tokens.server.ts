/**
 * One-use account links: email verification, forgotten password, email change
 * (docs/decisions/017-account-tokens.md). Each link is an AccountToken row holding only the
 * SHA-256 of the token; the token is derived from the row's random id when the mail is
 * written, so nothing in the database is a working link. Every public entry point answers the
 * same whether or not an account exists for the address it was given.
 */
import { Prisma } from "~/generated/prisma/client";
import type { AccountTokenPurpose } from "~/generated/prisma/enums";
import type { MessageKey } from "~/i18n/i18n";
import { accountToken, hashAccountToken, newAccountTokenId } from "~/utils/account-token.server";
import { endAllSessions } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { dummyPasswordHash, hashPassword, verifyPassword } from "~/utils/password.server";
import { passwordProblem } from "~/utils/password-policy.server";
import { failureLimit } from "~/utils/rate-limit.server";
import { ResetPasswordSchema } from "~/validation/account";
import { recordAudit } from "./audit.server";
import { vetByTrustedDomain } from "./vetting.server";
import { agencyFitsCountry, requestAgency } from "./agencies.server";
import { createEmailRow, dispatchEmail, type EmailTemplate } from "./email.server";
import { registerUser, type NewUser } from "./users.server";

type Tx = Prisma.TransactionClient;

export const TOKEN_LIFETIME_MS: Record<AccountTokenPurpose, number> = {
  VERIFY_EMAIL: 24 * 60 * 60 * 1000,
  CHANGE_EMAIL: 24 * 60 * 60 * 1000,
  RESET_PASSWORD: 30 * 60 * 1000,
};

const TEMPLATE: Record<AccountTokenPurpose, EmailTemplate> = {
  VERIFY_EMAIL: "verify-email",
  CHANGE_EMAIL: "email-change-confirm",
  RESET_PASSWORD: "password-reset",
};

const normaliseEmail = (email: string) => email.trim().toLowerCase();

// ------------------------------------------------------------------ rate limits

export type Limited = { status: "rate-limited"; retryAfterSeconds: number };

/**
 * Mail-sending requests, counted before anything is looked up (atomic, see failureLimit): per
 * address or account (`ACCOUNT_MAIL_MAX_PER_ADDRESS`) and per client (`ACCOUNT_MAIL_MAX_PER_CLIENT`),
 * each per `ACCOUNT_MAIL_WINDOW_SECONDS`. Counted for unknown addresses too, so the limit says
 * nothing about which addresses have accounts.
 */
async function gate(kind: string, { subject, ip }: { subject?: string; ip?: string | null }): Promise<Limited | null> {
  const e = env();
  const windowSeconds = e.ACCOUNT_MAIL_WINDOW_SECONDS;
  const checks = [
    ...(ip ? [{ bucket: `${kind}:ip:${ip}`, limit: e.ACCOUNT_MAIL_MAX_PER_CLIENT }] : []),
    ...(subject ? [{ bucket: `${kind}:subject:${subject}`, limit: e.ACCOUNT_MAIL_MAX_PER_ADDRESS }] : []),
  ];
  for (const check of checks) {
    const result = await failureLimit({ ...check, windowSeconds }).attempt();
    if (!result.allowed) return { status: "rate-limited", retryAfterSeconds: result.retryAfterSeconds };
  }
  return null;
}

// ------------------------------------------------------------------ tokens

/**
 * A new link for `purpose`, replacing any unused one of the same purpose (the latest mail is
 * the one that works), with its email row. Dispatch the email after the transaction commits.
 */
async function issueToken(
  tx: Tx,
  {
    user,
    purpose,
    newEmail,
  }: { user: { id: string; email: string; locale: string }; purpose: AccountTokenPurpose; newEmail?: string },
) {
  await tx.accountToken.deleteMany({ where: { userId: user.id, purpose, usedAt: null } });
  const id = newAccountTokenId();
  await tx.accountToken.create({
    data: {
      id,
      userId: user.id,
      purpose,
      tokenHash: hashAccountToken(accountToken(id)),
      newEmail: newEmail ?? null,
      expiresAt: new Date(Date.now() + TOKEN_LIFETIME_MS[purpose]),
    },
  });
  const email = await createEmailRow(tx, {
    userId: user.id,
    to: newEmail ?? user.email,
    template: TEMPLATE[purpose],
    locale: user.locale,
    data: { accountTokenId: id },
  });
  return email.id;
}

export type TokenCheck =
  | { status: "valid"; purpose: AccountTokenPurpose; userId: string; email: string; newEmail: string | null }
  | { status: "invalid" | "expired" | "used" };

/** What a link is, without using it (for the page the link opens). Wrong purposes are "invalid". */
export async function checkToken({
  token,
  purposes,
}: {
  token: string;
  purposes: AccountTokenPurpose[];
}): Promise<TokenCheck> {
  const row = await prisma.accountToken.findUnique({
    where: { tokenHash: hashAccountToken(token) },
    select: {
      purpose: true,
      userId: true,
      newEmail: true,
      expiresAt: true,
      usedAt: true,
      user: { select: { email: true } },
    },
  });
  if (!row || !purposes.includes(row.purpose)) return { status: "invalid" };
  if (row.usedAt) return { status: "used" };
  if (row.expiresAt <= new Date()) return { status: "expired" };
  return { status: "valid", purpose: row.purpose, userId: row.userId, email: row.user.email, newEmail: row.newEmail };
}

/** Marks the link used, in `tx`, only if it is still unused and unexpired: two clicks use it once. */
async function useToken(tx: Tx, token: string, purposes: AccountTokenPurpose[]) {
  const tokenHash = hashAccountToken(token);
  const used = await tx.accountToken.updateMany({
    where: { tokenHash, purpose: { in: purposes }, usedAt: null, expiresAt: { gt: new Date() } },
    data: { usedAt: new Date() },
  });
  if (used.count !== 1) return null;
  return tx.accountToken.findUniqueOrThrow({
    where: { tokenHash },
    select: { id: true, userId: true, purpose: true, newEmail: true },
  });
}

// ------------------------------------------------------------------ sign-up and verification

export type SignUpResult =
  { status: "check-email" } | { status: "weak-password"; reason: MessageKey } | { status: "bad-agency" } | Limited;

/**
 * The public sign-up. A new address gets an unverified account and a verification link; a
 * registered one gets a notice to its owner instead, and the answer is the same ("check your
 * email"). The password is hashed either way, so both take as long. Nobody is signed in.
 */
export async function signUp(input: NewUser, { ip }: { ip?: string | null } = {}): Promise<SignUpResult> {
  const email = normaliseEmail(input.email);
  const limited = await gate("signup", { ip });
  if (limited) return limited;
  const reason = passwordProblem({ password: input.password, email });
  if (reason) return { status: "weak-password", reason };

  if (
    input.agencyId &&
    !(input.country && (await agencyFitsCountry({ agencyId: input.agencyId, country: input.country })))
  )
    return { status: "bad-agency" };

  const existing = await prisma.user.findUnique({ where: { email }, select: { id: true } });
  if (!existing) {
    const created = await registerUser({ ...input, email }, { welcomeEmail: false, verified: false });
    if (created.status === "weak-password") return created;
    if (created.status === "created") {
      // "My agency is not listed": administrators see the request at /admin/agencies/requests.
      if (!input.agencyId && input.agency && input.country)
        await requestAgency({ userId: created.user.id, name: input.agency, country: input.country });
      const user = { id: created.user.id, email: created.user.email, locale: input.locale };
      const emailId = await prisma.$transaction((tx) => issueToken(tx, { user, purpose: "VERIFY_EMAIL" }));
      await dispatchEmail(emailId);
      return { status: "check-email" };
    }
    // taken in the meantime: fall through to the notice
  } else {
    await hashPassword(input.password);
  }
  await noticeExistingAccount(email);
  return { status: "check-email" };
}

/** "Someone tried to create an account with your address", at most a few times per window. */
async function noticeExistingAccount(email: string) {
  if (await gate("signup-notice", { subject: email })) return;
  const owner = await prisma.user.findUnique({ where: { email }, select: { id: true, email: true, locale: true } });
  if (!owner) return;
  const row = await createEmailRow(prisma, {
    userId: owner.id,
    to: owner.email,
    template: "signup-existing",
    locale: owner.locale,
    data: {},
  });
  await dispatchEmail(row.id);
}

/** Whether the person may enrol and apply (null: the account does not exist). */
export async function isEmailVerified({ userId }: { userId: string }) {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { emailVerifiedAt: true } });
  return user ? user.emailVerifiedAt !== null : null;
}

export type ResendResult = { status: "sent" | "already-verified" } | Limited;

/** "Send the link again", for the signed-in, unverified person. */
export async function resendVerification({
  userId,
  ip,
}: {
  userId: string;
  ip?: string | null;
}): Promise<ResendResult> {
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, locale: true, emailVerifiedAt: true },
  });
  if (!user) throw new Response("Not found", { status: 404 });
  if (user.emailVerifiedAt) return { status: "already-verified" };
  const limited = await gate("verify-resend", { subject: user.id, ip });
  if (limited) return limited;
  const emailId = await prisma.$transaction((tx) => issueToken(tx, { user, purpose: "VERIFY_EMAIL" }));
  await dispatchEmail(emailId);
  return { status: "sent" };
}

export type ConfirmEmailResult =
  { status: "verified" | "changed"; userId: string } | { status: "invalid" } | { status: "email-taken" };

/**
 * Follows a link mailed to an address: a sign-up's (the account is verified) or an email
 * change's (the account's address becomes the one the link was sent to, if nobody has taken
 * it since). Single use; a reset link is not accepted here.
 */
export async function confirmEmailToken({
  token,
  ip,
}: {
  token: string;
  ip?: string | null;
}): Promise<ConfirmEmailResult> {
  try {
    const result = await prisma.$transaction(async (tx) => {
      const row = await useToken(tx, token, ["VERIFY_EMAIL", "CHANGE_EMAIL"]);
      if (!row) return { status: "invalid" } as const;
      if (row.purpose === "VERIFY_EMAIL") {
        await tx.user.update({ where: { id: row.userId }, data: { emailVerifiedAt: new Date() } });
        await recordAudit({ actorId: row.userId, targetId: row.userId, action: "account.email-verified", ip }, tx);
        return { status: "verified", userId: row.userId } as const;
      }
      const newEmail = row.newEmail!;
      const holder = await tx.user.findUnique({ where: { email: newEmail }, select: { id: true } });
      if (holder && holder.id !== row.userId) throw new EmailTaken();
      await tx.user.update({ where: { id: row.userId }, data: { email: newEmail, emailVerifiedAt: new Date() } });
      // Other pending changes were addressed to other inboxes: they no longer apply.
      await tx.accountToken.deleteMany({ where: { userId: row.userId, purpose: "CHANGE_EMAIL", usedAt: null } });
      await recordAudit({ actorId: row.userId, targetId: row.userId, action: "account.email-changed", ip }, tx);
      return { status: "changed", userId: row.userId } as const;
    });
    // A verified address in a domain the person's agency trusts vets them (docs/decisions/026).
    if (result.status === "verified" || result.status === "changed")
      await vetByTrustedDomain({ userId: result.userId });
    return result;
  } catch (error) {
    // Rolled back: the link stays usable once the address is free again.
    if (error instanceof EmailTaken) return { status: "email-taken" };
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      return { status: "email-taken" };
    throw error;
  }
}

class EmailTaken extends Error {}

// ------------------------------------------------------------------ forgotten password

/**
 * "Forgot your password?": mails a reset link when the address has an account, and answers
 * "sent" either way (or "rate-limited", counted per address and per client whether or not
 * the address is known).
 */
export async function requestPasswordReset({
  email: input,
  ip,
}: {
  email: string;
  ip?: string | null;
}): Promise<{ status: "sent" } | Limited> {
  const email = normaliseEmail(input);
  const limited = await gate("password-reset", { subject: email, ip });
  if (limited) return limited;
  const user = await prisma.user.findUnique({ where: { email }, select: { id: true, email: true, locale: true } });
  if (!user) return { status: "sent" };
  const emailId = await prisma.$transaction(async (tx) => {
    const id = await issueToken(tx, { user, purpose: "RESET_PASSWORD" });
    await recordAudit({ targetId: user.id, action: "auth.password-reset-requested", ip }, tx);
    return id;
  });
  await dispatchEmail(emailId);
  return { status: "sent" };
}

export type ResetResult =
  { status: "reset"; userId: string } | { status: "invalid" } | { status: "weak-password"; reason: MessageKey };

/**
 * Sets a new password from a reset link (single use, 30 minutes) and ends every session of
 * the account, in the same transaction. Following the link also proves the address.
 */
export async function resetPassword({
  token,
  password,
  ip,
}: {
  token: string;
  password: string;
  ip?: string | null;
}): Promise<ResetResult> {
  const check = await checkToken({ token, purposes: ["RESET_PASSWORD"] });
  if (check.status !== "valid") return { status: "invalid" };
  // The sign-up rules: the form's length limits (again, for callers without the form), then the policy.
  const shape = ResetPasswordSchema.safeParse({ password });
  if (!shape.success) return { status: "weak-password", reason: shape.error.issues[0]!.message as MessageKey };
  const reason = passwordProblem({ password, email: check.email });
  if (reason) return { status: "weak-password", reason };
  const passwordHash = await hashPassword(password);
  const result = await prisma.$transaction(async (tx) => {
    const row = await useToken(tx, token, ["RESET_PASSWORD"]);
    if (!row) return { status: "invalid" } as const;
    const user = await tx.user.findUniqueOrThrow({ where: { id: row.userId }, select: { emailVerifiedAt: true } });
    await tx.user.update({
      where: { id: row.userId },
      data: { passwordHash, emailVerifiedAt: user.emailVerifiedAt ?? new Date() },
    });
    await tx.session.deleteMany({ where: { userId: row.userId } });
    await tx.accountToken.deleteMany({ where: { userId: row.userId, purpose: "RESET_PASSWORD", usedAt: null } });
    await recordAudit({ targetId: row.userId, action: "auth.password-reset", detail: { sessionsEnded: true }, ip }, tx);
    return { status: "reset", userId: row.userId } as const;
  });
  // Whatever else ending every session involves (the sessions are already gone above).
  if (result.status === "reset") await endAllSessions(result.userId);
  return result;
}

/**
 * An administrator requires a new password (a suspected leak): the old password stops working
 * and every session ends at once, and a reset link is mailed to the person. Until they follow
 * it (or ask for another at /forgot-password) nobody can sign in to the account.
 */
export async function requirePasswordReset({
  userId,
  actorId,
  ip,
}: {
  userId: string;
  actorId: string;
  ip?: string | null;
}): Promise<{ status: "required" | "not-found" | "no-password" }> {
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, locale: true, passwordHash: true, deletedAt: true },
  });
  if (!user || user.deletedAt) return { status: "not-found" };
  if (!user.passwordHash) return { status: "no-password" };
  const emailId = await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash: null } });
    await tx.session.deleteMany({ where: { userId } });
    const id = await issueToken(tx, { user, purpose: "RESET_PASSWORD" });
    await recordAudit({ actorId, targetId: userId, action: "user.password-reset-required", ip }, tx);
    return id;
  });
  await endAllSessions(userId);
  await dispatchEmail(emailId);
  return { status: "required" };
}

// ------------------------------------------------------------------ email change

export type EmailChangeResult = { status: "sent" | "same-address" | "wrong-password" } | Limited;

/**
 * Asks to move the account to `email`: a confirmation link goes to the new address and a
 * notice to the current one; nothing changes until the link is followed. An address that
 * already has an account gets no link, but the answer is the same "sent".
 */
export async function requestEmailChange({
  userId,
  email: input,
  current,
  ip,
}: {
  userId: string;
  email: string;
  current: string;
  ip?: string | null;
}): Promise<EmailChangeResult> {
  const email = normaliseEmail(input);
  const limited = await gate("email-change", { subject: userId, ip });
  if (limited) return limited;
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, locale: true, passwordHash: true },
  });
  if (!user) throw new Response("Not found", { status: 404 });
  const valid = user.passwordHash
    ? await verifyPassword(user.passwordHash, current)
    : (await verifyPassword(await dummyPasswordHash(), current), false);
  if (!valid) return { status: "wrong-password" };
  if (email === user.email) return { status: "same-address" };
  const taken = await prisma.user.findUnique({ where: { email }, select: { id: true } });
  const emailIds = await prisma.$transaction(async (tx) => {
    const ids: string[] = [];
    if (!taken) ids.push(await issueToken(tx, { user, purpose: "CHANGE_EMAIL", newEmail: email }));
    const notice = await createEmailRow(tx, {
      userId: user.id,
      to: user.email,
      template: "email-change-notice",
      locale: user.locale,
      data: {},
    });
    ids.push(notice.id);
    await recordAudit({ actorId: user.id, targetId: user.id, action: "account.email-change-requested", ip }, tx);
    return ids;
  });
  for (const id of emailIds) await dispatchEmail(id);
  return { status: "sent" };
}

/** The signed-in person's address and any change waiting for its link, for /account/email. */
export async function emailSettings({ userId }: { userId: string }) {
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: {
      email: true,
      emailVerifiedAt: true,
      accountTokens: {
        where: { purpose: "CHANGE_EMAIL", usedAt: null, expiresAt: { gt: new Date() } },
        select: { newEmail: true },
        orderBy: { createdAt: "desc" },
        take: 1,
      },
    },
  });
  if (!user) throw new Response("Not found", { status: 404 });
  return {
    email: user.email,
    verified: user.emailVerifiedAt !== null,
    pending: user.accountTokens[0]?.newEmail ?? null,
  };
}
