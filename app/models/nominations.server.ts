/**
 * Nomination courses (enrolment policy "nomination", docs/decisions/027): the approval chain.
 *
 *   focal point nominates ───────────────────────────────▶ PENDING (waits for the centre)
 *   officer applies ──▶ AWAITING_ENDORSEMENT ── endorse ──▶ PENDING
 *                                             └ decline ──▶ REJECTED (reason)
 *   PENDING ── centre accepts ──▶ ACTIVE, or WAITLISTED when the cohort or a quota is full
 *           └ centre declines ──▶ REJECTED (reason)
 *
 * The officer's own application is written by enrolments.server.ts `enrol` (it knows every
 * policy); the centre's decision is enrolments.server.ts `decideApplication` (one for every
 * policy, quotas included). This module holds the focal point's steps, the centre's queue
 * across courses and its bulk decisions (a DecisionBatch row moved by the worker), and the
 * words the officer's dashboard shows. Every focal-point check goes through focal-scope.server.ts.
 * Each step is an EnrolmentEvent with its author and mails the people concerned.
 */
import { enqueueDecisionBatch } from "../../jobs/queues";
import type { Prisma } from "~/generated/prisma/client";
import type { BulkEnrolmentStatus, EnrolmentStatus, Role } from "~/generated/prisma/enums";
import { prisma } from "~/utils/db.server";
import { hashToken, invitationToken } from "~/utils/invitation-token.server";
import { recordAudit } from "./audit.server";
import { managedCoursesWhere } from "./course-access.server";
import { dispatchEmail, dispatchEmails } from "./email.server";
import { cohortWindow, decideApplication, LIVE, lockCohort, recordEvent } from "./enrolments.server";
import { agenciesInScope, focalScopeOf, isAgencyInScope, usersInScope, type FocalScope } from "./focal-scope.server";
import { mailNominationStep } from "./nomination-mail.server";

type Actor = { id: string; role: Role };
type Tx = Prisma.TransactionClient;

const INVITATION_DAYS = 14;
const FINISHED: BulkEnrolmentStatus[] = ["DONE", "FAILED"];
/** Bulk decisions per batch: a page of the queue, generously. */
export const DECISION_BATCH_MAX = 2000;

function requireFocalPoint(actor: Actor) {
  if (actor.role !== "FOCAL_POINT") throw new Response("Forbidden", { status: 403 });
}

/** Published nomination courses and their cohorts open for nominations now. */
export async function nominationCourses() {
  const courses = await prisma.course.findMany({
    where: { enrolmentPolicy: "nomination", currentRevisionId: { not: null } },
    orderBy: { title: "asc" },
    select: {
      id: true,
      slug: true,
      title: true,
      cohorts: {
        orderBy: [{ startsAt: "asc" }, { name: "asc" }],
        select: { id: true, name: true, enrolmentOpensAt: true, enrolmentClosesAt: true },
      },
    },
  });
  return courses.map((c) => ({
    id: c.id,
    slug: c.slug,
    title: c.title,
    cohorts: c.cohorts.filter((k) => cohortWindow(k) === "open").map((k) => ({ id: k.id, name: k.name })),
  }));
}

/** Officers a focal point may nominate, searched by name or email (at most `take`). */
export async function officersInScope({ actor, q, take = 50 }: { actor: Actor; q?: string | null; take?: number }) {
  requireFocalPoint(actor);
  const scope = await focalScopeOf(actor.id);
  const term = (q ?? "").trim();
  const where: Prisma.UserWhereInput = {
    AND: [
      usersInScope(scope),
      { deletedAt: null, suspendedAt: null, role: "LEARNER" },
      term
        ? { OR: [{ name: { contains: term, mode: "insensitive" } }, { email: { contains: term.toLowerCase() } }] }
        : {},
    ],
  };
  const [count, officers] = await Promise.all([
    prisma.user.count({ where }),
    prisma.user.findMany({
      where,
      orderBy: { name: "asc" },
      take,
      select: { id: true, name: true, email: true, agencyRecord: { select: { name: true } } },
    }),
  ]);
  return {
    count,
    officers: officers.map((o) => ({ id: o.id, name: o.name, email: o.email, agency: o.agencyRecord?.name ?? null })),
  };
}

/** The agencies of a focal point's scope (for inviting someone new into one of them). */
export async function agenciesOfScope({ actor }: { actor: Actor }) {
  requireFocalPoint(actor);
  const scope = await focalScopeOf(actor.id);
  return prisma.agency.findMany({
    where: agenciesInScope(scope),
    orderBy: [{ country: "asc" }, { name: "asc" }],
    select: { id: true, name: true, country: true },
  });
}

