import { Prisma } from "~/generated/prisma/client";
import type { Role } from "~/generated/prisma/enums";
import type { Locale, MessageKey } from "~/i18n/i18n";
import { prisma } from "~/utils/db.server";
import { dummyPasswordHash, hashPassword, verifyPassword } from "~/utils/password.server";
import { passwordProblem } from "~/utils/password-policy.server";
import { beginLoginAttempt, loginSucceeded } from "~/utils/rate-limit.server";
import { hashToken, invitationToken } from "~/utils/invitation-token.server";
import { createEmailRow, dispatchEmail } from "./email.server";
import { recordAudit } from "./audit.server";

export type NewUser = {
  name: string;
  email: string;
  password: string;
  country?: string | null;
  agency?: string | null;
  /** The agency record chosen (docs/decisions/026); `agency` stays the free text typed, if any. */
  agencyId?: string | null;
  locale: Locale;
  role?: Role;
};

export type RegisterResult =
  | { status: "created"; user: { id: string; email: string; name: string; role: Role } }
  | { status: "email-taken" }
  | { status: "weak-password"; reason: MessageKey };

const normaliseEmail = (email: string) => email.trim().toLowerCase();

/**
 * Creates an account and its welcome email in one transaction, then hands the email
 * to the queue. Nothing is written when the email is taken or the password is weak.
 * Accounts made by administrators, scripts and the demo seed count as verified; the public
 * sign-up (`signUp` in account-tokens.server.ts) passes `verified: false`.
 */
export async function registerUser(
  input: NewUser,
  options: { welcomeEmail?: boolean; verified?: boolean } = {},
): Promise<RegisterResult> {
  const email = normaliseEmail(input.email);
  const reason = passwordProblem({ password: input.password, email });
  if (reason) return { status: "weak-password", reason };

  const passwordHash = await hashPassword(input.password);
  try {
    const { user, emailId } = await prisma.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: {
          id: crypto.randomUUID(),
          email,
          name: input.name.trim(),
          passwordHash,
          country: input.country || null,
          agency: input.agency?.trim() || null,
          agencyId: input.agencyId || null,
          locale: input.locale,
          role: input.role ?? "LEARNER",
          emailVerifiedAt: options.verified === false ? null : new Date(),
        },
        select: { id: true, email: true, name: true, role: true },
      });
      const emailRow =
        options.welcomeEmail === false
          ? undefined
          : await createEmailRow(tx, {
              userId: user.id,
              to: user.email,
              template: "welcome",
              locale: input.locale,
              data: { name: user.name },
            });
      return { user, emailId: emailRow?.id };
    });
    if (emailId) await dispatchEmail(emailId);
    return { status: "created", user };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return { status: "email-taken" };
    }
    throw error;
  }
}

export type LoginResult =
  | { status: "ok"; user: { id: string; role: Role; locale: string } }
  | { status: "invalid" }
  /** The right password for a suspended account (never said for a wrong one: no enumeration). */
  | { status: "suspended" }
  | { status: "rate-limited"; reason: "blocked" | "slowed"; retryAfterSeconds: number };

/**
 * Checks the credentials behind the login throttles (docs/decisions/013-login-throttling.md):
 * the attempt is counted before the password is verified, so concurrent guesses cannot
 * overshoot a limit. `device` is the nonce of a valid known-device cookie for this email.
 * Unknown emails cost the same argon2 verification as known ones.
 */
