/**
 * Enrolment: open, key and approval policies, cohorts with windows and capacity, the waiting
 * list, withdrawals, removals and moves, each change kept as an EnrolmentEvent.
 */
import { Prisma } from "~/generated/prisma/client";
import type { EnrolmentStatus, Role } from "~/generated/prisma/enums";
import { prisma } from "~/utils/db.server";
import { failureLimit } from "~/utils/rate-limit.server";
import { canManageCourse, requireCourseManager } from "./course-access.server";
import { createEmailRow, dispatchEmail } from "./email.server";
import { recordAudit } from "./audit.server";
import { mailNominationStep } from "./nomination-mail.server";
import { admission, promotionOrder, seatOf, type Seat } from "./quotas.server";

type Actor = { id: string; role: Role };
type Tx = Prisma.TransactionClient;

export const HOLDS_PLACE: EnrolmentStatus[] = ["ACTIVE", "COMPLETED"];
export const LIVE: EnrolmentStatus[] = ["AWAITING_ENDORSEMENT", "PENDING", "WAITLISTED", "ACTIVE", "COMPLETED"];
/** Enrolments that are over: they no longer tie anyone to a cohort. */
const ENDED: EnrolmentStatus[] = ["REJECTED", "WITHDRAWN", "REMOVED"];
export const KEY_ATTEMPTS = { limit: 5, windowSeconds: 15 * 60 };

export type WindowState = "open" | "not-yet-open" | "closed";

export function cohortWindow(
  cohort: { enrolmentOpensAt: Date | null; enrolmentClosesAt: Date | null },
  now = new Date(),
): WindowState {
  if (cohort.enrolmentOpensAt && now < cohort.enrolmentOpensAt) return "not-yet-open";
  if (cohort.enrolmentClosesAt && now > cohort.enrolmentClosesAt) return "closed";
  return "open";
}

