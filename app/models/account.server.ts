/**
 * The officer's own account: profile, password change, their data as a ZIP, and deleting the
 * account (docs/decisions/018-account-data-and-deletion.md). Routes stay thin and call these.
 */
import { strToU8, zipSync, type Zippable } from "fflate";
import type { Locale, MessageKey } from "~/i18n/i18n";
import { nameSvg } from "~/certificates/pdf.server";
import { endAllSessions, endOtherSessions } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { hashPassword, verifyPassword } from "~/utils/password.server";
import { passwordProblem } from "~/utils/password-policy.server";
import { failureLimit } from "~/utils/rate-limit.server";
import type { ProfileInput } from "~/validation/account";
import { agencyFitsCountry, requestAgency } from "./agencies.server";
import { recordAudit } from "./audit.server";
import { vetByTrustedDomain } from "./vetting.server";

/** Wrong current passwords (password change, account deletion) per person: 5 in 15 minutes. */
export const PASSWORD_CHECK_LIMIT = { limit: 5, windowSeconds: 15 * 60 };

const passwordChecks = (userId: string) =>
  failureLimit({ bucket: `account-password:${userId}`, ...PASSWORD_CHECK_LIMIT });

export async function getProfile({ userId }: { userId: string }) {
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      name: true,
      email: true,
      country: true,
      agency: true,
      agencyId: true,
      locale: true,
      updatedAt: true,
      vettingStatus: true,
      vettedAt: true,
      vettingMethod: true,
      vettingReason: true,
    },
  });
  if (!user) throw new Response("Not found", { status: 404 });
  return user;
}

const PROFILE_FIELDS = ["name", "country", "agency", "agencyId", "locale"] as const;

export type UpdateProfileResult =
  { status: "saved"; changed: string[] } | { status: "unchanged" } | { status: "bad-agency" };

/**
 * Saves the profile. The audit event lists the fields that changed (names only, never values);
 * nothing is written or audited when nothing changed. The agency is one of the list, of the
 * person's country; a name typed as "not listed" becomes a request to administrators and the
 * free text. Moving to another agency ends a vetting (the new agency's focal point decides
 * again) unless the new agency trusts the person's email domain (docs/decisions/026).
 */
export async function updateProfile({
  userId,
  input,
  ip,
}: {
  userId: string;
  input: ProfileInput;
  ip?: string | null;
}): Promise<UpdateProfileResult> {
  if (input.agencyId && !(await agencyFitsCountry({ agencyId: input.agencyId, country: input.country })))
    return { status: "bad-agency" };
  const result = await prisma.$transaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({
      where: { id: userId },
      select: { name: true, country: true, agency: true, agencyId: true, locale: true },
    });
    const request = !input.agencyId && input.agencyRequest ? input.agencyRequest.trim() : null;
    const after = {
      name: input.name.trim(),
      country: input.country,
      agency: request ?? before.agency,
      agencyId: input.agencyId ?? null,
      locale: input.locale as Locale,
    };
    const changed = PROFILE_FIELDS.filter((field) => (before[field] ?? null) !== (after[field] ?? null));
    if (changed.length === 0) return { status: "unchanged" } as const;
    const movedAgency = before.agencyId !== after.agencyId;
    await tx.user.update({
      where: { id: userId },
      data: {
        ...after,
        ...(movedAgency
          ? { vettingStatus: "UNVERIFIED", vettedAt: null, vettedById: null, vettingMethod: null, vettingReason: null }
          : {}),
      },
    });
    await recordAudit(
      { actorId: userId, targetId: userId, action: "account.profile-changed", detail: { fields: [...changed] }, ip },
      tx,
    );
    return {
      status: "saved",
      changed: changed as string[],
      request: changed.includes("agency") ? request : null,
      movedAgency,
    } as const;
  });
  if (result.status !== "saved") return result;
  if (result.request) await requestAgency({ userId, name: result.request, country: input.country });
  if (result.movedAgency) await vetByTrustedDomain({ userId });
  return { status: "saved", changed: result.changed };
}

/** The saved name drawn as the certificate draws it (same fonts, same shaping), as an SVG image. */
export async function namePreviewSvg({ userId }: { userId: string }) {
  const { name, locale } = await getProfile({ userId });
  return nameSvg({ name, locale });
}

export type PasswordChangeResult =
  | { status: "changed"; endedSessions: number }
  | { status: "wrong-current" }
  | { status: "rate-limited"; retryAfterSeconds: number }
  | { status: "weak-password"; reason: MessageKey };