export async function authenticate({
  email,
  password,
  ip,
  device = null,
}: {
  email: string;
  password: string;
  ip: string;
  device?: string | null;
}): Promise<LoginResult> {
  const normalised = normaliseEmail(email);
  const client = { email: normalised, ip, device };
  const gate = await beginLoginAttempt(client);
  if (!gate.allowed) return { status: "rate-limited", reason: gate.reason, retryAfterSeconds: gate.retryAfterSeconds };

  const user = await prisma.user.findUnique({
    where: { email: normalised },
    select: {
      id: true,
      role: true,
      locale: true,
      passwordHash: true,
      suspendedAt: true,
      twoFactor: { select: { enabledAt: true } },
    },
  });
  const valid = user?.passwordHash
    ? await verifyPassword(user.passwordHash, password)
    : (await verifyPassword(await dummyPasswordHash(), password), false);
  if (!user || !valid) {
    // An unknown email is not stored (it may be someone's password typed in the wrong box).
    await recordAudit({ targetId: user?.id ?? null, action: "auth.login-failed", ip });
    return { status: "invalid" };
  }
  await loginSucceeded(client);
  if (user.suspendedAt) {
    await recordAudit({ targetId: user.id, action: "auth.login-refused", detail: { why: "suspended" }, ip });
    return { status: "suspended" };
  }
  // With two-factor on, the sign-in succeeds only at the second step (audited there).
  await recordAudit({
    actorId: user.id,
    targetId: user.id,
    action: user.twoFactor?.enabledAt ? "auth.password-accepted" : "auth.login-succeeded",
    ip,
  });
  return { status: "ok", user: { id: user.id, role: user.role, locale: user.locale } };
}

export async function setUserLocale({ userId, locale }: { userId: string; locale: Locale }) {
  await prisma.user.update({ where: { id: userId }, data: { locale } });
}

export const USERS_PAGE_SIZE = 25;

export async function listUsers({ q, role, page }: { q: string; role?: Role; page: number }) {
  const where: Prisma.UserWhereInput = {
    ...(role ? { role } : {}),
    ...(q
      ? {
          OR: [
            { name: { contains: q, mode: "insensitive" } },
            { email: { contains: q, mode: "insensitive" } },
            { agency: { contains: q, mode: "insensitive" } },
          ],
        }
      : {}),
  };
  const [total, users] = await prisma.$transaction([
    prisma.user.count({ where }),
    prisma.user.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      skip: (page - 1) * USERS_PAGE_SIZE,
      take: USERS_PAGE_SIZE,
      select: {
        id: true,
        name: true,
        email: true,
        role: true,
        country: true,
        agency: true,
        createdAt: true,
        suspendedAt: true,
      },
    }),
  ]);
  return { total, users, page, pages: Math.max(1, Math.ceil(total / USERS_PAGE_SIZE)) };
}

export type ChangeRoleResult =
  | { status: "changed"; user: { id: string; name: string; role: Role } }
  | { status: "unchanged"; user: { id: string; name: string; role: Role } }
  | { status: "not-found" }
  | { status: "last-admin" };

/**
 * Changes a role and records who did it. An advisory lock serialises role changes so
 * two administrators demoting each other at once cannot leave the platform with none.
 */
export async function changeUserRole({
  actorId,
  userId,
  role,
}: {
  actorId: string;
  userId: string;
  role: Role;
}): Promise<ChangeRoleResult> {
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('haidang:role-change'))`;
    const target = await tx.user.findUnique({ where: { id: userId }, select: { id: true, name: true, role: true } });
    if (!target) return { status: "not-found" } as const;
    if (target.role === role) return { status: "unchanged", user: target } as const;
    if (target.role === "ADMIN") {
      const admins = await tx.user.count({ where: { role: "ADMIN" } });
      if (admins <= 1) return { status: "last-admin" } as const;
    }
    const user = await tx.user.update({
      where: { id: userId },
      data: { role },
      select: { id: true, name: true, role: true },
    });
    await recordAudit(
      { actorId, targetId: userId, action: "user.role-changed", detail: { from: target.role, to: role } },
      tx,
    );
    return { status: "changed", user } as const;
  });
}

export type AdminUserView = NonNullable<Awaited<ReturnType<typeof userForAdmin>>>;

/** What /admin/users/<id> shows about one person; null when there is nobody with that id. */
export async function userForAdmin({ userId }: { userId: string }) {
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      name: true,
      email: true,
      role: true,
      country: true,
      agency: true,
      locale: true,
      createdAt: true,
      suspendedAt: true,
      suspendedReason: true,
      passwordHash: true,
      _count: { select: { sessions: true, enrolments: true, invitations: true } },
    },
  });
  if (!user) return null;
  const { passwordHash, _count, ...rest } = user;
  return {
    ...rest,
    hasPassword: passwordHash !== null,
    sessionCount: _count.sessions,
    enrolmentCount: _count.enrolments,
    // Only people given an account by an administrator (invited) can be sent a new link.
    canResendInvitation: passwordHash === null && _count.invitations > 0,
  };
}

export type SuspendResult = { status: "suspended" | "already" | "not-found" | "self" | "last-admin" };

/**
 * Suspends an account: no sign-in (told to contact the centre), and every session ends now.
 * An administrator cannot suspend themself, nor the last active administrator.
 */
export async function suspendUser({
  actorId,
  userId,
  reason,
  ip,
}: {
  actorId: string;
  userId: string;
  reason: string;
  ip?: string | null;
}): Promise<SuspendResult> {
  if (actorId === userId) return { status: "self" };
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('haidang:role-change'))`;
    const target = await tx.user.findUnique({ where: { id: userId }, select: { role: true, suspendedAt: true } });
    if (!target) return { status: "not-found" } as const;
    if (target.suspendedAt) return { status: "already" } as const;
    if (target.role === "ADMIN") {
      const admins = await tx.user.count({ where: { role: "ADMIN", suspendedAt: null } });
      if (admins <= 1) return { status: "last-admin" } as const;
    }
    await tx.user.update({ where: { id: userId }, data: { suspendedAt: new Date(), suspendedReason: reason } });
    const { count } = await tx.session.deleteMany({ where: { userId } });
    await recordAudit(
      { actorId, targetId: userId, action: "user.suspended", detail: { reason, sessionsEnded: count }, ip },
      tx,
    );
    return { status: "suspended" } as const;
  });
}

