/**
 * Bulk enrolment by administrators from a CSV file, as a background job.
 *
 * The upload is checked for file-level problems at once (`createBulkBatch`); the file is then
 * kept on a `BulkEnrolmentBatch` row and the `bulk-enrolments` queue carries only its id. The
 * worker (jobs/processors/bulk-enrolment.ts) checks every row first (`checkBulkBatch`), then,
 * unless all or nothing refuses the file, applies the rows in chunks (`applyBulkBatchChunk`),
 * each chunk one transaction that also records the rows' outcomes and moves the batch's counts,
 * so progress is visible and a re-run carries on where the last one stopped.
 * People without an account get one, with an invitation to set their password.
 */
import { enqueueBulkEnrolment } from "../../jobs/queues";
import type { Prisma } from "~/generated/prisma/client";
import type { BulkEnrolmentStatus, EnrolmentStatus, Role } from "~/generated/prisma/enums";
import { prisma } from "~/utils/db.server";
import { hashToken, invitationToken } from "~/utils/invitation-token.server";
import {
  BULK_OUTCOMES,
  decodeCsvBytes,
  parseEnrolmentCsv,
  type BulkOutcome,
  type CsvProblem,
} from "~/validation/enrolment-csv";
import { dispatchEmails } from "./email.server";
import { HOLDS_PLACE } from "./enrolments.server";
import { agenciesInScope, focalScopeOf } from "./focal-scope.server";
import { nominate } from "./nominations.server";

export type FileProblem = { line: number; code: string };

const INVITATION_DAYS = 14;
const LIVE: EnrolmentStatus[] = ["AWAITING_ENDORSEMENT", "PENDING", "WAITLISTED", "ACTIVE", "COMPLETED"];
const FINISHED: BulkEnrolmentStatus[] = ["DONE", "FAILED"];
/** Rows applied per transaction: small enough for the counts to move every second or so. */
export const BULK_CHUNK_ROWS = 100;
type Tx = Prisma.TransactionClient;

export { hashToken };