export type NominateResult =
  | { status: "nominated" | "invited"; enrolmentId: string }
  | { status: "already"; current: EnrolmentStatus }
  | { status: "out-of-scope" | "unknown-course" | "unknown-cohort" | "cohort-required" | "window-closed" };

type Nominee = { userId: string } | { email: string; name: string; agencyId: string };

/**
 * A focal point nominates someone of their scope to a cohort of a nomination course: an
 * officer with an account, or someone new (an account is made in the chosen agency of the
 * scope, with an invitation to set a password). A nomination is endorsed by its author: it
 * goes straight to the centre (PENDING).
 */
export async function nominate({
  actor,
  courseId,
  cohortId,
  nominee,
  justification,
  scope: givenScope,
  tx: outerTx,
}: {
  actor: Actor;
  courseId: string;
  cohortId?: string | null;
  nominee: Nominee;
  justification?: string | null;
  /** Already read by the caller (a CSV file checks thousands of rows against one scope). */
  scope?: FocalScope;
  /** The caller's transaction (the CSV chunk); the caller then dispatches the returned mails. */
  tx?: Tx;
}): Promise<NominateResult & { emailIds?: string[] }> {
  requireFocalPoint(actor);
  const scope = givenScope ?? (await focalScopeOf(actor.id));
  const db = outerTx ?? prisma;
  const course = await db.course.findFirst({
    where: { id: courseId, enrolmentPolicy: "nomination", currentRevisionId: { not: null } },
    select: {
      id: true,
      title: true,
      cohorts: { select: { id: true, name: true, enrolmentOpensAt: true, enrolmentClosesAt: true } },
    },
  });
  if (!course) return { status: "unknown-course" };
  let cohort: (typeof course.cohorts)[number] | null = null;
  if (course.cohorts.length) {
    if (!cohortId) return { status: "cohort-required" };
    cohort = course.cohorts.find((c) => c.id === cohortId) ?? null;
    if (!cohort) return { status: "unknown-cohort" };
    if (cohortWindow(cohort) !== "open") return { status: "window-closed" };
  }

  let person: { id: string; email: string; name: string; locale: string; agencyId: string | null } | null = null;
  let newPerson: { email: string; name: string; agencyId: string } | null = null;
  if ("userId" in nominee) {
    person = await db.user.findFirst({
      where: { id: nominee.userId, deletedAt: null },
      select: { id: true, email: true, name: true, locale: true, agencyId: true },
    });
    if (!person) return { status: "out-of-scope" };
  } else {
    const email = nominee.email.trim().toLowerCase();
    person = await db.user.findUnique({
      where: { email },
      select: { id: true, email: true, name: true, locale: true, agencyId: true },
    });
    if (!person) newPerson = { email, name: nominee.name.trim(), agencyId: nominee.agencyId };
  }
  // Only people of the focal point's agencies (or countries), and only into those agencies.
  if (!(await isAgencyInScope(scope, person?.agencyId ?? newPerson?.agencyId))) return { status: "out-of-scope" };

  const write = async (tx: Tx) => {
    await lockCohort(tx, cohort?.id ?? null, course.id);
    let invitationId: string | null = null;
    if (newPerson) {
      const agency = await tx.agency.findUniqueOrThrow({
        where: { id: newPerson.agencyId },
        select: { country: true },
      });
      const created = await tx.user.create({
        data: {
          id: crypto.randomUUID(),
          email: newPerson.email,
          name: newPerson.name,
          agencyId: newPerson.agencyId,
          country: agency.country,
          locale: "en",
        },
        select: { id: true, email: true, name: true, locale: true, agencyId: true },
      });
      person = created;
      invitationId = crypto.randomUUID();
      await tx.invitation.create({
        data: {
          id: invitationId,
          userId: created.id,
          tokenHash: hashToken(invitationToken(invitationId)),
          expiresAt: new Date(Date.now() + INVITATION_DAYS * 24 * 3600 * 1000),
        },
      });
    }
    const officer = person!;
    const existing = await tx.enrolment.findUnique({
      where: { userId_courseId: { userId: officer.id, courseId: course.id } },
      select: { id: true, status: true },
    });
    if (existing && LIVE.includes(existing.status)) return { status: "already", current: existing.status } as const;
    const now = new Date();
    const data = {
      status: "PENDING" as const,
      cohortId: cohort?.id ?? null,
      justification: justification?.trim() || null,
      decisionReason: null,
      decidedAt: null,
      decidedById: null,
      queuedAt: null,
      nominatedById: actor.id,
      endorsedById: actor.id,
      endorsedAt: now,
    };
    const row = existing
      ? await tx.enrolment.update({ where: { id: existing.id }, data, select: { id: true } })
      : await tx.enrolment.create({ data: { userId: officer.id, courseId: course.id, ...data }, select: { id: true } });
    await recordEvent(tx, {
      enrolmentId: row.id,
      actorId: actor.id,
      action: "nominated",
      fromStatus: existing?.status ?? null,
      toStatus: "PENDING",
      detail: { cohort: cohort?.name ?? null, invited: Boolean(invitationId) },
    });
    const focal = await tx.user.findUniqueOrThrow({ where: { id: actor.id }, select: { name: true } });
    const emailIds = await mailNominationStep(tx, {
      officer,
      course: course.title,
      officerTemplate: invitationId ? "nomination-invited" : "nomination-nominated",
      data: { focal: focal.name, ...(invitationId ? { invitationId } : {}) },
    });
    return { status: invitationId ? "invited" : "nominated", enrolmentId: row.id, emailIds } as const;
  };
  if (outerTx) return write(outerTx);
  const result = await prisma.$transaction(write);
  if ("emailIds" in result && result.emailIds) await dispatchEmails(result.emailIds);
  return result;
}