/** Checks `password` against the stored hash behind the per-person limit of wrong attempts. */
async function checkOwnPassword(userId: string, password: string) {
  const limit = passwordChecks(userId);
  const gate = await limit.attempt();
  if (!gate.allowed) return { status: "rate-limited", retryAfterSeconds: gate.retryAfterSeconds } as const;
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { passwordHash: true, email: true } });
  const valid = user?.passwordHash ? await verifyPassword(user.passwordHash, password) : false;
  if (!user || !valid) return { status: "wrong" } as const;
  await limit.succeeded();
  return { status: "ok", email: user.email } as const;
}

/**
 * Changes the password after checking the current one (a wrong one counts towards the limit
 * before it is checked), applies the sign-up policy, and ends every other session.
 */
export async function changePassword({
  userId,
  sessionId,
  current,
  password,
  ip,
}: {
  userId: string;
  sessionId: string;
  current: string;
  password: string;
  ip?: string | null;
}): Promise<PasswordChangeResult> {
  const check = await checkOwnPassword(userId, current);
  if (check.status === "rate-limited") return check;
  if (check.status === "wrong") {
    await recordAudit({ actorId: userId, targetId: userId, action: "auth.password-change-refused", ip });
    return { status: "wrong-current" };
  }
  const reason = passwordProblem({ password, email: check.email });
  if (reason) return { status: "weak-password", reason };
  const passwordHash = await hashPassword(password);
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash } });
    await tx.invitation.updateMany({ where: { userId, usedAt: null }, data: { usedAt: new Date() } });
    await recordAudit({ actorId: userId, targetId: userId, action: "auth.password-changed", ip }, tx);
  });
  const endedSessions = await endOtherSessions(userId, sessionId);
  return { status: "changed", endedSessions };
}

// ------------------------------------------------------------------------------------------
// Download my data
// ------------------------------------------------------------------------------------------

const json = (value: unknown) => strToU8(`${JSON.stringify(value, null, 2)}\n`);
const verifyUrl = (serial: string) => `${env().APP_URL.replace(/\/$/, "")}/verify/${serial}`;

/**
 * Everything the platform holds about the person, as one ZIP: their profile, enrolments,
 * progress, attempts (their own answers and scores; never the questions' answer keys, which
 * the attempt snapshots hold) and certificates with the PDF of each ready one. Every query is
 * scoped by `userId`.
 */
export async function exportAccountData({ userId, ip }: { userId: string; ip?: string | null }) {
  const profile = await prisma.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      name: true,
      email: true,
      role: true,
      country: true,
      agency: true,
      title: true,
      locale: true,
      createdAt: true,
      updatedAt: true,
    },
  });
  if (!profile) throw new Response("Not found", { status: 404 });
  const enrolments = await prisma.enrolment.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      status: true,
      justification: true,
      decisionReason: true,
      activatedAt: true,
      completedAt: true,
      createdAt: true,
      course: { select: { slug: true, title: true } },
      cohort: { select: { name: true } },
      progress: {
        orderBy: { completedAt: "asc" },
        select: { via: true, completedAt: true, module: { select: { slug: true } } },
      },
    },
  });
  const attempts = await prisma.attempt.findMany({
    where: { userId },
    orderBy: [{ startedAt: "asc" }],
    select: {
      id: true,
      number: true,
      status: true,
      startedAt: true,
      submittedAt: true,
      gradedAt: true,
      points: true,
      maxPoints: true,
      percent: true,
      passed: true,
      assessment: { select: { slug: true, course: { select: { slug: true } } } },
      items: {
        orderBy: { position: "asc" },
        select: { position: true, mark: true, response: true, savedAt: true, score: true, graderComment: true },
      },
    },
  });
  const certificates = await prisma.certificate.findMany({
    where: { userId },
    orderBy: { issuedAt: "asc" },
    select: {
      serial: true,
      status: true,
      learnerName: true,
      courseTitle: true,
      hours: true,
      completedAt: true,
      scoreBand: true,
      issuedAt: true,
      validUntil: true,
      revokedAt: true,
      revokedReason: true,
      pdf: true,
    },
  });

  const files: Zippable = {
    "profile.json": json(profile),
    "enrolments.json": json(
      enrolments.map(({ progress: _progress, course, cohort, ...e }) => ({
        ...e,
        course: course.slug,
        courseTitle: course.title,
        cohort: cohort?.name ?? null,
      })),
    ),
    "progress.json": json(
      enrolments.map((e) => ({
        course: e.course.slug,
        modulesCompleted: e.progress.map((p) => ({ module: p.module.slug, via: p.via, completedAt: p.completedAt })),
      })),
    ),
    "attempts.json": json(
      attempts.map(({ assessment, items, ...a }) => ({
        ...a,
        course: assessment.course.slug,
        assessment: assessment.slug,
        answers: items.map((item) => ({
          position: item.position,
          mark: item.mark,
          response: item.response,
          savedAt: item.savedAt,
          // A score is the person's result; it is theirs once the attempt is marked.
          score: a.status === "GRADED" || item.score !== null ? item.score : null,
          graderComment: item.graderComment,
        })),
      })),
    ),
    "certificates.json": json(
      certificates.map(({ pdf, ...c }) => ({
        ...c,
        verifyUrl: verifyUrl(c.serial),
        pdf: c.status === "READY" && pdf ? `certificates/${c.serial}.pdf` : null,
      })),
    ),
  };
  for (const c of certificates) {
    if (c.status === "READY" && c.pdf) files[`certificates/${c.serial}.pdf`] = [new Uint8Array(c.pdf), { level: 0 }];
  }
  const zip = zipSync(files, { level: 6 });
  await recordAudit({
    actorId: userId,
    targetId: userId,
    action: "account.data-exported",
    detail: { certificates: certificates.length, attempts: attempts.length, bytes: zip.byteLength },
    ip,
  });
  return zip;
}