/** Serialises everything that writes a batch's rows (two runs of one batch never interleave). */
async function lockBatch(tx: Tx, batchId: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`bulk-batch:${batchId}`}))`;
}

function requireAdmin(actor: { role: Role }) {
  if (actor.role !== "ADMIN") throw new Response("Forbidden", { status: 403 });
}

export type CreateBatchResult =
  | { status: "created"; batchId: string; total: number }
  | { status: "file-problems"; fileProblems: FileProblem[] }
  | { status: "unknown-course" };

/**
 * Accepts an upload: problems with the file as a whole (not UTF-8, too large, no email or name
 * column, no rows) are answered at once; otherwise the batch is written and queued.
 */
export async function createBulkBatch({
  actor,
  courseId,
  fileName,
  bytes,
  allOrNothing,
}: {
  actor: { id: string; role: Role };
  courseId: string;
  fileName: string;
  bytes: Uint8Array;
  allOrNothing: boolean;
}): Promise<CreateBatchResult> {
  requireAdmin(actor);
  return createBatch({ actor, courseId, fileName, bytes, allOrNothing, nomination: false });
}

/**
 * A focal point's nomination file (docs/decisions/027): the same batch, check and report as a
 * bulk enrolment, but each row becomes a nomination of someone of their scope (nominations.server.ts
 * `nominate`, so the rules are the same as one at a time), waiting for the centre.
 */
export async function createNominationBatch({
  actor,
  courseId,
  fileName,
  bytes,
}: {
  actor: { id: string; role: Role };
  courseId: string;
  fileName: string;
  bytes: Uint8Array;
}): Promise<CreateBatchResult> {
  if (actor.role !== "FOCAL_POINT") throw new Response("Forbidden", { status: 403 });
  return createBatch({ actor, courseId, fileName, bytes, allOrNothing: false, nomination: true });
}

async function createBatch({
  actor,
  courseId,
  fileName,
  bytes,
  allOrNothing,
  nomination,
}: {
  actor: { id: string };
  courseId: string;
  fileName: string;
  bytes: Uint8Array;
  allOrNothing: boolean;
  nomination: boolean;
}): Promise<CreateBatchResult> {
  const course = await prisma.course.findFirst({
    where: { id: courseId, currentRevisionId: { not: null }, ...(nomination ? { enrolmentPolicy: "nomination" } : {}) },
    select: { id: true },
  });
  if (!course) return { status: "unknown-course" };
  const csvText = decodeCsvBytes(bytes);
  if (csvText === null) return { status: "file-problems", fileProblems: [{ line: 1, code: "file.not-utf8" }] };
  const parsed = parseEnrolmentCsv(csvText);
  if (parsed.fileProblems.length) return { status: "file-problems", fileProblems: parsed.fileProblems };
  const batch = await prisma.bulkEnrolmentBatch.create({
    data: {
      courseId,
      createdById: actor.id,
      nominatedById: nomination ? actor.id : null,
      fileName: fileName.slice(0, 255) || "file.csv",
      allOrNothing,
      csvText,
      total: parsed.rows.length,
    },
    select: { id: true },
  });
  await dispatchBulkBatch(batch.id);
  return { status: "created", batchId: batch.id, total: parsed.rows.length };
}

/** A Redis outage is not the administrator's problem: the batch stays PENDING for the reconciler. */
export async function dispatchBulkBatch(batchId: string) {
  try {
    await enqueueBulkEnrolment(batchId);
  } catch (error) {
    console.error(`bulk enrolment ${batchId}: enqueue failed, the reconciler will retry`, error);
  }
}

export type StartResult = { status: "missing" } | { status: "finished" } | { status: "started" };

/** The worker takes a batch: RUNNING (the first start time is kept across retries). */
export async function startBulkBatch({ batchId }: { batchId: string }): Promise<StartResult> {
  const batch = await prisma.bulkEnrolmentBatch.findUnique({
    where: { id: batchId },
    select: { status: true, startedAt: true },
  });
  if (!batch) return { status: "missing" };
  if (FINISHED.includes(batch.status)) return { status: "finished" };
  await prisma.bulkEnrolmentBatch.update({
    where: { id: batchId },
    data: { status: "RUNNING", attempts: { increment: 1 }, startedAt: batch.startedAt ?? new Date(), error: null },
  });
  return { status: "started" };
}

export type CheckResult = { status: "checked" | "already-checked" | "refused" };

/**
 * Checks every row of the file (as the synchronous import did) and writes them with their
 * problems, in one transaction; rows with problems are counted as failed. With all or nothing,
 * one bad row finishes the batch here: nothing is applied, the good rows are marked skipped.
 */
export async function checkBulkBatch({ batchId }: { batchId: string }): Promise<CheckResult> {
  return prisma.$transaction(
    async (tx) => {
      await lockBatch(tx, batchId);
      const batch = await tx.bulkEnrolmentBatch.findUniqueOrThrow({
        where: { id: batchId },
        select: { courseId: true, csvText: true, allOrNothing: true, status: true, _count: { select: { rows: true } } },
      });
      if (batch._count.rows > 0) return { status: batch.status === "DONE" ? "refused" : "already-checked" } as const;

      const parsed = parseEnrolmentCsv(batch.csvText);
      if (parsed.fileProblems.length) {
        // Checked at upload; only a change to the rules in between can bring us here.
        await tx.bulkEnrolmentBatch.update({
          where: { id: batchId },
          data: {
            status: "FAILED",
            applied: false,
            finishedAt: new Date(),
            error: parsed.fileProblems.map((p) => `line ${p.line}: ${p.code}`).join("; "),
          },
        });
        return { status: "refused" } as const;
      }
      const cohorts = await tx.cohort.findMany({
        where: { courseId: batch.courseId },
        select: { id: true, name: true },
      });
      const cohortByName = new Map(cohorts.map((c) => [c.name.trim().toLowerCase(), c]));
      const planned = parsed.rows.map((row) => {
        const problems: CsvProblem[] = [...row.problems];
        let cohort: { id: string; name: string } | null = null;
        if (row.cohort) {
          cohort = cohortByName.get(row.cohort.toLowerCase()) ?? null;
          if (!cohort && !problems.some((p) => p.field === "cohort"))
            problems.push({ field: "cohort", code: "cohort.unknown" });
        } else if (cohorts.length === 1) {
          cohort = cohorts[0]!;
        } else if (cohorts.length > 1) {
          problems.push({ field: "cohort", code: "cohort.required" });
        }
        return { row, problems, cohort };
      });
      const invalid = planned.filter((p) => p.problems.length).length;
      const refused = batch.allOrNothing && invalid > 0;
      const data = planned.map((p) => ({
        batchId,
        line: p.row.line,
        email: p.row.email,
        name: p.row.name,
        country: p.row.country,
        agency: p.row.agency,
        cohort: p.cohort?.name ?? p.row.cohort,
        cohortId: p.cohort?.id ?? null,
        problems: p.problems as Prisma.InputJsonValue,
        outcome: p.problems.length ? "invalid" : refused ? "skipped" : null,
      }));
      for (let i = 0; i < data.length; i += 1000)
        await tx.bulkEnrolmentRow.createMany({ data: data.slice(i, i + 1000) });
      await tx.bulkEnrolmentBatch.update({
        where: { id: batchId },
        data: {
          total: data.length,
          failed: invalid,
          ...(refused ? { status: "DONE", applied: false, finishedAt: new Date() } : {}),
        },
      });
      return { status: refused ? "refused" : "checked" } as const;
    },
    { timeout: 120_000 },
  );
}

/**
 * Applies the next rows not yet handled, in one transaction with their outcomes and the batch's
 * counts. Safe to re-run: rows already handled are never taken again, people are looked up
 * afresh (an account or enrolment made since is found, so nobody is enrolled or invited twice).
 * Returns how many rows it handled (0 when nothing is left).
 */
export async function applyBulkBatchChunk({ batchId, size = BULK_CHUNK_ROWS }: { batchId: string; size?: number }) {
  const emailIds: string[] = [];
  const handled = await prisma.$transaction(
    async (tx) => {
      await lockBatch(tx, batchId);
      const batch = await tx.bulkEnrolmentBatch.findUniqueOrThrow({
        where: { id: batchId },
        select: { courseId: true, createdById: true, nominatedById: true, course: { select: { title: true } } },
      });
      const rows = await tx.bulkEnrolmentRow.findMany({
        where: { batchId, outcome: null },
        orderBy: { line: "asc" },
        take: size,
      });
      if (!rows.length) return 0;
      if (batch.nominatedById) {
        emailIds.push(
          ...(await applyNominationRows(tx, { batchId, ...batch, nominatedById: batch.nominatedById }, rows)),
        );
        return rows.length;
      }
      const courseId = batch.courseId;

      // The cohorts' locks first (as enrolments.server.ts takes them), then the cohorts: one deleted meanwhile is seen as gone.
      const lockKeys = [...new Set(rows.map((r) => r.cohortId ?? courseId))].sort();
      for (const key of lockKeys) await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`cohort:${key}`}))`;
      const cohorts = await tx.cohort.findMany({ where: { courseId }, select: { id: true, capacity: true } });
      const cohortById = new Map(cohorts.map((c) => [c.id, c]));

      const users = await tx.user.findMany({
        where: { email: { in: rows.map((r) => r.email) } },
        select: { id: true, email: true, name: true, locale: true },
      });
      const userByEmail = new Map(users.map((u) => [u.email, u]));
      const enrolments = await tx.enrolment.findMany({
        where: { courseId, userId: { in: users.map((u) => u.id) } },
        select: { id: true, userId: true, status: true },
      });
      const enrolmentByUser = new Map(enrolments.map((e) => [e.userId, e]));

      const outcomes = new Map<string, BulkOutcome>();
      const vanished: string[] = [];
      const toApply: {
        row: (typeof rows)[number];
        user: (typeof users)[number] | null;
        existing: (typeof enrolments)[number] | null;
        cohort: { id: string; capacity: number | null } | null;
      }[] = [];
      for (const row of rows) {
        // A cohort deleted since the check: the row cannot be applied as written.
        if (row.cohort !== null && (row.cohortId === null || !cohortById.has(row.cohortId))) {
          vanished.push(row.id);
          outcomes.set(row.id, "invalid");
          continue;
        }
        const user = userByEmail.get(row.email) ?? null;
        const existing = user ? (enrolmentByUser.get(user.id) ?? null) : null;
        if (existing && LIVE.includes(existing.status)) {
          outcomes.set(row.id, "already");
          continue;
        }
        toApply.push({ row, user, existing, cohort: row.cohortId ? cohortById.get(row.cohortId)! : null });
      }

      // New accounts (no password yet) with invitations. The token is derived from the
      // invitation's id when the mail is written: only its hash is stored.
      const invitationIds = new Map<string, string>();
      const newPeople = toApply.filter((p) => !p.user);
      const created = newPeople.map((p) => ({
        id: crypto.randomUUID(),
        email: p.row.email,
        name: p.row.name,
        country: p.row.country,
        agency: p.row.agency,
        locale: "en",
      }));
      if (created.length) await tx.user.createMany({ data: created });
      newPeople.forEach((p, i) => {
        p.user = { id: created[i]!.id, email: created[i]!.email, name: created[i]!.name, locale: "en" };
        invitationIds.set(created[i]!.id, crypto.randomUUID());
      });
      const expiresAt = new Date(Date.now() + INVITATION_DAYS * 24 * 3600 * 1000);
      if (invitationIds.size)
        await tx.invitation.createMany({
          data: [...invitationIds].map(([userId, id]) => ({
            id,
            userId,
            tokenHash: hashToken(invitationToken(id)),
            expiresAt,
          })),
        });

      // Places: allocated in file order, per cohort.
      const taken = new Map<string, number>();
      for (const p of toApply) {
        const key = p.cohort?.id ?? "";
        if (!taken.has(key))
          taken.set(
            key,
            await tx.enrolment.count({
              where: { courseId, cohortId: p.cohort?.id ?? null, status: { in: HOLDS_PLACE } },
            }),
          );
      }
      const now = new Date();
      const fresh: Prisma.EnrolmentCreateManyInput[] = [];
      const events: Prisma.EnrolmentEventCreateManyInput[] = [];
      const mails: Prisma.EmailCreateManyInput[] = [];
      for (const p of toApply) {
        const key = p.cohort?.id ?? "";
        const count = taken.get(key)!;
        const status: EnrolmentStatus = p.cohort?.capacity && count >= p.cohort.capacity ? "WAITLISTED" : "ACTIVE";
        if (status === "ACTIVE") taken.set(key, count + 1);
        const fields = {
          cohortId: p.cohort?.id ?? null,
          status,
          activatedAt: status === "ACTIVE" ? now : null,
          queuedAt: status === "WAITLISTED" ? now : null,
        };
        const detail = { batchId, line: p.row.line };
        if (p.existing) {
          await tx.enrolment.update({ where: { id: p.existing.id }, data: { ...fields, decisionReason: null } });
          events.push({
            enrolmentId: p.existing.id,
            actorId: batch.createdById,
            action: "bulk-enrolled",
            fromStatus: p.existing.status,
            toStatus: status,
            detail,
          });
        } else {
          const id = crypto.randomUUID();
          fresh.push({ id, userId: p.user!.id, courseId, ...fields });
          events.push({
            enrolmentId: id,
            actorId: batch.createdById,
            action: "bulk-enrolled",
            fromStatus: null,
            toStatus: status,
            detail,
          });
        }
        const invitationId = invitationIds.get(p.user!.id);
        const outcome: BulkOutcome = status === "WAITLISTED" ? "waitlisted" : invitationId ? "invited" : "enrolled";
        outcomes.set(p.row.id, outcome);
        // An invitation for new accounts, the enrolment notice for the others.
        mails.push({
          id: crypto.randomUUID(),
          userId: p.user!.id,
          to: p.user!.email,
          locale: p.user!.locale,
          template: invitationId
            ? "invitation"
            : outcome === "waitlisted"
              ? "enrolment-waitlisted"
              : "enrolment-accepted",
          data: { name: p.user!.name, course: batch.course.title, ...(invitationId ? { invitationId } : {}) },
        });
      }
      if (fresh.length) await tx.enrolment.createMany({ data: fresh });
      if (events.length) await tx.enrolmentEvent.createMany({ data: events });
      if (mails.length) await tx.email.createMany({ data: mails });
      emailIds.push(...mails.map((m) => m.id!));

      // The rows' outcomes and the batch's counts, in the same transaction as the work.
      const byOutcome = new Map<BulkOutcome, string[]>();
      for (const [rowId, outcome] of outcomes) byOutcome.set(outcome, [...(byOutcome.get(outcome) ?? []), rowId]);
      for (const [outcome, ids] of byOutcome) {
        await tx.bulkEnrolmentRow.updateMany({
          where: { id: { in: ids } },
          data: {
            outcome,
            ...(outcome === "invalid" ? { problems: [{ field: "cohort", code: "cohort.unknown" }] } : {}),
          },
        });
      }
      const failed = vanished.length;
      await tx.bulkEnrolmentBatch.update({
        where: { id: batchId },
        data: { done: { increment: rows.length - failed }, failed: { increment: failed } },
      });
      return rows.length;
    },
    { timeout: 60_000 },
  );
  await dispatchEmails(emailIds);
  return { handled };
}