export type EndorseResult = { status: "endorsed" | "declined" | "not-awaiting" | "reason-required" };

/** A focal point endorses (→ the centre) or declines (with a reason) an officer's application. */
export async function endorseApplication({
  actor,
  enrolmentId,
  decision,
  reason,
}: {
  actor: Actor;
  enrolmentId: string;
  decision: "endorse" | "decline";
  reason?: string | null;
}): Promise<EndorseResult> {
  requireFocalPoint(actor);
  const scope = await focalScopeOf(actor.id);
  const found = await prisma.enrolment.findUnique({
    where: { id: enrolmentId },
    select: { user: { select: { agencyId: true } } },
  });
  // Someone else's officer is as good as missing: no hint that the enrolment exists.
  if (!found || !(await isAgencyInScope(scope, found.user.agencyId))) throw new Response("Not found", { status: 404 });
  const why = reason?.trim() ?? "";
  if (decision === "decline" && why.length < 3) return { status: "reason-required" };

  const outcome = await prisma.$transaction(async (tx) => {
    const enrolment = await tx.enrolment.findUniqueOrThrow({
      where: { id: enrolmentId },
      select: {
        courseId: true,
        cohortId: true,
        course: { select: { title: true } },
        user: { select: { id: true, email: true, name: true, locale: true, agencyId: true } },
      },
    });
    await lockCohort(tx, enrolment.cohortId, enrolment.courseId);
    const fresh = await tx.enrolment.findUniqueOrThrow({ where: { id: enrolmentId }, select: { status: true } });
    if (fresh.status !== "AWAITING_ENDORSEMENT") return { status: "not-awaiting" as const, emailIds: [] };
    const now = new Date();
    const toStatus: EnrolmentStatus = decision === "endorse" ? "PENDING" : "REJECTED";
    await tx.enrolment.update({
      where: { id: enrolmentId },
      data:
        decision === "endorse"
          ? { status: toStatus, endorsedById: actor.id, endorsedAt: now }
          : { status: toStatus, decisionReason: why, decidedById: actor.id, decidedAt: now },
    });
    await recordEvent(tx, {
      enrolmentId,
      actorId: actor.id,
      action: decision === "endorse" ? "endorsed" : "endorsement-declined",
      fromStatus: "AWAITING_ENDORSEMENT",
      toStatus,
      detail: { reason: decision === "decline" ? why : null },
    });
    const emailIds = await mailNominationStep(tx, {
      officer: enrolment.user,
      course: enrolment.course.title,
      officerTemplate: decision === "endorse" ? "nomination-endorsed" : "nomination-declined",
      data: { reason: why },
    });
    return { status: decision === "endorse" ? ("endorsed" as const) : ("declined" as const), emailIds };
  });
  for (const id of outcome.emailIds) await dispatchEmail(id);
  return { status: outcome.status };
}

const nominationSelect = {
  id: true,
  status: true,
  createdAt: true,
  endorsedAt: true,
  decisionReason: true,
  justification: true,
  nominatedById: true,
  course: { select: { title: true } },
  cohort: { select: { name: true } },
  user: { select: { name: true, email: true, agencyRecord: { select: { name: true } } } },
} satisfies Prisma.EnrolmentSelect;