export async function reactivateUser({
  actorId,
  userId,
  ip,
}: {
  actorId: string;
  userId: string;
  ip?: string | null;
}): Promise<{ status: "reactivated" | "not-suspended" | "not-found" }> {
  return prisma.$transaction(async (tx) => {
    const target = await tx.user.findUnique({ where: { id: userId }, select: { suspendedAt: true } });
    if (!target) return { status: "not-found" } as const;
    if (!target.suspendedAt) return { status: "not-suspended" } as const;
    await tx.user.update({ where: { id: userId }, data: { suspendedAt: null, suspendedReason: null } });
    await recordAudit({ actorId, targetId: userId, action: "user.reactivated", ip }, tx);
    return { status: "reactivated" } as const;
  });
}

const INVITATION_DAYS = 14;

/**
 * Sends an invited person (no password yet) a new link, the same kind bulk enrolment writes;
 * every earlier link stops working in the same transaction.
 */
export async function resendInvitation({
  actorId,
  userId,
  ip,
}: {
  actorId: string;
  userId: string;
  ip?: string | null;
}): Promise<{ status: "sent" | "not-found" | "has-password" | "not-invited" | "suspended" }> {
  const outcome = await prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { id: userId },
      select: {
        id: true,
        name: true,
        email: true,
        locale: true,
        passwordHash: true,
        suspendedAt: true,
        _count: { select: { invitations: true } },
        enrolments: { orderBy: { createdAt: "desc" }, take: 1, select: { course: { select: { title: true } } } },
      },
    });
    if (!user) return { status: "not-found" } as const;
    if (user.passwordHash) return { status: "has-password" } as const;
    if (user._count.invitations === 0) return { status: "not-invited" } as const;
    if (user.suspendedAt) return { status: "suspended" } as const;
    const now = new Date();
    await tx.invitation.updateMany({
      where: { userId, usedAt: null, expiresAt: { gt: now } },
      data: { expiresAt: now },
    });
    const id = crypto.randomUUID();
    await tx.invitation.create({
      data: {
        id,
        userId,
        tokenHash: hashToken(invitationToken(id)),
        expiresAt: new Date(now.getTime() + INVITATION_DAYS * 24 * 3600 * 1000),
      },
    });
    const email = await createEmailRow(tx, {
      userId,
      to: user.email,
      template: "invitation",
      locale: user.locale,
      data: { name: user.name, course: user.enrolments[0]?.course.title ?? "", invitationId: id },
    });
    await recordAudit({ actorId, targetId: userId, action: "user.invitation-resent", ip }, tx);
    return { status: "sent", emailId: email.id } as const;
  });
  if (outcome.status !== "sent") return { status: outcome.status };
  await dispatchEmail(outcome.emailId);
  return { status: "sent" };
}
