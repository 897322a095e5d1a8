/**
 * Vetting (docs/decisions/026): UNVERIFIED → VERIFIED or DECLINED, by a focal point of the
 * person's agency, by an administrator, or automatically when their verified email address is
 * in a domain their agency trusts. Who, when, how and why are kept on the user and audited.
 */
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { recordAudit } from "./audit.server";
import { type FocalScope, isAgencyInScope, usersInScope } from "./focal-scope.server";

export type VettingMethod = "focal-point" | "admin" | "email-domain";

/** "a05.bocongan.gov.vn" trusts "x@a05.bocongan.gov.vn" and "x@hn.a05.bocongan.gov.vn", not "x@evil-bocongan.gov.vn". */
export function domainIsTrusted(email: string, trustedDomains: string[]) {
  const domain = email.slice(email.lastIndexOf("@") + 1).toLowerCase();
  return trustedDomains.some((trusted) => domain === trusted || domain.endsWith(`.${trusted}`));
}

/**
 * Vets a person automatically when their address is verified and its domain is trusted by
 * their agency. Called after email verification and after an agency is assigned; a person
 * already decided (vetted or declined) is left alone. Returns whether it vetted them.
 */
export async function vetByTrustedDomain({ userId }: { userId: string }) {
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { id: userId },
      select: {
        email: true,
        emailVerifiedAt: true,
        vettingStatus: true,
        agencyRecord: { select: { id: true, trustedDomains: true } },
      },
    });
    if (!user?.emailVerifiedAt || user.vettingStatus !== "UNVERIFIED" || !user.agencyRecord) return false;
    if (!domainIsTrusted(user.email, user.agencyRecord.trustedDomains)) return false;
    const updated = await tx.user.updateMany({
      where: { id: userId, vettingStatus: "UNVERIFIED" },
      data: {
        vettingStatus: "VERIFIED",
        vettedAt: new Date(),
        vettedById: null,
        vettingMethod: "email-domain",
        vettingReason: null,
      },
    });
    if (updated.count === 0) return false;
    await recordAudit(
      {
        targetId: userId,
        action: "vetting.verified",
        detail: { method: "email-domain", agencyId: user.agencyRecord.id },
      },
      tx,
    );
    return true;
  });
}

export type VetResult = { status: "verified" | "declined" } | { status: "not-found" } | { status: "unverified-email" };

/**
 * A focal point (with their scope: anyone outside it is "not-found") or an administrator
 * (scope null) vets or declines one person. A decision can be changed later; each is audited.
 */
export async function decideVetting({
  actorId,
  userId,
  decision,
  reason,
  scope,
  ip,
}: {
  actorId: string;
  userId: string;
  decision: "verify" | "decline";
  reason?: string | null;
  /** The focal point's scope; null for an administrator. */
  scope: FocalScope | null;
  ip?: string | null;
}): Promise<VetResult> {
  const method: VettingMethod = scope ? "focal-point" : "admin";
  return prisma.$transaction(async (tx) => {
    const person = await tx.user.findUnique({
      where: { id: userId },
      select: { id: true, agencyId: true, emailVerifiedAt: true, role: true },
    });
    if (!person || person.id === actorId) return { status: "not-found" } as const;
    if (scope && (person.role !== "LEARNER" || !(await isAgencyInScope(scope, person.agencyId))))
      return { status: "not-found" } as const;
    if (decision === "verify" && !person.emailVerifiedAt) return { status: "unverified-email" } as const;
    const status = decision === "verify" ? "VERIFIED" : "DECLINED";
    await tx.user.update({
      where: { id: userId },
      data: {
        vettingStatus: status,
        vettedAt: new Date(),
        vettedById: actorId,
        vettingMethod: method,
        vettingReason: reason || null,
      },
    });
    await recordAudit(
      {
        actorId,
        targetId: userId,
        action: decision === "verify" ? "vetting.verified" : "vetting.declined",
        detail: { method, ...(reason ? { reason } : {}) },
        ip,
      },
      tx,
    );
    return { status: decision === "verify" ? "verified" : "declined" } as const;
  });
}

/** Officers of a focal point's scope waiting for them: not yet vetted, with a verified address. */
export function waitingWhere(scope: FocalScope): Prisma.UserWhereInput {
  return {
    AND: [usersInScope(scope), { role: "LEARNER", vettingStatus: "UNVERIFIED", emailVerifiedAt: { not: null } }],
  };
}

export async function listWaitingForVetting({ scope, page }: { scope: FocalScope; page: number }) {
  const where = waitingWhere(scope);
  const size = 50;
  const [total, people] = await prisma.$transaction([
    prisma.user.count({ where }),
    prisma.user.findMany({
      where,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      skip: (page - 1) * size,
      take: size,
      select: {
        id: true,
        name: true,
        email: true,
        createdAt: true,
        agencyRecord: { select: { id: true, name: true, nameTranslations: true } },
      },
    }),
  ]);
  return { total, people, page, pages: Math.max(1, Math.ceil(total / size)) };
}

/** What /account shows the officer about their own vetting. */
export async function vettingOf({ userId }: { userId: string }) {
  return prisma.user.findUnique({
    where: { id: userId },
    select: { vettingStatus: true, vettedAt: true, vettingMethod: true, vettingReason: true, agencyId: true },
  });
}

/** Whether a person may see and join restricted (`audience: vetted`) courses. */
export async function isVetted(userId: string | null | undefined) {
  if (!userId) return false;
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { vettingStatus: true } });
  return user?.vettingStatus === "VERIFIED";
}

/** The focal points whose scope covers an agency (its own, its parent's, or its whole country): whom to ask. */
export async function focalPointsFor({ agencyId }: { agencyId: string | null | undefined }) {
  if (!agencyId) return [];
  const agency = await prisma.agency.findUnique({
    where: { id: agencyId },
    select: { id: true, parentId: true, country: true },
  });
  if (!agency) return [];
  const scopes = await prisma.focalPointScope.findMany({
    where: {
      user: { role: "FOCAL_POINT", suspendedAt: null },
      OR: [
        { agencyId: { in: [agency.id, ...(agency.parentId ? [agency.parentId] : [])] } },
        { country: agency.country },
      ],
    },
    select: { user: { select: { id: true, name: true, email: true } } },
  });
  const unique = new Map(scopes.map((s) => [s.user.id, s.user]));
  return [...unique.values()].sort((a, b) => a.name.localeCompare(b.name));
}

export type Restriction =
  { kind: "vetted" } | { kind: "anonymous" } | { kind: "no-agency" | "unverified" | "declined"; focalPoints: string[] };

/** What the page of a restricted course tells its reader: why they cannot join, and whom to ask. */
export async function restrictionFor(viewer: { id: string; role: string } | null): Promise<Restriction> {
  if (!viewer) return { kind: "anonymous" };
  const user = await prisma.user.findUnique({
    where: { id: viewer.id },
    select: { vettingStatus: true, agencyId: true },
  });
  if (user?.vettingStatus === "VERIFIED") return { kind: "vetted" };
  const focalPoints = (await focalPointsFor({ agencyId: user?.agencyId })).map((f) => f.name);
  if (!user?.agencyId) return { kind: "no-agency", focalPoints };
  return { kind: user.vettingStatus === "DECLINED" ? "declined" : "unverified", focalPoints };
}
