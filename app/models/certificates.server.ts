/**
 * Certificates: issued at completion (policy "automatic") or by an administrator's approval,
 * generated in the background (PDF + signed credential), verified by anyone, revoked and
 * re-issued by administrators.
 *
 * PostgreSQL is the source of truth: a certificate row is written PENDING in the same
 * transaction as the decision that issues it, and the worker turns it READY (or FAILED).
 * (completionId, generation) is unique, so issuing the same decision twice cannot make two.
 * Jobs are enqueued after commit; a lost job is found again by the reconciler.
 */
import { randomInt } from "node:crypto";
import { zipSync } from "fflate";
import type { Prisma } from "~/generated/prisma/client";
import type { CertificateStatus, Role } from "~/generated/prisma/enums";
import { enqueueCertificates } from "../../jobs/queues";
import { env } from "~/utils/env.server";
import { prisma } from "~/utils/db.server";
import { cleanOneLine } from "~/validation/text";
import { recordAudit } from "./audit.server";

type Tx = Prisma.TransactionClient;
type Actor = { id: string; role: Role };

/** The name and job title printed for an administrator who issues. */
async function issuerOf(admin: Actor) {
  const me = await prisma.user.findUniqueOrThrow({ where: { id: admin.id }, select: { name: true, title: true } });
  return { id: admin.id, name: me.name, title: me.title || "Administrator" };
}

// ------------------------------------------------------------------ serials and bands

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A serial such as HDG-2026-7K4Q-9XPM: short enough to read out on the phone, 40 random bits. */
export function newSerial(now = new Date()) {
  const block = () => Array.from({ length: 4 }, () => CROCKFORD[randomInt(32)]).join("");
  return `HDG-${now.getUTCFullYear()}-${block()}-${block()}`;
}

/** Score band printed when the course has a final assessment (keys translated at render time). */
export function scoreBand(percent: number | null): "distinction" | "merit" | "pass" | null {
  if (percent === null) return null;
  if (percent >= 90) return "distinction";
  if (percent >= 75) return "merit";
  return "pass";
}

// ------------------------------------------------------------------ issuing

type CompletionForIssue = {
  id: string;
  completedAt: Date;
  enrolment: {
    userId: string;
    courseId: string;
    user: { name: string; locale: string };
    course: { title: string; texts: unknown; sourceLocale: string; hours: number; certificatePolicy: string };
  };
};

const completionSelect = {
  id: true,
  completedAt: true,
  enrolment: {
    select: {
      userId: true,
      courseId: true,
      user: { select: { name: true, locale: true } },
      course: { select: { title: true, texts: true, sourceLocale: true, hours: true, certificatePolicy: true } },
    },
  },
} as const;

/** Best graded percent in each course's final assessment, per (course, learner). */
async function bestFinalPercents(tx: Tx, pairs: { userId: string; courseId: string }[]) {
  const courseIds = [...new Set(pairs.map((p) => p.courseId))];
  const finals = await tx.assessment.findMany({
    where: { courseId: { in: courseIds }, final: true, archivedAt: null },
    select: { id: true, courseId: true },
  });
  const best = new Map<string, number | null>();
  if (finals.length === 0) return best;
  const rows = await tx.attempt.groupBy({
    by: ["assessmentId", "userId"],
    where: {
      assessmentId: { in: finals.map((f) => f.id) },
      userId: { in: [...new Set(pairs.map((p) => p.userId))] },
      status: "GRADED",
    },
    _max: { percent: true },
  });
  const courseOf = new Map(finals.map((f) => [f.id, f.courseId]));
  for (const r of rows) best.set(`${courseOf.get(r.assessmentId)}:${r.userId}`, r._max.percent ?? null);
  return best;
}

/**
 * Writes one PENDING certificate per completion (in the caller's transaction), in a few
 * statements whatever their number. A completion that already has this generation is skipped
 * (the unique constraint); a rare serial collision is retried with a fresh serial.
 * Returns the ids of the certificates created.
 */