const NOMINATION_PROBLEMS = {
  "out-of-scope": { field: "email", code: "nomination.out-of-scope" },
  "unknown-course": { field: "cohort", code: "cohort.unknown" },
  "unknown-cohort": { field: "cohort", code: "cohort.unknown" },
  "cohort-required": { field: "cohort", code: "cohort.required" },
  "window-closed": { field: "cohort", code: "nomination.cohort-closed" },
} as const satisfies Record<string, CsvProblem>;

/**
 * The rows of a nomination file, each through `nominate` in the chunk's transaction. A new
 * person joins the agency named in the row's agency column (one of the focal point's), or
 * the focal point's only agency when the column is empty.
 */
async function applyNominationRows(
  tx: Tx,
  batch: { batchId: string; courseId: string; nominatedById: string },
  rows: {
    id: string;
    email: string;
    name: string;
    agency: string | null;
    cohort: string | null;
    cohortId: string | null;
  }[],
) {
  const nominator = await tx.user.findUnique({ where: { id: batch.nominatedById }, select: { id: true, role: true } });
  const scope = nominator?.role === "FOCAL_POINT" ? await focalScopeOf(nominator.id) : null;
  const agencies = scope
    ? await tx.agency.findMany({ where: agenciesInScope(scope), select: { id: true, name: true } })
    : [];
  const agencyByName = new Map(agencies.map((a) => [a.name.trim().toLowerCase(), a.id]));
  const emailIds: string[] = [];
  let failed = 0;
  for (const row of rows) {
    let outcome: BulkOutcome = "invalid";
    let problem: CsvProblem | null = NOMINATION_PROBLEMS["out-of-scope"];
    if (nominator && scope) {
      const agencyId = row.agency
        ? agencyByName.get(row.agency.trim().toLowerCase())
        : agencies.length === 1
          ? agencies[0]!.id
          : undefined;
      const result = await nominate({
        actor: { id: nominator.id, role: "FOCAL_POINT" },
        courseId: batch.courseId,
        cohortId: row.cohortId,
        nominee: { email: row.email, name: row.name, agencyId: agencyId ?? "" },
        scope,
        tx,
      });
      if (result.status === "nominated" || result.status === "invited" || result.status === "already") {
        outcome = result.status;
        problem = null;
        emailIds.push(...(result.emailIds ?? []));
      } else problem = NOMINATION_PROBLEMS[result.status];
    }
    if (outcome === "invalid") failed++;
    await tx.bulkEnrolmentRow.update({
      where: { id: row.id },
      data: { outcome, ...(problem ? { problems: [problem] as Prisma.InputJsonValue } : {}) },
    });
  }
  await tx.bulkEnrolmentBatch.update({
    where: { id: batch.batchId },
    data: { done: { increment: rows.length - failed }, failed: { increment: failed } },
  });
  return emailIds;
}

