/**
 * Focal points (docs/decisions/026): administrators appoint them to agencies or whole
 * countries; a focal point sees the officers of that scope only (focal-scope.server.ts is the
 * one filter): where they are enrolled, their progress, results and certificates.
 */
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { writeCsv } from "~/utils/csv";
import type { FocalOfficerFilter } from "~/validation/agencies";
import { recordAudit } from "./audit.server";
import { type FocalScope, agenciesInScope, isAgencyInScope, usersInScope } from "./focal-scope.server";

export type AppointResult =
  | { status: "appointed"; scopeId: string }
  | { status: "already" }
  | { status: "not-found" }
  | { status: "not-allowed" };

/**
 * Appoints a person as focal point for one agency or one whole country (exactly one). The
 * person becomes FOCAL_POINT unless they are an administrator or trainer (whose role already
 * reaches further: they are refused, an appointment must not demote anyone silently).
 */
export async function appointFocalPoint({
  actorId,
  userId,
  target,
  ip,
}: {
  actorId: string;
  userId: string;
  target: { agencyId: string } | { country: string };
  ip?: string | null;
}): Promise<AppointResult> {
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, role: true } });
    if (!user) return { status: "not-found" } as const;
    if (user.role !== "LEARNER" && user.role !== "FOCAL_POINT") return { status: "not-allowed" } as const;
    if ("agencyId" in target) {
      const agency = await tx.agency.findUnique({ where: { id: target.agencyId }, select: { id: true } });
      if (!agency) return { status: "not-found" } as const;
    }
    const existing = await tx.focalPointScope.findFirst({
      where: { userId, ...("agencyId" in target ? { agencyId: target.agencyId } : { country: target.country }) },
      select: { id: true },
    });
    if (existing) return { status: "already" } as const;
    const scope = await tx.focalPointScope.create({
      data: {
        userId,
        appointedById: actorId,
        ...("agencyId" in target ? { agencyId: target.agencyId } : { country: target.country }),
      },
      select: { id: true },
    });
    if (user.role !== "FOCAL_POINT") await tx.user.update({ where: { id: userId }, data: { role: "FOCAL_POINT" } });
    await recordAudit(
      { actorId, targetId: userId, action: "focal.appointed", detail: { ...target, scopeId: scope.id }, ip },
      tx,
    );
    return { status: "appointed", scopeId: scope.id } as const;
  });
}

/** Removes one appointment; with the last one gone the person is a learner again. */
export async function removeFocalScope({
  actorId,
  userId,
  scopeId,
  ip,
}: {
  actorId: string;
  userId: string;
  scopeId: string;
  ip?: string | null;
}): Promise<{ status: "removed" | "not-found"; roleBack?: boolean }> {
  return prisma.$transaction(async (tx) => {
    const scope = await tx.focalPointScope.findFirst({
      where: { id: scopeId, userId },
      select: { id: true, agencyId: true, country: true },
    });
    if (!scope) return { status: "not-found" } as const;
    await tx.focalPointScope.delete({ where: { id: scopeId } });
    const left = await tx.focalPointScope.count({ where: { userId } });
    let roleBack = false;
    if (left === 0) {
      const updated = await tx.user.updateMany({
        where: { id: userId, role: "FOCAL_POINT" },
        data: { role: "LEARNER" },
      });
      roleBack = updated.count > 0;
    }
    await recordAudit(
      {
        actorId,
        targetId: userId,
        action: "focal.removed",
        detail: { ...(scope.agencyId ? { agencyId: scope.agencyId } : { country: scope.country! }), roleBack },
        ip,
      },
      tx,
    );
    return { status: "removed", roleBack } as const;
  });
}

/** A person's appointments, for /admin/users/<id> and the focal point's own pages. */
export async function focalScopesOf({ userId }: { userId: string }) {
  return prisma.focalPointScope.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      country: true,
      agency: { select: { id: true, name: true, nameTranslations: true, country: true } },
    },
  });
}

/** The agencies a focal point may filter by. */
export async function scopeAgencies(scope: FocalScope) {
  return prisma.agency.findMany({
    where: agenciesInScope(scope),
    orderBy: [{ country: "asc" }, { name: "asc" }],
    take: 1000,
    select: { id: true, name: true, nameTranslations: true, country: true },
  });
}

export const FOCAL_PAGE_SIZE = 50;
export const FOCAL_CSV_LIMIT = 20_000;

/** Officers: learners (trainers, administrators and other focal points are not "officers of the scope"). */
function officersWhere(scope: FocalScope, filter: Omit<FocalOfficerFilter, "page">): Prisma.UserWhereInput {
  const and: Prisma.UserWhereInput[] = [usersInScope(scope), { role: "LEARNER" }];
  if (filter.agencyId) and.push({ agencyId: filter.agencyId });
  if (filter.vetting) and.push({ vettingStatus: filter.vetting });
  if (filter.q)
    and.push({
      OR: [
        { name: { contains: filter.q, mode: "insensitive" } },
        { email: { contains: filter.q, mode: "insensitive" } },
      ],
    });
  return { AND: and };
}