/** What a focal point's nominations page shows: applications waiting for them, then the nominations of their scope. */
export async function focalNominations({ actor, take = 200 }: { actor: Actor; take?: number }) {
  requireFocalPoint(actor);
  const scope = await focalScopeOf(actor.id);
  const inScope: Prisma.EnrolmentWhereInput = { user: usersInScope(scope), course: { enrolmentPolicy: "nomination" } };
  const [awaiting, others] = await Promise.all([
    prisma.enrolment.findMany({
      where: { ...inScope, status: "AWAITING_ENDORSEMENT" },
      orderBy: { createdAt: "asc" },
      take,
      select: nominationSelect,
    }),
    prisma.enrolment.findMany({
      where: { ...inScope, status: { not: "AWAITING_ENDORSEMENT" } },
      orderBy: { updatedAt: "desc" },
      take,
      select: nominationSelect,
    }),
  ]);
  const shape = (e: (typeof awaiting)[number]) => ({
    id: e.id,
    status: e.status,
    createdAt: e.createdAt,
    reason: e.decisionReason,
    justification: e.justification,
    nominatedByMe: e.nominatedById === actor.id,
    course: e.course.title,
    cohort: e.cohort?.name ?? null,
    name: e.user.name,
    email: e.user.email,
    agency: e.user.agencyRecord?.name ?? null,
  });
  return { awaiting: awaiting.map(shape), nominations: others.map(shape) };
}

// ------------------------------------------------------------------ the centre's queue

export type QueueFilters = {
  country?: string | null;
  agencyId?: string | null;
  courseId?: string | null;
  cohortId?: string | null;
  /** Waiting at least this many days. */
  olderThanDays?: number | null;
};

function queueWhere(actor: Actor, filters: QueueFilters): Prisma.EnrolmentWhereInput {
  const courses = managedCoursesWhere(actor);
  if (!courses) throw new Response("Forbidden", { status: 403 });
  return {
    status: "PENDING",
    course: courses,
    ...(filters.courseId ? { courseId: filters.courseId } : {}),
    ...(filters.cohortId ? { cohortId: filters.cohortId } : {}),
    ...(filters.agencyId || filters.country
      ? {
          user: {
            ...(filters.agencyId ? { agencyId: filters.agencyId } : {}),
            ...(filters.country
              ? { OR: [{ agencyRecord: { country: filters.country } }, { agencyId: null, country: filters.country }] }
              : {}),
          },
        }
      : {}),
    ...(filters.olderThanDays ? { createdAt: { lte: new Date(Date.now() - filters.olderThanDays * 86_400_000) } } : {}),
  };
}

/**
 * Everything waiting for the centre across courses and cohorts (administrators: every course;
 * trainers: the courses they manage), filtered, oldest first, with the filters' choices.
 */
export async function centreQueue({
  actor,
  filters,
  take = 200,
}: {
  actor: Actor;
  filters: QueueFilters;
  take?: number;
}) {
  const where = queueWhere(actor, filters);
  const base = queueWhere(actor, {});
  const [count, rows, courses, agencies] = await Promise.all([
    prisma.enrolment.count({ where }),
    prisma.enrolment.findMany({
      where,
      orderBy: { createdAt: "asc" },
      take,
      select: {
        id: true,
        createdAt: true,
        justification: true,
        endorsedAt: true,
        nominatedBy: { select: { name: true } },
        endorsedBy: { select: { name: true } },
        course: { select: { id: true, title: true, slug: true } },
        cohort: { select: { id: true, name: true } },
        user: {
          select: { name: true, email: true, country: true, agencyRecord: { select: { name: true, country: true } } },
        },
      },
    }),
    prisma.course.findMany({
      where: { enrolments: { some: base } },
      orderBy: { title: "asc" },
      select: { id: true, title: true, cohorts: { orderBy: { name: "asc" }, select: { id: true, name: true } } },
    }),
    prisma.agency.findMany({
      where: { members: { some: { enrolments: { some: base } } } },
      orderBy: [{ country: "asc" }, { name: "asc" }],
      select: { id: true, name: true, country: true },
    }),
  ]);
  return {
    count,
    rows: rows.map((r) => ({
      id: r.id,
      createdAt: r.createdAt,
      justification: r.justification,
      nominatedBy: r.nominatedBy?.name ?? null,
      endorsedBy: r.endorsedBy?.name ?? null,
      course: r.course,
      cohort: r.cohort,
      name: r.user.name,
      email: r.user.email,
      country: r.user.agencyRecord?.country ?? r.user.country,
      agency: r.user.agencyRecord?.name ?? null,
    })),
    courses,
    agencies,
    countries: [...new Set(agencies.map((a) => a.country))].sort(),
  };
}