/** DONE once no row is left to handle. */
export async function finishBulkBatch({ batchId }: { batchId: string }) {
  const left = await prisma.bulkEnrolmentRow.count({ where: { batchId, outcome: null } });
  if (left) throw new Error(`bulk enrolment ${batchId}: ${left} rows still to apply`);
  await prisma.bulkEnrolmentBatch.updateMany({
    where: { id: batchId, status: { in: ["PENDING", "RUNNING"] } },
    data: { status: "DONE", applied: true, finishedAt: new Date() },
  });
}

/** Called once, by the worker, when bull has used up every attempt. Rows already applied stay applied. */
export async function markBulkBatchFailed({ batchId, error }: { batchId: string; error: unknown }) {
  await prisma.bulkEnrolmentBatch.updateMany({
    where: { id: batchId, status: { in: ["PENDING", "RUNNING"] } },
    data: { status: "FAILED", finishedAt: new Date(), error: error instanceof Error ? error.message : String(error) },
  });
}

/**
 * Batches whose job was lost: left PENDING for `olderThanMs`, or RUNNING without progress for
 * `runningOlderThanMs` (worker and Redis job both gone). Re-enqueuing a batch still queued is a no-op.
 */
export async function findStaleBulkBatches({
  olderThanMs,
  runningOlderThanMs = 10 * 60_000,
  limit = 100,
}: {
  olderThanMs: number;
  runningOlderThanMs?: number;
  limit?: number;
}) {
  const rows = await prisma.bulkEnrolmentBatch.findMany({
    where: {
      OR: [
        { status: "PENDING", updatedAt: { lt: new Date(Date.now() - olderThanMs) } },
        { status: "RUNNING", updatedAt: { lt: new Date(Date.now() - runningOlderThanMs) } },
      ],
    },
    select: { id: true },
    orderBy: { createdAt: "asc" },
    take: limit,
  });
  return rows.map((r) => r.id);
}