const officerSelect = {
  id: true,
  name: true,
  email: true,
  vettingStatus: true,
  agencyRecord: { select: { id: true, name: true, nameTranslations: true, country: true } },
  enrolments: {
    where: { status: { in: ["PENDING", "WAITLISTED", "ACTIVE", "COMPLETED"] } },
    orderBy: { createdAt: "asc" },
    select: {
      status: true,
      course: { select: { slug: true, title: true, moduleCount: true } },
      cohort: { select: { name: true } },
      _count: { select: { progress: true } },
    },
  },
  _count: { select: { certificates: { where: { supersededById: null, revokedAt: null } } } },
} satisfies Prisma.UserSelect;

export async function listFocalOfficers({ scope, filter }: { scope: FocalScope; filter: FocalOfficerFilter }) {
  const where = officersWhere(scope, filter);
  const [total, officers] = await prisma.$transaction([
    prisma.user.count({ where }),
    prisma.user.findMany({
      where,
      orderBy: [{ name: "asc" }, { id: "asc" }],
      skip: (filter.page - 1) * FOCAL_PAGE_SIZE,
      take: FOCAL_PAGE_SIZE,
      select: officerSelect,
    }),
  ]);
  return { total, officers, page: filter.page, pages: Math.max(1, Math.ceil(total / FOCAL_PAGE_SIZE)) };
}

/** One officer of the scope, with every enrolment, progress, result and certificate; null when outside it. */
export async function focalOfficer({ scope, userId }: { scope: FocalScope; userId: string }) {
  const officer = await prisma.user.findFirst({
    where: { AND: [{ id: userId }, officersWhere(scope, { q: "" })] },
    select: {
      id: true,
      name: true,
      email: true,
      country: true,
      vettingStatus: true,
      vettedAt: true,
      vettingMethod: true,
      vettingReason: true,
      agencyRecord: { select: { id: true, name: true, nameTranslations: true, country: true } },
      enrolments: {
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          status: true,
          activatedAt: true,
          completedAt: true,
          course: { select: { slug: true, title: true, moduleCount: true } },
          cohort: { select: { name: true } },
          _count: { select: { progress: true } },
        },
      },
      attempts: {
        where: { status: "GRADED" },
        orderBy: { submittedAt: "desc" },
        take: 50,
        select: {
          id: true,
          percent: true,
          passed: true,
          submittedAt: true,
          assessment: { select: { titles: true, sourceLocale: true, course: { select: { title: true } } } },
        },
      },
      certificates: {
        where: { supersededById: null },
        orderBy: { issuedAt: "desc" },
        select: { serial: true, courseTitle: true, issuedAt: true, revokedAt: true, status: true },
      },
    },
  });
  if (!officer) return null;
  // Belt and braces: the same answer as the scope filter, through the one helper.
  if (!(await isAgencyInScope(scope, officer.agencyRecord?.id))) return null;
  return officer;
}

const progressPercent = (done: number, total: number) =>
  total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 0;
export { progressPercent };

/** The officers of the scope (with the filter) as CSV: one row per enrolment (or one row for someone enrolled nowhere). */
export async function focalOfficersCsv({
  scope,
  filter,
  agencyLabel,
}: {
  scope: FocalScope;
  filter: Omit<FocalOfficerFilter, "page">;
  agencyLabel: (agency: { name: string; nameTranslations: unknown }) => string;
}) {
  const where = officersWhere(scope, filter);
  const rows: string[][] = [
    ["name", "email", "agency", "country", "vetting", "course", "cohort", "status", "progress_percent", "certificates"],
  ];
  let cursor: string | undefined;
  let count = 0;
  while (count < FOCAL_CSV_LIMIT) {
    const batch = await prisma.user.findMany({
      where,
      orderBy: { id: "asc" },
      take: 1000,
      ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}),
      select: officerSelect,
    });
    if (batch.length === 0) break;
    for (const o of batch) {
      const base = [
        o.name,
        o.email,
        o.agencyRecord ? agencyLabel(o.agencyRecord) : "",
        o.agencyRecord?.country ?? "",
        o.vettingStatus,
      ];
      const certificates = String(o._count.certificates);
      if (o.enrolments.length === 0) rows.push([...base, "", "", "", "", certificates]);
      for (const e of o.enrolments)
        rows.push([
          ...base,
          e.course.title,
          e.cohort?.name ?? "",
          e.status,
          String(e.status === "COMPLETED" ? 100 : progressPercent(e._count.progress, e.course.moduleCount)),
          certificates,
        ]);
    }
    count += batch.length;
    cursor = batch[batch.length - 1]!.id;
  }
  return writeCsv(rows);
}