export type CreateDecisionBatchResult =
  { status: "created"; batchId: string } | { status: "none-selected" | "reason-required" | "too-many" };

/** Bulk accept or decline: the chosen applications are frozen into a batch the worker decides in order. */
export async function createDecisionBatch({
  actor,
  enrolmentIds,
  decision,
  reason,
}: {
  actor: Actor;
  enrolmentIds: string[];
  decision: "accept" | "decline";
  reason?: string | null;
}): Promise<CreateDecisionBatchResult> {
  const why = reason?.trim() || null;
  if (decision === "decline" && (why ?? "").length < 3) return { status: "reason-required" };
  const ids = [...new Set(enrolmentIds)];
  if (!ids.length) return { status: "none-selected" };
  if (ids.length > DECISION_BATCH_MAX) return { status: "too-many" };
  // Only what this person may decide and what still waits: the rest is not in the batch at all.
  const found = await prisma.enrolment.findMany({
    where: { ...queueWhere(actor, {}), id: { in: ids } },
    orderBy: { createdAt: "asc" },
    select: { id: true, user: { select: { name: true } }, course: { select: { title: true } } },
  });
  if (!found.length) return { status: "none-selected" };
  const batch = await prisma.$transaction(async (tx) => {
    const created = await tx.decisionBatch.create({
      data: { createdById: actor.id, decision, reason: why, total: found.length },
      select: { id: true },
    });
    await tx.decisionBatchRow.createMany({
      data: found.map((e, i) => ({
        batchId: created.id,
        position: i + 1,
        enrolmentId: e.id,
        name: e.user.name,
        course: e.course.title,
      })),
    });
    await recordAudit(
      {
        actorId: actor.id,
        action: "applications.bulk-decision",
        detail: { batchId: created.id, decision, count: found.length },
      },
      tx,
    );
    return created;
  });
  await dispatchDecisionBatch(batch.id);
  return { status: "created", batchId: batch.id };
}

/** A Redis outage is not the administrator's problem: the batch stays PENDING for the reconciler. */
export async function dispatchDecisionBatch(batchId: string) {
  try {
    await enqueueDecisionBatch(batchId);
  } catch (error) {
    console.error(`decision batch ${batchId}: enqueue failed, the reconciler will retry`, error);
  }
}

/**
 * Runs a batch (the worker's processor): each row is decided by `decideApplication` (its own
 * transaction, quotas and mails included), then its outcome and the counts are written. A
 * finished batch returns at once; a re-run carries on with the rows without an outcome.
 */
export async function runDecisionBatch({
  batchId,
  afterRow,
}: {
  batchId: string;
  afterRow?: () => Promise<void> | void;
}) {
  const batch = await prisma.decisionBatch.findUnique({
    where: { id: batchId },
    select: {
      status: true,
      startedAt: true,
      decision: true,
      reason: true,
      createdBy: { select: { id: true, role: true, deletedAt: true, suspendedAt: true } },
    },
  });
  if (!batch) return { status: "missing" } as const;
  if (FINISHED.includes(batch.status)) return { status: "already-finished" } as const;
  await prisma.decisionBatch.update({
    where: { id: batchId },
    data: { status: "RUNNING", attempts: { increment: 1 }, startedAt: batch.startedAt ?? new Date(), error: null },
  });
  const actor = batch.createdBy && !batch.createdBy.deletedAt && !batch.createdBy.suspendedAt ? batch.createdBy : null;
  for (;;) {
    const rows = await prisma.decisionBatchRow.findMany({
      where: { batchId, outcome: null },
      orderBy: { position: "asc" },
      take: 20,
      select: { id: true, enrolmentId: true },
    });
    if (!rows.length) break;
    for (const row of rows) {
      const outcome = actor ? await decideRow(actor, row.enrolmentId, batch.decision, batch.reason) : "forbidden";
      const ok = outcome === "accepted" || outcome === "waitlisted" || outcome === "declined";
      await prisma.$transaction([
        prisma.decisionBatchRow.update({ where: { id: row.id }, data: { outcome } }),
        prisma.decisionBatch.update({
          where: { id: batchId },
          data: ok ? { done: { increment: 1 } } : { failed: { increment: 1 } },
        }),
      ]);
      await afterRow?.();
    }
  }
  await prisma.decisionBatch.updateMany({
    where: { id: batchId, status: { in: ["PENDING", "RUNNING"] } },
    data: { status: "DONE", finishedAt: new Date() },
  });
  return { status: "done" } as const;
}