async function createCertificates(
  tx: Tx,
  {
    completions,
    issuer,
    generation = 1,
    batchId = null,
  }: {
    completions: CompletionForIssue[];
    issuer: { id: string | null; name: string; title: string };
    generation?: number;
    batchId?: string | null;
  },
) {
  if (completions.length === 0) return [];
  const months = env().CERTIFICATE_VALID_MONTHS;
  const issuedAt = new Date();
  const validUntil = months
    ? new Date(Date.UTC(issuedAt.getUTCFullYear(), issuedAt.getUTCMonth() + months, issuedAt.getUTCDate()))
    : null;
  const best = await bestFinalPercents(
    tx,
    completions.map((c) => ({ userId: c.enrolment.userId, courseId: c.enrolment.courseId })),
  );
  const rowFor = (completion: CompletionForIssue) => {
    const { enrolment } = completion;
    const texts = enrolment.course.texts as Record<string, { title: string }>;
    const locale = ["en", "fr", "ar"].includes(enrolment.user.locale) ? enrolment.user.locale : "en";
    return {
      serial: newSerial(issuedAt),
      completionId: completion.id,
      generation,
      userId: enrolment.userId,
      courseId: enrolment.courseId,
      learnerName: enrolment.user.name,
      courseTitle: texts[locale]?.title ?? texts[enrolment.course.sourceLocale]?.title ?? enrolment.course.title,
      hours: enrolment.course.hours,
      completedAt: completion.completedAt,
      scoreBand: scoreBand(best.get(`${enrolment.courseId}:${enrolment.userId}`) ?? null),
      locale,
      issuerName: issuer.name,
      issuerTitle: issuer.title,
      issuedById: issuer.id,
      issuedAt,
      validUntil,
      batchId,
    };
  };
  const ids: string[] = [];
  let todo = completions;
  for (let tries = 0; todo.length > 0 && tries < 5; tries++) {
    const created = await tx.certificate.createManyAndReturn({
      data: todo.map(rowFor),
      skipDuplicates: true,
      select: { id: true, completionId: true },
    });
    ids.push(...created.map((c) => c.id));
    // Rows skipped by skipDuplicates: a duplicate issue (fine) or a serial collision (retry).
    const done = new Set(created.map((c) => c.completionId));
    const skipped = todo.filter((c) => !done.has(c.id));
    if (skipped.length === 0) break;
    const existing = await tx.certificate.findMany({
      where: { completionId: { in: skipped.map((c) => c.id) }, generation },
      select: { completionId: true },
    });
    const duplicate = new Set(existing.map((e) => e.completionId));
    todo = skipped.filter((c) => !duplicate.has(c.id));
  }
  return ids;
}

/** One completion's certificate (completion, or a re-issue). */
async function createCertificate(
  tx: Tx,
  {
    completion,
    ...rest
  }: {
    completion: CompletionForIssue;
    issuer: { id: string | null; name: string; title: string };
    generation?: number;
    batchId?: string | null;
  },
) {
  const [id] = await createCertificates(tx, { completions: [completion], ...rest });
  return id ?? null;
}

/**
 * After commit: queue the certificates' jobs. A Redis outage is not the caller's error: the
 * rows stay PENDING and the worker's reconciler queues them later.
 */
export async function generateAfterCommit(certificateIds: (string | null)[]) {
  const ids = certificateIds.filter((id): id is string => Boolean(id));
  if (ids.length === 0) return;
  await enqueueCertificates(ids).catch((error: unknown) =>
    console.error("certificates: enqueue failed, the reconciler will retry", error),
  );
}

function signatory() {
  const config = env();
  return { id: null, name: config.CERTIFICATE_SIGNATORY_NAME, title: config.CERTIFICATE_SIGNATORY_TITLE };
}

/**
 * The hand-over from progress: called in the transaction that completes a course. Returns the
 * certificate to generate (policy "automatic"), or null when it waits for an administrator.
 */
export async function issueOnCompletion(tx: Tx, { completionId }: { completionId: string }) {
  const completion = await tx.courseCompletion.findUniqueOrThrow({
    where: { id: completionId },
    select: completionSelect,
  });
  if (completion.enrolment.course.certificatePolicy === "approval") {
    await tx.courseCompletion.update({ where: { id: completionId }, data: { certificateState: "AWAITING_APPROVAL" } });
    return null;
  }
  return createCertificate(tx, { completion, issuer: signatory() });
}

export type ApproveResult = { status: "approved"; certificateIds: string[]; batchId: string | null; skipped: number };