/** Shown in full up to this many rows; beyond, only rows with problems (the counts cover all). */
export const BULK_ROWS_SHOWN = 200;

/** One batch for its page: progress while it runs, the per-row report once it is finished. */
export async function getBulkBatch({ actor, batchId }: { actor: { id?: string; role: Role }; batchId: string }) {
  if (actor.role !== "ADMIN" && actor.role !== "FOCAL_POINT") throw new Response("Forbidden", { status: 403 });
  const batch = await prisma.bulkEnrolmentBatch.findUnique({
    // A focal point sees their own nomination files only.
    where: { id: batchId, ...(actor.role === "FOCAL_POINT" ? { nominatedById: actor.id ?? "-" } : {}) },
    select: {
      id: true,
      fileName: true,
      status: true,
      allOrNothing: true,
      total: true,
      done: true,
      failed: true,
      applied: true,
      error: true,
      createdAt: true,
      startedAt: true,
      finishedAt: true,
      course: { select: { title: true, slug: true } },
      createdBy: { select: { name: true } },
    },
  });
  if (!batch) throw new Response("Not found", { status: 404 });
  const finished = FINISHED.includes(batch.status);
  const counts = Object.fromEntries(BULK_OUTCOMES.map((o) => [o, 0])) as Record<BulkOutcome, number>;
  let rows: {
    line: number;
    email: string;
    name: string;
    cohort: string | null;
    outcome: BulkOutcome | null;
    problems: CsvProblem[];
  }[] = [];
  if (finished) {
    for (const g of await prisma.bulkEnrolmentRow.groupBy({ by: ["outcome"], where: { batchId }, _count: true })) {
      if (g.outcome) counts[g.outcome as BulkOutcome] = g._count;
    }
    const select = { line: true, email: true, name: true, cohort: true, outcome: true, problems: true } as const;
    const found =
      batch.total > BULK_ROWS_SHOWN
        ? await prisma.bulkEnrolmentRow.findMany({
            where: { batchId, outcome: "invalid" },
            orderBy: { line: "asc" },
            take: BULK_ROWS_SHOWN,
            select,
          })
        : await prisma.bulkEnrolmentRow.findMany({ where: { batchId }, orderBy: { line: "asc" }, select });
    rows = found.map((r) => ({ ...r, outcome: r.outcome as BulkOutcome | null, problems: r.problems as CsvProblem[] }));
  }
  return { ...batch, finished, counts, rows, rowsTruncated: finished && batch.total > BULK_ROWS_SHOWN };
}

