/**
 * The audit trail (docs/decisions/016-audit-trail.md): one append-only row per
 * security-relevant event. Every model that audits goes through `recordAudit`, inside its own
 * transaction when it has one, so the event and the change it records commit together.
 */
import type { Prisma } from "~/generated/prisma/client";
import { writeCsv } from "~/utils/csv";
import type { AuditFilter } from "~/validation/admin";
import { prisma } from "~/utils/db.server";

export type AuditInput = {
  /** Who acted (null: the person is not known, e.g. a failed sign-in; or the system). */
  actorId?: string | null;
  /** Whom it was done to or about. */
  targetId?: string | null;
  /** Dotted name: "<area>.<what-happened>", e.g. "auth.login-failed", "user.suspended". */
  action: string;
  /** Small JSON facts (never a password, token or code). */
  detail?: Prisma.InputJsonObject;
  /** The client address of the request, when there is one. */
  ip?: string | null;
};

type Db = Pick<Prisma.TransactionClient, "auditEvent">;

const ACTION = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/;
const SECRET_KEYS = /password|token|secret|code|hash/i;

export async function recordAudit(input: AuditInput, db: Db = prisma) {
  if (!ACTION.test(input.action)) throw new Error(`audit action must be dotted kebab-case: ${input.action}`);
  const leaked = Object.keys(input.detail ?? {}).find((key) => SECRET_KEYS.test(key));
  if (leaked) throw new Error(`audit detail must not carry secrets (key "${leaked}")`);
  return db.auditEvent.create({
    data: {
      actorId: input.actorId ?? null,
      targetId: input.targetId ?? null,
      action: input.action,
      detail: input.detail ?? {},
      ip: input.ip ?? null,
    },
    select: { id: true, createdAt: true },
  });
}

export const AUDIT_PAGE_SIZE = 50;
/** The most rows one CSV holds (the page says so when a filter matches more). */
export const AUDIT_CSV_LIMIT = 10_000;

const DAY_MS = 86_400_000;

function personWhere(text: string): Prisma.UserWhereInput {
  return {
    OR: [{ email: { contains: text, mode: "insensitive" } }, { name: { contains: text, mode: "insensitive" } }],
  };
}

/** person: who acted (email or name); target: whom it was about; action: a prefix ("auth." or a full name); dates inclusive, UTC. */
export function auditWhere(filter: Omit<AuditFilter, "page">): Prisma.AuditEventWhereInput {
  const and: Prisma.AuditEventWhereInput[] = [];
  if (filter.person) and.push({ actor: personWhere(filter.person) });
  if (filter.target) and.push({ target: personWhere(filter.target) });
  if (filter.action) and.push({ action: { startsWith: filter.action } });
  if (filter.from) and.push({ createdAt: { gte: new Date(`${filter.from}T00:00:00Z`) } });
  if (filter.to) and.push({ createdAt: { lt: new Date(Date.parse(`${filter.to}T00:00:00Z`) + DAY_MS) } });
  return and.length ? { AND: and } : {};
}

const eventSelect = {
  id: true,
  action: true,
  detail: true,
  ip: true,
  createdAt: true,
  actor: { select: { id: true, name: true, email: true } },
  target: { select: { id: true, name: true, email: true } },
} satisfies Prisma.AuditEventSelect;

/** One page of events, newest first (ties broken by id, so pages never overlap). */
export async function listAuditEvents(filter: AuditFilter) {
  const where = auditWhere(filter);
  const [total, events] = await prisma.$transaction([
    prisma.auditEvent.count({ where }),
    prisma.auditEvent.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (filter.page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
      select: eventSelect,
    }),
  ]);
  return { total, events, page: filter.page, pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)) };
}

/** The events about one person (as actor or target), for /admin/users/<id>. */
export async function recentAuditEventsFor({ userId, take = 20 }: { userId: string; take?: number }) {
  return prisma.auditEvent.findMany({
    where: { OR: [{ actorId: userId }, { targetId: userId }] },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: eventSelect,
  });
}

/** The current filter as CSV (formula-guarded by writeCsv), newest first, at most AUDIT_CSV_LIMIT rows. */
export async function auditCsv(filter: Omit<AuditFilter, "page">) {
  const events = await prisma.auditEvent.findMany({
    where: auditWhere(filter),
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: AUDIT_CSV_LIMIT,
    select: eventSelect,
  });
  const header = ["time", "action", "actor_name", "actor_email", "target_name", "target_email", "ip", "detail"];
  const rows = events.map((e) => [
    e.createdAt.toISOString(),
    e.action,
    e.actor?.name ?? "",
    e.actor?.email ?? "",
    e.target?.name ?? "",
    e.target?.email ?? "",
    e.ip ?? "",
    JSON.stringify(e.detail),
  ]);
  return writeCsv([header, ...rows]);
}