/**
 * Approves completions waiting for a certificate: each gets one (a completion approved twice,
 * from two tabs or two administrators, gets one). Several at once form a batch with progress.
 */
export async function approveCompletions({
  admin,
  completionIds,
  courseId,
  cohortId = null,
}: {
  admin: Actor;
  completionIds: string[];
  courseId: string;
  cohortId?: string | null;
}): Promise<ApproveResult> {
  if (admin.role !== "ADMIN") throw new Response("Forbidden", { status: 403 });
  const ids = [...new Set(completionIds)];
  const issuer = await issuerOf(admin);
  const result = await prisma.$transaction(
    async (tx) => {
      const claimed = await tx.courseCompletion.updateManyAndReturn({
        where: { id: { in: ids }, certificateState: "AWAITING_APPROVAL", enrolment: { courseId } },
        data: { certificateState: "ISSUED", decidedById: admin.id, decidedAt: new Date() },
        select: { id: true },
      });
      const batch =
        claimed.length > 1
          ? await tx.certificateBatch.create({
              data: { courseId, cohortId, createdById: admin.id, total: claimed.length },
              select: { id: true },
            })
          : null;
      const completions = await tx.courseCompletion.findMany({
        where: { id: { in: claimed.map((c) => c.id) } },
        select: completionSelect,
      });
      const certificateIds = await createCertificates(tx, { completions, issuer, batchId: batch?.id ?? null });
      await recordAudit(
        {
          actorId: admin.id,
          action: "certificates.approved",
          detail: { courseId, cohortId, count: certificateIds.length, batchId: batch?.id ?? null },
        },
        tx,
      );
      return {
        status: "approved",
        certificateIds,
        batchId: batch?.id ?? null,
        skipped: ids.length - claimed.length,
      } as const;
    },
    { timeout: 120_000 },
  );
  await generateAfterCommit(result.certificateIds);
  return result;
}

