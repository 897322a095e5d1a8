/**
 * Bulk enrolment by administrators from a CSV file: every row is checked before anything is
 * written; then either every valid row is applied, or (all or nothing) none is when any row
 * is wrong. People without an account get one, with an invitation to set their password.
 */
import { createHash, randomBytes } from "node:crypto";
import type { EnrolmentStatus, Role } from "~/generated/prisma/enums";
import { prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { parseEnrolmentCsv, type CsvProblem } from "~/validation/enrolment-csv";
import { dispatchEmails } from "./email.server";
import { HOLDS_PLACE } from "./enrolments.server";

export type BulkOutcome = "enrolled" | "invited" | "waitlisted" | "already" | "invalid" | "skipped";
export type BulkRow = { line: number; email: string; name: string; cohort: string | null; outcome: BulkOutcome; problems: CsvProblem[] };
export type BulkReport = {
  applied: boolean;
  fileProblems: { line: number; code: string }[];
  rows: BulkRow[];
  counts: Record<BulkOutcome, number>;
};

const INVITATION_DAYS = 14;
const LIVE: EnrolmentStatus[] = ["PENDING", "WAITLISTED", "ACTIVE", "COMPLETED"];

export function hashToken(token: string) {
  return createHash("sha256").update(token).digest("hex");
}

function countOutcomes(rows: BulkRow[]) {
  const counts: Record<BulkOutcome, number> = { enrolled: 0, invited: 0, waitlisted: 0, already: 0, invalid: 0, skipped: 0 };
  for (const r of rows) counts[r.outcome]++;
  return counts;
}

export async function bulkEnrol({
  actor,
  courseId,
  csvText,
  allOrNothing,
}: {
  actor: { id: string; role: Role };
  courseId: string;
  csvText: string;
  allOrNothing: boolean;
}): Promise<BulkReport> {
  if (actor.role !== "ADMIN") throw new Response("Forbidden", { status: 403 });
  const course = await prisma.course.findUnique({ where: { id: courseId }, select: { id: true, title: true, cohorts: true } });
  if (!course) throw new Response("Course not found", { status: 404 });

  const parsed = parseEnrolmentCsv(csvText);
  if (parsed.fileProblems.length) return { applied: false, fileProblems: parsed.fileProblems, rows: [], counts: countOutcomes([]) };

  // Resolve cohorts and look up everyone in two queries.
  const cohortByName = new Map(course.cohorts.map((c) => [c.name.trim().toLowerCase(), c]));
  const emails = parsed.rows.map((r) => r.email).filter(Boolean);
  const users = await prisma.user.findMany({ where: { email: { in: emails } }, select: { id: true, email: true, name: true, locale: true } });
  const userByEmail = new Map(users.map((u) => [u.email, u]));
  const enrolments = await prisma.enrolment.findMany({ where: { courseId, userId: { in: users.map((u) => u.id) } }, select: { id: true, userId: true, status: true } });
  const enrolmentByUser = new Map(enrolments.map((e) => [e.userId, e]));

  const planned = parsed.rows.map((row) => {
    const problems = [...row.problems];
    let cohort = null as (typeof course.cohorts)[number] | null;
    if (row.cohort) {
      cohort = cohortByName.get(row.cohort.toLowerCase()) ?? null;
      if (!cohort && !problems.some((p) => p.field === "cohort")) problems.push({ field: "cohort", code: "cohort.unknown" });
    } else if (course.cohorts.length === 1) {
      cohort = course.cohorts[0]!;
    } else if (course.cohorts.length > 1) {
      problems.push({ field: "cohort", code: "cohort.required" });
    }
    const user = userByEmail.get(row.email) ?? null;
    const existing = user ? enrolmentByUser.get(user.id) ?? null : null;
    return { row, problems, cohort, user, existing };
  });

  const invalid = planned.filter((p) => p.problems.length);
  const report = (applied: boolean, outcome: (p: (typeof planned)[number]) => BulkOutcome): BulkReport => {
    const rows = planned.map((p) => ({ line: p.row.line, email: p.row.email, name: p.row.name, cohort: p.cohort?.name ?? p.row.cohort, outcome: outcome(p), problems: p.problems }));
    return { applied, fileProblems: [], rows, counts: countOutcomes(rows) };
  };
  if (allOrNothing && invalid.length) return report(false, (p) => (p.problems.length ? "invalid" : "skipped"));

  const toApply = planned.filter((p) => !p.problems.length && !(p.existing && LIVE.includes(p.existing.status)));
  const outcomes = new Map<(typeof planned)[number], BulkOutcome>();
  const emailIds: string[] = [];
  const tokens: { userId: string; token: string }[] = [];

  await prisma.$transaction(
    async (tx) => {
      const cohortIds = [...new Set(toApply.map((p) => p.cohort?.id ?? `course:${courseId}`))].sort();
      for (const id of cohortIds) await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`cohort:${id.startsWith("course:") ? courseId : id}`}))`;

      // New accounts (no password yet) with invitations.
      const newPeople = toApply.filter((p) => !p.user);
      const created = newPeople.map((p) => ({ id: crypto.randomUUID(), email: p.row.email, name: p.row.name, country: p.row.country, agency: p.row.agency, locale: "en" }));
      if (created.length) await tx.user.createMany({ data: created });
      newPeople.forEach((p, i) => {
        p.user = { id: created[i]!.id, email: created[i]!.email, name: created[i]!.name, locale: "en" };
        tokens.push({ userId: created[i]!.id, token: randomBytes(24).toString("base64url") });
      });
      const expiresAt = new Date(Date.now() + INVITATION_DAYS * 24 * 3600 * 1000);
      if (tokens.length) await tx.invitation.createMany({ data: tokens.map((t) => ({ userId: t.userId, tokenHash: hashToken(t.token), expiresAt })) });

      // Places: allocate in file order, per cohort.
      const taken = new Map<string, number>();
      for (const p of toApply) {
        const key = p.cohort?.id ?? "";
        if (!taken.has(key)) taken.set(key, await tx.enrolment.count({ where: { courseId, cohortId: p.cohort?.id ?? null, status: { in: HOLDS_PLACE } } }));
      }
      const now = new Date();
      const fresh: { id: string; userId: string; courseId: string; cohortId: string | null; status: EnrolmentStatus; activatedAt: Date | null; queuedAt: Date | null }[] = [];
      const events: { enrolmentId: string; actorId: string; action: string; fromStatus: EnrolmentStatus | null; toStatus: EnrolmentStatus }[] = [];
      for (const p of toApply) {
        const key = p.cohort?.id ?? "";
        const capacity = p.cohort?.capacity ?? null;
        const count = taken.get(key)!;
        const status: EnrolmentStatus = capacity && count >= capacity ? "WAITLISTED" : "ACTIVE";
        if (status === "ACTIVE") taken.set(key, count + 1);
        const fields = { cohortId: p.cohort?.id ?? null, status, activatedAt: status === "ACTIVE" ? now : null, queuedAt: status === "WAITLISTED" ? now : null };
        if (p.existing) {
          await tx.enrolment.update({ where: { id: p.existing.id }, data: { ...fields, decisionReason: null } });
          events.push({ enrolmentId: p.existing.id, actorId: actor.id, action: "bulk-enrolled", fromStatus: p.existing.status, toStatus: status });
        } else {
          const id = crypto.randomUUID();
          fresh.push({ id, userId: p.user!.id, courseId, ...fields });
          events.push({ enrolmentId: id, actorId: actor.id, action: "bulk-enrolled", fromStatus: null, toStatus: status });
        }
        outcomes.set(p, status === "WAITLISTED" ? "waitlisted" : p.existing || userByEmail.has(p.row.email) ? "enrolled" : "invited");
      }
      if (fresh.length) await tx.enrolment.createMany({ data: fresh });
      if (events.length) await tx.enrolmentEvent.createMany({ data: events });

      // Emails: an invitation for new accounts, the enrolment notice for the others.
      const tokenByUser = new Map(tokens.map((t) => [t.userId, t.token]));
      const mails = toApply.map((p) => {
        const token = tokenByUser.get(p.user!.id);
        return {
          id: crypto.randomUUID(),
          userId: p.user!.id,
          to: p.user!.email,
          locale: p.user!.locale,
          template: token ? "invitation" : outcomes.get(p) === "waitlisted" ? "enrolment-waitlisted" : "enrolment-accepted",
          data: { name: p.user!.name, course: course.title, ...(token ? { inviteUrl: `${env().APP_URL}/invite/${token}` } : {}) },
        };
      });
      if (mails.length) await tx.email.createMany({ data: mails });
      emailIds.push(...mails.map((m) => m.id));
    },
    { timeout: 120_000 },
  );
  await dispatchEmails(emailIds);
  return report(true, (p) => (p.problems.length ? "invalid" : outcomes.get(p) ?? "already"));
}

export type InvitationState = { status: "valid"; userId: string; name: string; email: string } | { status: "invalid" | "used" | "expired" };

export async function findInvitation(token: string): Promise<InvitationState> {
  const invitation = await prisma.invitation.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: { select: { name: true, email: true } } } });
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
    const invitation = await tx.invitation.findUniqueOrThrow({ where: { tokenHash: hashToken(token) }, select: { userId: true } });
    await tx.user.update({ where: { id: invitation.userId }, data: { passwordHash } });
    return { status: "accepted", userId: invitation.userId } as const;
  });
}

export async function listCoursesForBulk() {
  return prisma.course.findMany({ where: { currentRevisionId: { not: null } }, orderBy: { title: "asc" }, select: { id: true, title: true, slug: true } });
}