async function decideRow(actor: Actor, enrolmentId: string, decision: string, reason: string | null) {
  const enrolment = await prisma.enrolment.findUnique({ where: { id: enrolmentId }, select: { courseId: true } });
  if (!enrolment) return "not-pending";
  try {
    const result = await decideApplication({
      actor,
      courseId: enrolment.courseId,
      enrolmentId,
      decision: decision === "accept" ? "approve" : "reject",
      reason,
    });
    if (result.status === "approved") return "accepted";
    if (result.status === "waitlisted") return "waitlisted";
    if (result.status === "rejected") return "declined";
    return "not-pending";
  } catch (error) {
    // The decider lost the right to manage the course since the batch was made.
    if (error instanceof Response && error.status === 403) return "forbidden";
    throw error;
  }
}

export async function markDecisionBatchFailed({ batchId, error }: { batchId: string; error: unknown }) {
  await prisma.decisionBatch.updateMany({
    where: { id: batchId, status: { in: ["PENDING", "RUNNING"] } },
    data: { status: "FAILED", finishedAt: new Date(), error: error instanceof Error ? error.message : String(error) },
  });
}

/** Batches whose job was lost (left PENDING, or RUNNING without progress), for the reconciler. */
export async function findStaleDecisionBatches({
  olderThanMs,
  runningOlderThanMs = 10 * 60_000,
}: {
  olderThanMs: number;
  runningOlderThanMs?: number;
}) {
  const rows = await prisma.decisionBatch.findMany({
    where: {
      OR: [
        { status: "PENDING", updatedAt: { lt: new Date(Date.now() - olderThanMs) } },
        { status: "RUNNING", updatedAt: { lt: new Date(Date.now() - runningOlderThanMs) } },
      ],
    },
    select: { id: true },
    take: 100,
  });
  return rows.map((r) => r.id);
}

export const DECISION_OUTCOMES = ["accepted", "waitlisted", "declined", "not-pending", "forbidden"] as const;

/** A batch for its progress page: its author or an administrator. */
export async function getDecisionBatch({ actor, batchId }: { actor: Actor; batchId: string }) {
  if (!managedCoursesWhere(actor)) throw new Response("Forbidden", { status: 403 });
  const batch = await prisma.decisionBatch.findUnique({
    where: { id: batchId },
    select: {
      id: true,
      decision: true,
      reason: true,
      status: true,
      total: true,
      done: true,
      failed: true,
      error: true,
      createdAt: true,
      createdById: true,
      createdBy: { select: { name: true } },
    },
  });
  if (!batch || (actor.role !== "ADMIN" && batch.createdById !== actor.id))
    throw new Response("Not found", { status: 404 });
  const finished = FINISHED.includes(batch.status);
  const rows = await prisma.decisionBatchRow.findMany({
    where: { batchId },
    orderBy: { position: "asc" },
    take: 500,
    select: { position: true, name: true, course: true, outcome: true },
  });
  return { ...batch, finished, rows };
}

// ------------------------------------------------------------------ the officer's dashboard

/**
 * The status of an enrolment in a nomination course in words (a catalogue key), or null
 * when the plain enrolment status says it all.
 */
export function nominationStatusLabel(e: {
  status: EnrolmentStatus;
  nominatedById: string | null;
  endorsedById: string | null;
}) {
  if (e.status === "AWAITING_ENDORSEMENT") return "nomination.status.awaitingEndorsement";
  if (e.status !== "PENDING") return null;
  if (e.nominatedById) return "nomination.status.nominated";
  if (e.endorsedById) return "nomination.status.endorsed";
  return null;
}

/** The dashboard's labels for one person's enrolments: { enrolmentId: catalogue key }. */
export async function nominationStatusLabels({ userId }: { userId: string }) {
  const rows = await prisma.enrolment.findMany({
    where: { userId, status: { in: ["AWAITING_ENDORSEMENT", "PENDING"] } },
    select: { id: true, status: true, nominatedById: true, endorsedById: true },
  });
  const labels: Record<string, string> = {};
  for (const row of rows) {
    const label = nominationStatusLabel(row);
    if (label) labels[row.id] = label;
  }
  return labels;
}