/** Every completion of a cohort (or of the course without a cohort) still waiting. */
export async function waitingCompletionIds({ courseId, cohortId }: { courseId: string; cohortId: string | null }) {
  const rows = await prisma.courseCompletion.findMany({
    where: { certificateState: "AWAITING_APPROVAL", enrolment: { courseId, cohortId } },
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

export async function declineCompletions({
  admin,
  completionIds,
  courseId,
  reason,
}: {
  admin: Actor;
  completionIds: string[];
  courseId: string;
  reason: string;
}) {
  if (admin.role !== "ADMIN") throw new Response("Forbidden", { status: 403 });
  const updated = await prisma.courseCompletion.updateMany({
    where: { id: { in: completionIds }, certificateState: "AWAITING_APPROVAL", enrolment: { courseId } },
    data: { certificateState: "DECLINED", declinedReason: reason.trim(), decidedById: admin.id, decidedAt: new Date() },
  });
  await recordAudit({
    actorId: admin.id,
    action: "certificates.declined",
    detail: { courseId, count: updated.count, reason },
  });
  return { status: "declined", count: updated.count } as const;
}

/** Completions waiting for an administrator, by course and cohort. */
export async function approvalQueue() {
  const rows = await prisma.courseCompletion.findMany({
    where: { certificateState: "AWAITING_APPROVAL" },
    orderBy: { completedAt: "asc" },
    select: {
      id: true,
      completedAt: true,
      enrolment: {
        select: {
          user: { select: { name: true, email: true, agency: true, country: true } },
          course: { select: { id: true, slug: true, title: true } },
          cohort: { select: { id: true, name: true } },
        },
      },
    },
    take: 2000,
  });
  const groups = new Map<
    string,
    {
      courseId: string;
      courseSlug: string;
      courseTitle: string;
      cohortId: string | null;
      cohortName: string | null;
      items: typeof rows;
    }
  >();
  for (const row of rows) {
    const { course, cohort } = row.enrolment;
    const key = `${course.id}:${cohort?.id ?? ""}`;
    const group = groups.get(key) ?? {
      courseId: course.id,
      courseSlug: course.slug,
      courseTitle: course.title,
      cohortId: cohort?.id ?? null,
      cohortName: cohort?.name ?? null,
      items: [],
    };
    group.items.push(row);
    groups.set(key, group);
  }
  return [...groups.values()];
}

// ------------------------------------------------------------------ revoke and re-issue

export async function revokeCertificate({ admin, serial, reason }: { admin: Actor; serial: string; reason: string }) {
  if (admin.role !== "ADMIN") throw new Response("Forbidden", { status: 403 });
  const updated = await prisma.certificate.updateMany({
    where: { serial, revokedAt: null },
    data: { revokedAt: new Date(), revokedReason: reason.trim(), revokedById: admin.id },
  });
  if (updated.count === 0)
    return {
      status: (await prisma.certificate.count({ where: { serial } })) ? "already-revoked" : "not-found",
    } as const;
  await recordAudit({ actorId: admin.id, action: "certificates.revoked", detail: { serial, reason } });
  return { status: "revoked" } as const;
}

/** A new certificate (next generation) for the same completion; the old serial says it was superseded. */
export async function reissueCertificate({ admin, serial }: { admin: Actor; serial: string }) {
  if (admin.role !== "ADMIN") throw new Response("Forbidden", { status: 403 });
  const issuer = await issuerOf(admin);
  const result = await prisma.$transaction(async (tx) => {
    const old = await tx.certificate.findUnique({
      where: { serial },
      select: { id: true, completionId: true, generation: true, supersededById: true },
    });
    if (!old) return { status: "not-found" } as const;
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`completion:${old.completionId}`}))`;
    const current = await tx.certificate.findFirstOrThrow({
      where: { completionId: old.completionId },
      orderBy: { generation: "desc" },
      select: { id: true, generation: true, serial: true },
    });
    if (current.id !== old.id) return { status: "already-superseded", serial: current.serial } as const;
    const completion = await tx.courseCompletion.findUniqueOrThrow({
      where: { id: old.completionId },
      select: completionSelect,
    });
    const id = await createCertificate(tx, { completion, issuer, generation: old.generation + 1 });
    const created = await tx.certificate.findUniqueOrThrow({ where: { id: id! }, select: { id: true, serial: true } });
    await tx.certificate.update({
      where: { id: old.id },
      data: {
        supersededById: created.id,
        revokedAt: new Date(),
        revokedReason: `superseded by ${created.serial}`,
        revokedById: admin.id,
      },
    });
    await recordAudit(
      { actorId: admin.id, action: "certificates.reissued", detail: { from: serial, to: created.serial } },
      tx,
    );
    return { status: "reissued", certificateId: created.id, serial: created.serial } as const;
  });
  if (result.status === "reissued") await generateAfterCommit([result.certificateId]);
  return result;
}

// ------------------------------------------------------------------ generation (the worker)

export async function certificateForGeneration(certificateId: string) {
  return prisma.certificate.findUnique({
    where: { id: certificateId },
    include: {
      user: { select: { email: true, name: true, locale: true } },
      course: { select: { slug: true, texts: true, sourceLocale: true } },
    },
  });
}

/**
 * Marks the certificate READY and, in the same transaction, lets the caller write what must
 * exist exactly when it is READY (the "certificate ready" email row): a worker dying in between
 * cannot leave a READY certificate whose email was never written. Conditional, so a duplicate
 * job finishing second changes nothing. Returns the caller's result, or null if it was already READY.
 */
export async function markCertificateReady<T>({
  certificateId,
  pdf,
  sha256,
  credential,
  onReady,
}: {
  certificateId: string;
  pdf: Uint8Array;
  sha256: string;
  credential: unknown;
  onReady: (tx: Tx) => Promise<T>;
}): Promise<T | null> {
  return prisma.$transaction(async (tx) => {
    const updated = await tx.certificate.updateMany({
      where: { id: certificateId, status: { not: "READY" } },
      data: {
        status: "READY",
        pdf: new Uint8Array(pdf),
        pdfBytes: pdf.byteLength,
        pdfSha256: sha256,
        credential: credential as Prisma.InputJsonValue,
        readyAt: new Date(),
        error: null,
      },
    });
    if (updated.count !== 1) return null;
    return onReady(tx);
  });
}

export async function recordCertificateAttempt({
  certificateId,
  error,
  final,
}: {
  certificateId: string;
  error: string;
  final: boolean;
}) {
  await prisma.certificate.updateMany({
    where: { id: certificateId, status: { not: "READY" } },
    data: {
      attempts: { increment: 1 },
      error: error.slice(0, 2000),
      ...(final ? { status: "FAILED" as CertificateStatus } : {}),
    },
  });
}

/** Certificates left PENDING (a lost Redis job, a crashed worker) for the reconciler. */
export async function findStalePendingCertificates({
  olderThanMs,
  limit = 1000,
}: {
  olderThanMs: number;
  limit?: number;
}) {
  const rows = await prisma.certificate.findMany({
    where: { status: "PENDING", updatedAt: { lt: new Date(Date.now() - olderThanMs) } },
    select: { id: true },
    take: limit,
    orderBy: { createdAt: "asc" },
  });
  return rows.map((r) => r.id);
}

/** Failed certificates (of a batch, or one) go back to PENDING and are queued again. */
export async function retryFailedCertificates({
  admin,
  batchId,
  certificateId,
}: {
  admin: Actor;
  batchId?: string;
  certificateId?: string;
}) {
  if (admin.role !== "ADMIN") throw new Response("Forbidden", { status: 403 });
  const rows = await prisma.certificate.updateManyAndReturn({
    where: { status: "FAILED", ...(batchId ? { batchId } : {}), ...(certificateId ? { id: certificateId } : {}) },
    data: { status: "PENDING", attempts: 0, error: null },
    select: { id: true },
  });
  const ids = rows.map((r) => r.id);
  await generateAfterCommit(ids);
  return ids;
}

// ------------------------------------------------------------------ reading

export async function batchProgress({ batchId }: { batchId: string }) {
  const batch = await prisma.certificateBatch.findUnique({
    where: { id: batchId },
    include: { course: { select: { title: true, slug: true } } },
  });
  if (!batch) throw new Response("Not found", { status: 404 });
  const counts = await prisma.certificate.groupBy({ by: ["status"], where: { batchId }, _count: true });
  const count = (s: CertificateStatus) => counts.find((c) => c.status === s)?._count ?? 0;
  const failed = await prisma.certificate.findMany({
    where: { batchId, status: "FAILED" },
    select: { id: true, serial: true, learnerName: true, error: true },
  });
  const ready = count("READY");
  return {
    batch,
    total: batch.total,
    ready,
    failed: count("FAILED"),
    pending: count("PENDING"),
    failures: failed,
    finished: ready + count("FAILED") === batch.total,
  };
}

/** The batch's PDFs in one ZIP (ready ones only), named by serial and learner. */
export async function batchZip({ batchId }: { batchId: string }) {
  // An unknown batch is a 404, not an empty ZIP that looks like a batch with nothing ready.
  const batch = await prisma.certificateBatch.findUnique({ where: { id: batchId }, select: { id: true } });
  if (!batch) throw new Response("Not found", { status: 404 });
  const rows = await prisma.certificate.findMany({
    where: { batchId, status: "READY" },
    select: { serial: true, learnerName: true, pdf: true },
  });
  const files: Record<string, Uint8Array> = {};
  for (const r of rows) {
    const safe = cleanOneLine(r.learnerName)
      .normalize("NFC")
      .replace(/[\\/:*?"<>|\u0000-\u001f]/g, "_")
      .slice(0, 80);
    files[`${r.serial} ${safe}.pdf`] = new Uint8Array(r.pdf!);
  }
  // PDFs are already compressed: store them (level 0) and keep the ZIP fast.
  return zipSync(files, { level: 0 });
}

/** Downloads: the holder or an administrator; anyone else gets 404 (no hint that it exists). */
export async function certificateDownload({ serial, viewer }: { serial: string; viewer: { id: string; role: Role } }) {
  const c = await prisma.certificate.findUnique({
    where: { serial },
    select: { userId: true, status: true, pdf: true, credential: true, learnerName: true },
  });
  if (!c || (c.userId !== viewer.id && viewer.role !== "ADMIN")) throw new Response("Not found", { status: 404 });
  if (c.status !== "READY") throw new Response("Not ready", { status: 409 });
  return { pdf: c.pdf!, credential: c.credential, learnerName: c.learnerName };
}

export type VerificationStatus = "valid" | "revoked" | "superseded" | "expired" | "pending";

/** What /verify/<serial> shows: everything printed on the certificate and its status. Public. */
export async function verificationRecord({ serial }: { serial: string }) {
  const c = await prisma.certificate.findUnique({
    where: { serial },
    include: { supersededBy: { select: { serial: true } }, course: { select: { slug: true } } },
  });
  if (!c) return null;
  const status: VerificationStatus = c.supersededBy
    ? "superseded"
    : c.revokedAt
      ? "revoked"
      : c.status !== "READY"
        ? "pending"
        : c.validUntil && c.validUntil < new Date()
          ? "expired"
          : "valid";
  return {
    serial: c.serial,
    status,
    // After the holder deleted their account: their initials, unless they kept their name (decision 018).
    learnerName: c.holderNameShown ?? c.learnerName,
    courseTitle: c.courseTitle,
    courseSlug: c.course.slug,
    hours: c.hours,
    completedAt: c.completedAt,
    scoreBand: c.scoreBand,
    issuerName: c.issuerName,
    issuerTitle: c.issuerTitle,
    issuedAt: c.issuedAt,
    validUntil: c.validUntil,
    revokedAt: c.revokedAt,
    revokedReason: c.supersededBy ? null : c.revokedReason,
    supersededBy: c.supersededBy?.serial ?? null,
    statusIndex: c.statusIndex,
  };
}

/** Status-list positions of every revoked (or superseded) certificate. */
export async function revokedStatusIndexes() {
  const rows = await prisma.certificate.findMany({
    where: { revokedAt: { not: null } },
    select: { statusIndex: true },
  });
  return rows.map((r) => r.statusIndex);
}

/** The learner's certificates by course, for the dashboard. */
export async function certificatesOfUser({ userId }: { userId: string }) {
  return prisma.certificate.findMany({
    where: { userId, supersededById: null },
    orderBy: { issuedAt: "desc" },
    select: {
      serial: true,
      status: true,
      courseId: true,
      revokedAt: true,
      readyAt: true,
      verificationCount: true,
      issuedAt: true,
      completedAt: true,
      pdfBytes: true,
      scoreBand: true,
    },
  });
}

/**
 * Counts one look at /verify/<serial> (a single UPDATE, shown to the holder on their
 * dashboard); the holder's own looks do not count.
 */
export async function countVerification({ serial, viewerId }: { serial: string; viewerId: string | null }) {
  await prisma.certificate.updateMany({
    where: { serial, ...(viewerId ? { userId: { not: viewerId } } : {}) },
    data: { verificationCount: { increment: 1 } },
  });
}

/** Recent certificates for the administrators' list. */
export async function recentCertificates({ q, take = 50 }: { q?: string | null; take?: number }) {
  return prisma.certificate.findMany({
    where: q
      ? { OR: [{ serial: { contains: q.toUpperCase() } }, { learnerName: { contains: q, mode: "insensitive" } }] }
      : {},
    orderBy: { issuedAt: "desc" },
    take,
    select: {
      serial: true,
      learnerName: true,
      courseTitle: true,
      status: true,
      issuedAt: true,
      revokedAt: true,
      supersededById: true,
      error: true,
      batchId: true,
    },
  });
}

/** Everything an administrator sees about one certificate (no PDF bytes). */
export async function certificateAdminView({ serial }: { serial: string }) {
  const c = await prisma.certificate.findUnique({
    where: { serial },
    select: {
      id: true,
      serial: true,
      status: true,
      learnerName: true,
      courseTitle: true,
      completedAt: true,
      issuerName: true,
      issuerTitle: true,
      issuedAt: true,
      readyAt: true,
      revokedAt: true,
      revokedReason: true,
      attempts: true,
      error: true,
      pdfBytes: true,
      user: { select: { email: true } },
      supersededBy: { select: { serial: true } },
    },
  });
  if (!c) throw new Response("Not found", { status: 404 });
  const { user, supersededBy, ...rest } = c;
  return { ...rest, email: user.email, supersededBy: supersededBy?.serial ?? null };
}

/** The job title an administrator signs with (shown, and edited, on the certificates page). */
export async function signatoryTitle({ userId }: { userId: string }) {
  return (await prisma.user.findUnique({ where: { id: userId }, select: { title: true } }))?.title ?? null;
}

export async function setSignatoryTitle({ userId, title }: { userId: string; title: string }) {
  await prisma.user.update({ where: { id: userId }, data: { title } });
  await recordAudit({ actorId: userId, targetId: userId, action: "users.title-changed", detail: { title } });
}