/** The most recent batches, for /admin/enrolments. */
export async function listBulkBatches({ actor, take = 20 }: { actor: { id?: string; role: Role }; take?: number }) {
  if (actor.role !== "ADMIN" && actor.role !== "FOCAL_POINT") throw new Response("Forbidden", { status: 403 });
  return prisma.bulkEnrolmentBatch.findMany({
    where: actor.role === "FOCAL_POINT" ? { nominatedById: actor.id ?? "-" } : {},
    orderBy: { createdAt: "desc" },
    take,
    select: {
      id: true,
      fileName: true,
      status: true,
      total: true,
      done: true,
      failed: true,
      applied: true,
      createdAt: true,
      course: { select: { title: true } },
      createdBy: { select: { name: true } },
    },
  });
}

export type InvitationState =
  { status: "valid"; userId: string; name: string; email: string } | { status: "invalid" | "used" | "expired" };

export async function findInvitation(token: string): Promise<InvitationState> {
  const invitation = await prisma.invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { user: { select: { name: true, email: true } } },
  });
  if (!invitation) return { status: "invalid" };
  if (invitation.usedAt) return { status: "used" };
  if (invitation.expiresAt < new Date()) return { status: "expired" };
  return { status: "valid", userId: invitation.userId, name: invitation.user.name, email: invitation.user.email };
}

/** Sets the invited person's password once; the token cannot be used again. */
export async function acceptInvitation({ token, passwordHash }: { token: string; passwordHash: string }) {
  return prisma.$transaction(async (tx) => {
    const used = await tx.invitation.updateMany({
      where: { tokenHash: hashToken(token), usedAt: null, expiresAt: { gt: new Date() } },
      data: { usedAt: new Date() },
    });
    if (used.count !== 1) return { status: "invalid" } as const;
    const invitation = await tx.invitation.findUniqueOrThrow({
      where: { tokenHash: hashToken(token) },
      select: { userId: true },
    });
    // Following the mailed link proves the address: an invited account starts verified.
    await tx.user.update({
      where: { id: invitation.userId },
      data: { passwordHash, emailVerifiedAt: new Date() },
    });
    return { status: "accepted", userId: invitation.userId } as const;
  });
}

export async function listCoursesForBulk() {
  return prisma.course.findMany({
    where: { currentRevisionId: { not: null } },
    orderBy: { title: "asc" },
    select: { id: true, title: true, slug: true },
  });
}
