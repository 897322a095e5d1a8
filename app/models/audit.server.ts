/**
 * The audit trail (docs/decisions/016-audit-trail.md): one append-only row per
 * security-relevant event. Every model that audits goes through `recordAudit`, inside its own
 * transaction when it has one, so the event and the change it records commit together.
 */
import type { Prisma } from "~/generated/prisma/client";
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