// ------------------------------------------------------------------------------------------
// Delete my account
// ------------------------------------------------------------------------------------------

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** "Nguyễn Thị Hương" → "N. T. H."; "محمد علي" → "م. ع."; an empty name → "—". */
export function initialsOf(name: string) {
  const words = name.trim().split(/\s+/u).filter(Boolean);
  const initials = words
    .map((word) => {
      const first = [...graphemes.segment(word)].find(({ segment }) => /[\p{L}\p{N}]/u.test(segment));
      return first ? `${first.segment.toLocaleUpperCase()}.` : "";
    })
    .filter(Boolean);
  return initials.length ? initials.join(" ") : "—";
}

export const tombstoneEmail = (userId: string) => `deleted-${userId}@invalid`;

export type DeleteAccountResult =
  | { status: "deleted" }
  | { status: "wrong-password" }
  | { status: "rate-limited"; retryAfterSeconds: number }
  | { status: "last-admin" };

/**
 * Anonymises the person (the row stays so enrolments and certificates keep their counts and
 * serials): name → initials (unless `keepName`), email → a tombstone, password, country,
 * agency, job title and free-text justifications cleared; invitations and stored emails go;
 * every session ends. Certificates stay verifiable; /verify shows the initials unless the
 * person kept their name. The last administrator cannot delete themselves (the same lock as
 * role changes, so two administrators cannot both leave at once).
 */
export async function deleteAccount({
  userId,
  password,
  keepName,
  ip,
}: {
  userId: string;
  password: string;
  keepName: boolean;
  ip?: string | null;
}): Promise<DeleteAccountResult> {
  const check = await checkOwnPassword(userId, password);
  if (check.status === "rate-limited") return check;
  if (check.status === "wrong") return { status: "wrong-password" };

  const result = await prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('haidang:role-change'))`;
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { name: true, role: true } });
    if (user.role === "ADMIN") {
      const admins = await tx.user.count({ where: { role: "ADMIN", deletedAt: null } });
      if (admins <= 1) return { status: "last-admin" } as const;
    }
    await tx.user.update({
      where: { id: userId },
      data: {
        name: keepName ? user.name : initialsOf(user.name),
        email: tombstoneEmail(userId),
        passwordHash: null,
        country: null,
        agency: null,
        title: null,
        role: "LEARNER",
        deletedAt: new Date(),
      },
    });
    if (!keepName) {
      const certificates = await tx.certificate.findMany({
        where: { userId },
        select: { id: true, learnerName: true },
      });
      for (const c of certificates) {
        await tx.certificate.update({ where: { id: c.id }, data: { holderNameShown: initialsOf(c.learnerName) } });
      }
    }
    await tx.enrolment.updateMany({ where: { userId }, data: { justification: null } });
    await tx.invitation.deleteMany({ where: { userId } });
    await tx.email.deleteMany({ where: { userId } });
    await recordAudit(
      { actorId: userId, targetId: userId, action: "account.deleted", detail: { keptName: keepName }, ip },
      tx,
    );
    return { status: "deleted" } as const;
  });
  if (result.status === "deleted") await endAllSessions(userId);
  return result;
}