export async function lockCohort(tx: Tx, cohortId: string | null, courseId: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`cohort:${cohortId ?? courseId}`}))`;
}

async function placesTaken(tx: Tx, courseId: string, cohortId: string | null) {
  return tx.enrolment.count({ where: { courseId, cohortId, status: { in: HOLDS_PLACE } } });
}

export async function recordEvent(
  tx: Tx,
  input: {
    enrolmentId: string;
    actorId: string | null;
    action: string;
    fromStatus?: EnrolmentStatus | null;
    toStatus?: EnrolmentStatus | null;
    detail?: Record<string, unknown>;
  },
) {
  await tx.enrolmentEvent.create({
    data: {
      enrolmentId: input.enrolmentId,
      actorId: input.actorId,
      action: input.action,
      fromStatus: input.fromStatus ?? null,
      toStatus: input.toStatus ?? null,
      detail: (input.detail ?? {}) as Prisma.InputJsonValue,
    },
  });
}

/**
 * The next status for someone admitted: a place if one is free (and their country's and
 * agency's quotas allow it, quotas.server.ts), else the waiting list.
 */
async function admittedStatus(
  tx: Tx,
  courseId: string,
  cohortRef: { id: string } | null,
  userId: string,
): Promise<EnrolmentStatus> {
  if (!cohortRef) return "ACTIVE";
  const cohort = await tx.cohort.findUnique({ where: { id: cohortRef.id } });
  if (!cohort) return "ACTIVE";
  return (await admission(tx, cohort, await seatOf(tx, userId))).status;
}

export function statusTimestamps(status: EnrolmentStatus) {
  const now = new Date();
  return {
    ...(status === "ACTIVE" ? { activatedAt: now, queuedAt: null } : {}),
    ...(status === "WAITLISTED" ? { queuedAt: now } : {}),
  };
}

export type EnrolResult =
  | { status: "enrolled" | "applied" | "waitlisted" }
  | { status: "already"; current: EnrolmentStatus }
  | { status: "cohort-required" | "unknown-cohort" | "window-not-open" | "window-closed" | "no-way-in" }
  | { status: "bad-key" }
  | { status: "key-rate-limited"; retryAfterSeconds: number }
  | { status: "justification-required" }
  | { status: "no-focal-point" }
  | { status: "unverified" }
  | { status: "restricted" };

async function publishedCourse(slug: string) {
  const course = await prisma.course.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      title: true,
      enrolmentPolicy: true,
      audience: true,
      currentRevisionId: true,
      cohorts: true,
    },
  });
  if (!course?.currentRevisionId) throw new Response("Course not found", { status: 404 });
  return course;
}

/** A learner's own enrolment request, by the course's policy. */
export async function enrol({
  user,
  courseSlug,
  cohortId,
  key,
  justification,
}: {
  user: Actor;
  courseSlug: string;
  cohortId?: string | null;
  key?: string | null;
  justification?: string | null;
}): Promise<EnrolResult> {
  const course = await publishedCourse(courseSlug);
  // Until the sign-up link is followed, an account may read but not enrol or apply.
  const verified = await prisma.user.findUnique({
    where: { id: user.id },
    select: { emailVerifiedAt: true, vettingStatus: true },
  });
  if (!verified?.emailVerifiedAt) return { status: "unverified" };
  // A restricted course takes vetted officers only (docs/decisions/026), whatever the page showed.
  if (course.audience === "vetted" && verified.vettingStatus !== "VERIFIED") return { status: "restricted" };
  const existing = await prisma.enrolment.findUnique({
    where: { userId_courseId: { userId: user.id, courseId: course.id } },
  });
  if (existing && LIVE.includes(existing.status)) return { status: "already", current: existing.status };

  let cohort: (typeof course.cohorts)[number] | null = null;
  if (course.cohorts.length) {
    const open = course.cohorts.filter((c) => cohortWindow(c) === "open");
    cohort = cohortId ? (course.cohorts.find((c) => c.id === cohortId) ?? null) : open.length === 1 ? open[0]! : null;
    if (cohortId && !cohort) return { status: "unknown-cohort" };
    if (!cohort)
      return {
        status: open.length
          ? "cohort-required"
          : course.cohorts.some((c) => cohortWindow(c) === "not-yet-open")
            ? "window-not-open"
            : "window-closed",
      };
    const window = cohortWindow(cohort);
    if (window === "not-yet-open") return { status: "window-not-open" };
    if (window === "closed") return { status: "window-closed" };
  }

  const policy = course.enrolmentPolicy;
  if (policy === "key") {
    if (!cohort?.enrolmentKey) return { status: "no-way-in" };
    const limiter = failureLimit({ bucket: `enrolment-key:${course.id}:${user.id}`, ...KEY_ATTEMPTS });
    // The guess is counted before it is compared: concurrent guesses cannot overshoot the limit.
    const gate = await limiter.attempt();
    if (!gate.allowed) return { status: "key-rate-limited", retryAfterSeconds: gate.retryAfterSeconds };
    if ((key ?? "").trim() !== cohort.enrolmentKey) return { status: "bad-key" };
    await limiter.succeeded();
  }
  if (policy === "approval" && (justification ?? "").trim().length < 10) return { status: "justification-required" };
  // Nomination courses: an application waits for the officer's focal point first (nominations.server.ts).
  const officer =
    policy === "nomination"
      ? await prisma.user.findUniqueOrThrow({
          where: { id: user.id },
          select: { id: true, email: true, name: true, locale: true, agencyId: true },
        })
      : null;

  const emailIds: string[] = [];
  const result = await prisma.$transaction(async (tx) => {
    await lockCohort(tx, cohort?.id ?? null, course.id);
    // The cohort may have been deleted while we waited for its lock.
    if (cohort && !(await tx.cohort.findUnique({ where: { id: cohort.id }, select: { id: true } })))
      return { status: "unknown-cohort" } as const;
    if (officer) {
      const mails = await mailNominationStep(tx, {
        officer,
        course: course.title,
        focalTemplate: "nomination-applied",
      });
      if (!mails.length) return { status: "no-focal-point" } as const;
      emailIds.push(...mails);
    }
    const status: EnrolmentStatus =
      policy === "approval"
        ? "PENDING"
        : policy === "nomination"
          ? "AWAITING_ENDORSEMENT"
          : await admittedStatus(tx, course.id, cohort, user.id);
    const data = {
      status,
      cohortId: cohort?.id ?? null,
      justification: policy === "approval" || policy === "nomination" ? justification?.trim() || null : null,
      decisionReason: null,
      decidedAt: null,
      decidedById: null,
      nominatedById: null,
      endorsedById: null,
      endorsedAt: null,
      ...statusTimestamps(status),
    };
    const row = existing
      ? await tx.enrolment.update({ where: { id: existing.id }, data })
      : await tx.enrolment.create({ data: { userId: user.id, courseId: course.id, ...data } });
    await recordEvent(tx, {
      enrolmentId: row.id,
      actorId: user.id,
      action: policy === "approval" || policy === "nomination" ? "applied" : "enrolled",
      fromStatus: existing?.status,
      toStatus: status,
      detail: { policy, cohort: cohort?.name ?? null },
    });
    return {
      status:
        status === "PENDING" || status === "AWAITING_ENDORSEMENT"
          ? "applied"
          : status === "WAITLISTED"
            ? "waitlisted"
            : "enrolled",
    } as const;
  });
  // The mails only leave when the application was written.
  if (result.status === "applied") for (const id of emailIds) await dispatchEmail(id);
  return result;
}

/**
 * Moves people of the waiting list into places free in `cohortId`: a place freed by someone
 * (`freed`) goes to the next person of the same agency, then of the same country, then to
 * anyone whose quotas allow it (quotas.server.ts).
 */
async function promoteWaitingList(
  tx: Tx,
  courseId: string,
  cohortId: string | null,
  actorId: string | null,
  freed: Seat | null = null,
) {
  if (!cohortId) return [];
  const cohort = await tx.cohort.findUnique({ where: { id: cohortId } });
  if (!cohort) return [];
  const emails: string[] = [];
  for (const candidate of await promotionOrder(tx, cohortId, freed)) {
    const verdict = await admission(tx, cohort, candidate.seat);
    if (verdict.status === "WAITLISTED" && verdict.full === "capacity") break;
    if (verdict.status === "WAITLISTED") continue;
    const e = await tx.enrolment.update({
      where: { id: candidate.id },
      data: { status: "ACTIVE", ...statusTimestamps("ACTIVE") },
      include: { user: { select: { email: true, name: true, locale: true } }, course: { select: { title: true } } },
    });
    await recordEvent(tx, {
      enrolmentId: e.id,
      actorId,
      action: "promoted",
      fromStatus: "WAITLISTED",
      toStatus: "ACTIVE",
    });
    const email = await createEmailRow(tx, {
      userId: e.userId,
      to: e.user.email,
      template: "enrolment-accepted",
      locale: e.user.locale,
      data: { name: e.user.name, course: e.course.title },
    });
    emails.push(email.id);
  }
  return emails;
}

export type DecisionResult =
  { status: "approved" | "waitlisted" | "rejected" } | { status: "not-pending" } | { status: "reason-required" };

/** Approve or reject an application; the learner is told by email (through the queue). */
export async function decideApplication({
  actor,
  courseId,
  enrolmentId,
  decision,
  reason,
}: {
  actor: Actor;
  /** The course named in the request: an enrolment of another course is "not found" here. */
  courseId: string;
  enrolmentId: string;
  decision: "approve" | "reject";
  reason?: string | null;
}): Promise<DecisionResult> {
  const found = await prisma.enrolment.findFirst({ where: { id: enrolmentId, courseId }, select: { courseId: true } });
  if (!found) throw new Response("Not found", { status: 404 });
  await requireCourseManager({ courseId: found.courseId, user: actor });
  if (decision === "reject" && (reason ?? "").trim().length < 3) return { status: "reason-required" };

  const { result, emailIds } = await prisma.$transaction(async (tx) => {
    const enrolment = await tx.enrolment.findUniqueOrThrow({
      where: { id: enrolmentId },
      include: {
        cohort: true,
        user: { select: { id: true, email: true, name: true, locale: true, agencyId: true } },
        course: { select: { title: true, enrolmentPolicy: true } },
      },
    });
    await lockCohort(tx, enrolment.cohortId, enrolment.courseId);
    const fresh = await tx.enrolment.findUniqueOrThrow({ where: { id: enrolmentId }, select: { status: true } });
    if (fresh.status !== "PENDING") return { result: { status: "not-pending" } as const, emailIds: [] };
    const status: EnrolmentStatus =
      decision === "reject"
        ? "REJECTED"
        : await admittedStatus(tx, enrolment.courseId, enrolment.cohort, enrolment.userId);
    await tx.enrolment.update({
      where: { id: enrolmentId },
      data: {
        status,
        decisionReason: reason?.trim() || null,
        decidedById: actor.id,
        decidedAt: new Date(),
        ...statusTimestamps(status),
      },
    });
    await recordEvent(tx, {
      enrolmentId,
      actorId: actor.id,
      action: decision === "reject" ? "rejected" : "approved",
      fromStatus: "PENDING",
      toStatus: status,
      detail: { reason: reason?.trim() || null },
    });
    const email = await createEmailRow(tx, {
      userId: enrolment.userId,
      to: enrolment.user.email,
      template:
        status === "REJECTED"
          ? "enrolment-rejected"
          : status === "WAITLISTED"
            ? "enrolment-waitlisted"
            : "enrolment-accepted",
      locale: enrolment.user.locale,
      data: { name: enrolment.user.name, course: enrolment.course.title, reason: reason?.trim() ?? "" },
    });
    const result = {
      status: status === "REJECTED" ? "rejected" : status === "WAITLISTED" ? "waitlisted" : "approved",
    } as const;
    // Nomination courses: the officer's focal points hear the centre's decision too.
    const focal =
      enrolment.course.enrolmentPolicy === "nomination"
        ? await mailNominationStep(tx, {
            officer: enrolment.user,
            course: enrolment.course.title,
            focalTemplate:
              status === "REJECTED"
                ? "nomination-rejected"
                : status === "WAITLISTED"
                  ? "nomination-waitlisted"
                  : "nomination-accepted",
            data: { reason: reason?.trim() ?? "" },
          })
        : [];
    return { result, emailIds: [email.id, ...focal] };
  });
  for (const id of emailIds) await dispatchEmail(id);
  return result;
}

async function endEnrolment({
  enrolmentId,
  actorId,
  status,
  action,
  reason,
}: {
  enrolmentId: string;
  actorId: string;
  status: "WITHDRAWN" | "REMOVED";
  action: string;
  reason?: string | null;
}) {
  const emails = await prisma.$transaction(async (tx) => {
    const enrolment = await tx.enrolment.findUniqueOrThrow({ where: { id: enrolmentId } });
    await lockCohort(tx, enrolment.cohortId, enrolment.courseId);
    if (!LIVE.includes(enrolment.status)) return null;
    await tx.enrolment.update({ where: { id: enrolmentId }, data: { status, queuedAt: null } });
    await recordEvent(tx, {
      enrolmentId,
      actorId,
      action,
      fromStatus: enrolment.status,
      toStatus: status,
      detail: { reason: reason ?? null },
    });
    // The place freed goes to the next person of the same agency or country first.
    const freed = HOLDS_PLACE.includes(enrolment.status) ? await seatOf(tx, enrolment.userId) : null;
    return promoteWaitingList(tx, enrolment.courseId, enrolment.cohortId, actorId, freed);
  });
  for (const id of emails ?? []) await dispatchEmail(id);
  return emails === null
    ? ({ status: "not-enrolled" } as const)
    : ({ status: "done", promoted: emails.length } as const);
}

/** The learner leaves the course; their progress is kept should they return. */
export async function withdraw({ user, courseSlug }: { user: Actor; courseSlug: string }) {
  const course = await publishedCourse(courseSlug);
  const enrolment = await prisma.enrolment.findUnique({
    where: { userId_courseId: { userId: user.id, courseId: course.id } },
  });
  if (!enrolment) return { status: "not-enrolled" } as const;
  return endEnrolment({ enrolmentId: enrolment.id, actorId: user.id, status: "WITHDRAWN", action: "withdrew" });
}

/** An administrator removes someone (with a reason). */
export async function removeEnrolment({
  actor,
  enrolmentId,
  reason,
}: {
  actor: Actor;
  enrolmentId: string;
  reason?: string;
}) {
  if (actor.role !== "ADMIN") throw new Response("Forbidden", { status: 403 });
  return endEnrolment({ enrolmentId, actorId: actor.id, status: "REMOVED", action: "removed", reason });
}

/** An administrator moves someone to another cohort of the same course (a place must be free). */
export async function moveEnrolment({
  actor,
  enrolmentId,
  cohortId,
}: {
  actor: Actor;
  enrolmentId: string;
  cohortId: string;
}) {
  if (actor.role !== "ADMIN") throw new Response("Forbidden", { status: 403 });
  const outcome = await prisma.$transaction(async (tx) => {
    const enrolment = await tx.enrolment.findUniqueOrThrow({ where: { id: enrolmentId } });
    // Locked before it is read, so a cohort being deleted is either gone or still whole here.
    await lockCohort(tx, cohortId, enrolment.courseId);
    const target = await tx.cohort.findFirst({ where: { id: cohortId, courseId: enrolment.courseId } });
    if (!target) return { result: { status: "unknown-cohort" } as const, emails: [] };
    if (target.id === enrolment.cohortId) return { result: { status: "unchanged" } as const, emails: [] };
    if (
      HOLDS_PLACE.includes(enrolment.status) &&
      target.capacity &&
      (await placesTaken(tx, enrolment.courseId, target.id)) >= target.capacity
    ) {
      return { result: { status: "full" } as const, emails: [] };
    }
    await tx.enrolment.update({ where: { id: enrolmentId }, data: { cohortId: target.id } });
    await recordEvent(tx, {
      enrolmentId,
      actorId: actor.id,
      action: "moved",
      detail: { from: enrolment.cohortId, to: target.id },
    });
    const freed = HOLDS_PLACE.includes(enrolment.status) ? await seatOf(tx, enrolment.userId) : null;
    const emails = await promoteWaitingList(tx, enrolment.courseId, enrolment.cohortId, actor.id, freed);
    return { result: { status: "moved" } as const, emails };
  });
  for (const id of outcome.emails) await dispatchEmail(id);
  return outcome.result;
}

export async function enrolmentHistory({ enrolmentId }: { enrolmentId: string }) {
  return prisma.enrolmentEvent.findMany({
    where: { enrolmentId },
    orderBy: { createdAt: "asc" },
    select: {
      action: true,
      fromStatus: true,
      toStatus: true,
      detail: true,
      createdAt: true,
      actor: { select: { name: true } },
    },
  });
}

// ------------------------------------------------------------------ cohorts

export type CohortInput = {
  name: string;
  enrolmentOpensAt?: Date | null;
  enrolmentClosesAt?: Date | null;
  startsAt?: Date | null;
  endsAt?: Date | null;
  capacity?: number | null;
  enrolmentKey?: string | null;
  quotaPerCountry?: number | null;
  quotaPerAgency?: number | null;
  quotasEndAt?: Date | null;
};

export async function createCohort({ actor, courseId, input }: { actor: Actor; courseId: string; input: CohortInput }) {
  await requireCourseManager({ courseId, user: actor });
  try {
    const cohort = await prisma.cohort.create({ data: { courseId, ...input } });
    return { status: "created", cohort } as const;
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      return { status: "name-taken" } as const;
    throw error;
  }
}

export async function listCohorts({ courseId }: { courseId: string }) {
  const cohorts = await prisma.cohort.findMany({
    where: { courseId },
    orderBy: [{ startsAt: "asc" }, { name: "asc" }],
  });
  const counts = await prisma.enrolment.groupBy({ by: ["cohortId", "status"], where: { courseId }, _count: true });
  return cohorts.map((c) => {
    const count = (statuses: EnrolmentStatus[]) =>
      counts.filter((r) => r.cohortId === c.id && statuses.includes(r.status)).reduce((n, r) => n + r._count, 0);
    return {
      ...c,
      window: cohortWindow(c),
      taken: count(HOLDS_PLACE),
      waiting: count(["WAITLISTED"]),
      pending: count(["PENDING"]),
      awaitingEndorsement: count(["AWAITING_ENDORSEMENT"]),
    };
  });
}

export async function listApplications({ courseId }: { courseId: string }) {
  return prisma.enrolment.findMany({
    where: { courseId, status: "PENDING" },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      justification: true,
      createdAt: true,
      cohort: { select: { name: true } },
      user: { select: { name: true, email: true, agency: true, country: true } },
    },
  });
}

/** What the course page's enrolment box shows this person. */
export async function enrolmentPanel({
  courseId,
  user,
  formatDate,
}: {
  courseId: string;
  user: Actor | null;
  formatDate: (d: Date | null) => string;
}) {
  const cohorts = await listCohorts({ courseId });
  const enrolment = user
    ? await prisma.enrolment.findUnique({
        where: { userId_courseId: { userId: user.id, courseId } },
        select: { status: true, decisionReason: true, cohort: { select: { name: true } } },
      })
    : null;
  const canManage = user ? await canManageCourse({ courseId, user }) : false;
  return {
    canManage,
    enrolment: enrolment
      ? { status: enrolment.status, cohort: enrolment.cohort?.name ?? null, decisionReason: enrolment.decisionReason }
      : null,
    cohorts: cohorts
      .filter((c) => c.window !== "closed" || c.endsAt === null || c.endsAt > new Date())
      .map((c) => ({
        id: c.id,
        name: c.name,
        dates: [c.startsAt, c.endsAt].some(Boolean) ? `${formatDate(c.startsAt)} – ${formatDate(c.endsAt)}` : "",
        window: c.window,
        placesLeft: c.capacity ? Math.max(0, c.capacity - c.taken) : null,
      })),
  };
}

export const ENROL_ERRORS = {
  already: "enrolment.error.already",
  "cohort-required": "enrolment.error.cohortRequired",
  "unknown-cohort": "enrolment.error.cohortRequired",
  "window-not-open": "enrolment.error.notYetOpen",
  "window-closed": "enrolment.error.closed",
  "no-way-in": "enrolment.error.closed",
  "bad-key": "enrolment.error.badKey",
  "key-rate-limited": "enrolment.error.tooManyKeys",
  "justification-required": "enrolment.error.justification",
  "no-focal-point": "nomination.error.noFocalPoint",
  unverified: "account.verify.required",
  restricted: "restricted.enrolRefused",
} as const;

/** One enrolment with its history, for the course's trainers and administrators. */
export async function enrolmentDetail({
  courseId,
  enrolmentId,
  user,
}: {
  courseId: string;
  enrolmentId: string;
  user: Actor;
}) {
  await requireCourseManager({ courseId, user });
  const enrolment = await prisma.enrolment.findFirst({
    where: { id: enrolmentId, courseId },
    select: {
      id: true,
      status: true,
      justification: true,
      decisionReason: true,
      cohortId: true,
      cohort: { select: { name: true } },
      user: { select: { name: true, email: true, agency: true, country: true } },
      events: {
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          action: true,
          fromStatus: true,
          toStatus: true,
          detail: true,
          createdAt: true,
          actor: { select: { name: true } },
        },
      },
    },
  });
  if (!enrolment) throw new Response("Not found", { status: 404 });
  return enrolment;
}

/** Edits a cohort; raising its places gives them to the waiting list at once. */
export async function updateCohort({
  actor,
  courseId,
  cohortId,
  input,
}: {
  actor: Actor;
  courseId: string;
  cohortId: string;
  input: CohortInput;
}) {
  await requireCourseManager({ courseId, user: actor });
  try {
    const emails = await prisma.$transaction(async (tx) => {
      const cohort = await tx.cohort.findFirst({ where: { id: cohortId, courseId } });
      if (!cohort) throw new Response("Not found", { status: 404 });
      await lockCohort(tx, cohortId, courseId);
      await tx.cohort.update({ where: { id: cohortId }, data: input });
      return promoteWaitingList(tx, courseId, cohortId, actor.id);
    });
    for (const id of emails) await dispatchEmail(id);
    return { status: "saved", promoted: emails.length } as const;
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      return { status: "name-taken" } as const;
    throw error;
  }
}

export async function getCohort({ courseId, cohortId }: { courseId: string; cohortId: string }) {
  const cohort = await prisma.cohort.findFirst({ where: { id: cohortId, courseId } });
  if (!cohort) throw new Response("Not found", { status: 404 });
  return cohort;
}

/** The people a cohort still holds (any enrolment that is not over), for the cohort page. */
export async function cohortPeople({
  courseId,
  cohortId,
  take = 50,
}: {
  courseId: string;
  cohortId: string;
  take?: number;
}) {
  const where = { courseId, cohortId, status: { notIn: ENDED } };
  const [count, people] = await Promise.all([
    prisma.enrolment.count({ where }),
    prisma.enrolment.findMany({
      where,
      orderBy: { createdAt: "asc" },
      take,
      select: { id: true, status: true, user: { select: { name: true } } },
    }),
  ]);
  return { count, people: people.map((e) => ({ id: e.id, status: e.status, name: e.user.name })) };
}

export type DeleteCohortResult =
  { status: "deleted"; name: string; detached: number } | { status: "has-people"; count: number };

/**
 * Deletes a cohort that nobody is in any more (trainers of the course and administrators).
 * Any enrolment that is not over (PENDING, WAITLISTED, ACTIVE, COMPLETED) keeps it: those people
 * must be moved first. Enrolments that are over stay, with no cohort, and their history records
 * the deletion (the cohort's name included); an AuditEvent keeps what the cohort was.
 */
export async function deleteCohort({
  actor,
  courseId,
  cohortId,
}: {
  actor: Actor;
  courseId: string;
  cohortId: string;
}): Promise<DeleteCohortResult> {
  await requireCourseManager({ courseId, user: actor });
  return prisma.$transaction(async (tx) => {
    // Same lock as enrolling, approving and moving into this cohort: none can slip in meanwhile.
    await lockCohort(tx, cohortId, courseId);
    const cohort = await tx.cohort.findFirst({ where: { id: cohortId, courseId } });
    if (!cohort) throw new Response("Not found", { status: 404 });
    const live = await tx.enrolment.count({ where: { cohortId, status: { notIn: ENDED } } });
    if (live) return { status: "has-people", count: live } as const;

    const past = await tx.enrolment.findMany({ where: { cohortId }, select: { id: true } });
    if (past.length) {
      await tx.enrolmentEvent.createMany({
        data: past.map((e) => ({
          enrolmentId: e.id,
          actorId: actor.id,
          action: "cohort-deleted",
          detail: { cohortId, cohort: cohort.name },
        })),
      });
      await tx.enrolment.updateMany({ where: { id: { in: past.map((e) => e.id) } }, data: { cohortId: null } });
    }
    await recordAudit(
      {
        actorId: actor.id,
        action: "cohort.deleted",
        detail: {
          courseId,
          cohortId,
          name: cohort.name,
          capacity: cohort.capacity,
          enrolmentOpensAt: cohort.enrolmentOpensAt?.toISOString() ?? null,
          enrolmentClosesAt: cohort.enrolmentClosesAt?.toISOString() ?? null,
          startsAt: cohort.startsAt?.toISOString() ?? null,
          endsAt: cohort.endsAt?.toISOString() ?? null,
          pastEnrolments: past.length,
        },
      },
      tx,
    );
    await tx.cohort.delete({ where: { id: cohortId } });
    return { status: "deleted", name: cohort.name, detached: past.length } as const;
  });
}
