/**
 * Attempts: start (questions fixed by a stored seed), save as the learner goes, submit exactly
 * once (by the learner, or by the server when the time limit passed), automatic grading, the
 * trainer's essay grading, and passing → module or course completion.
 *
 * Concurrency: every write to an attempt holds a transaction-scoped advisory lock on it, and
 * the IN_PROGRESS → submitted transition is a conditional update, so two tabs, a replayed
 * request and the deadline sweeper cannot grade an attempt twice.
 */
import { randomBytes } from "node:crypto";
import { drawQuestions, presentationOrder } from "~/assessments/draw";
import { gradeAttempt, gradeResponse } from "~/assessments/grading";
import { itemStatistics } from "~/assessments/item-stats";
import { assessmentTitle, inCategory, type SelectionRule } from "~/content/assessment-files";
import { QuestionSchema, ResponseSchema, type Question, type QuestionResponse } from "~/content/questions";
import type { Prisma } from "~/generated/prisma/client";
import type { AttemptStatus, FeedbackPolicy, Role } from "~/generated/prisma/enums";
import { prisma } from "~/utils/db.server";
import { readerState, recordFinalPassed, recordModulePassed } from "./progress.server";
import { revisionDocument } from "./course-document.server";
import { canManageCourse } from "./course-access.server";

/** Saves arriving this long after the deadline still count (a slow connection's last save). */
export const DEADLINE_GRACE_MS = 15_000;

type Viewer = { id: string; role: Role };

export type AssessmentSummary = {
  id: string;
  slug: string;
  courseId: string;
  courseSlug: string;
  title: string;
  moduleSlug: string | null;
  final: boolean;
  passMark: number;
  attemptsAllowed: number | null;
  timeLimitMinutes: number | null;
  feedback: FeedbackPolicy;
  shuffleAnswers: boolean;
  perPage: number;
  selection: SelectionRule[];
};

/** The live assessment `slug` of a course; 404 when there is none. */
export async function getAssessment({
  courseSlug,
  slug,
  locale,
}: {
  courseSlug: string;
  slug: string;
  locale: string;
}): Promise<AssessmentSummary> {
  const a = await prisma.assessment.findFirst({
    where: { slug, archivedAt: null, course: { slug: courseSlug } },
    include: { course: { select: { slug: true } } },
  });
  if (!a) throw new Response("Not found", { status: 404 });
  return {
    id: a.id,
    slug: a.slug,
    courseId: a.courseId,
    courseSlug: a.course.slug,
    title: assessmentTitle(a.titles, locale, a.sourceLocale),
    moduleSlug: a.moduleSlug,
    final: a.final,
    passMark: a.passMark,
    attemptsAllowed: a.attemptsAllowed,
    timeLimitMinutes: a.timeLimitMinutes,
    feedback: a.feedback,
    shuffleAnswers: a.shuffleAnswers,
    perPage: a.perPage,
    selection: a.selection as SelectionRule[],
  };
}

export type Access = "allowed" | "login-required" | "enrolment-required" | "locked";

/** Learners take an assessment when enrolled and its module is open to them. */
async function learnerAccess(a: AssessmentSummary, userId: string): Promise<Access> {
  const course = await prisma.course.findUniqueOrThrow({
    where: { id: a.courseId },
    select: { currentRevisionId: true },
  });
  if (!course.currentRevisionId) return "enrolment-required";
  const doc = await revisionDocument(course.currentRevisionId);
  const state = await readerState({ userId, courseId: a.courseId, doc });
  if (!state.enrolment || !["ACTIVE", "COMPLETED"].includes(state.enrolment.status)) return "enrolment-required";
  if (a.moduleSlug && !state.open.has(a.moduleSlug)) return "locked";
  return "allowed";
}

/** What the learner's assessment page shows: settings, their attempts, whether they can start one. */
export async function assessmentOverview({ assessment, userId }: { assessment: AssessmentSummary; userId: string }) {
  await closeOverdueAttempts({ assessmentId: assessment.id, userId });
  const access = await learnerAccess(assessment, userId);
  const attempts = await prisma.attempt.findMany({
    where: { assessmentId: assessment.id, userId },
    orderBy: { number: "asc" },
    select: {
      id: true,
      number: true,
      status: true,
      startedAt: true,
      submittedAt: true,
      percent: true,
      passed: true,
      deadline: true,
    },
  });
  const inProgress = attempts.find((a) => a.status === "IN_PROGRESS") ?? null;
  const used = attempts.length;
  const left = assessment.attemptsAllowed === null ? null : Math.max(0, assessment.attemptsAllowed - used);
  const best = attempts.reduce<number | null>(
    (m, a) => (a.percent !== null && (m === null || a.percent > m) ? a.percent : m),
    null,
  );
  const passed = attempts.some((a) => a.passed);
  if (passed) await repairCompletion({ assessment, userId });
  return {
    access,
    attempts,
    inProgress,
    left,
    best,
    passed,
    canStart: access === "allowed" && !inProgress && (left === null || left > 0),
  };
}

export type StartResult =
  | { status: "started" | "resumed"; attemptId: string }
  | { status: "no-attempts-left" }
  | { status: "not-allowed"; access: Exclude<Access, "allowed"> }
  | { status: "bank-too-small"; category: string };

/** Starts an attempt (or returns the one in progress): its questions and orders are fixed now. */
export async function startAttempt({
  assessment,
  userId,
}: {
  assessment: AssessmentSummary;
  userId: string;
}): Promise<StartResult> {
  const access = await learnerAccess(assessment, userId);
  if (access !== "allowed") return { status: "not-allowed", access } as const;
  const bank = await prisma.question.findMany({
    where: { courseId: assessment.courseId, archivedAt: null, type: { not: "description" } },
    orderBy: [{ createdAt: "asc" }, { key: "asc" }],
    select: { id: true, key: true, category: true, data: true },
  });
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`attempts:${assessment.id}:${userId}`}))`;
    const open = await tx.attempt.findFirst({
      where: { assessmentId: assessment.id, userId, status: "IN_PROGRESS" },
      select: { id: true },
    });
    if (open) return { status: "resumed", attemptId: open.id } as const;
    const used = await tx.attempt.count({ where: { assessmentId: assessment.id, userId } });
    if (assessment.attemptsAllowed !== null && used >= assessment.attemptsAllowed)
      return { status: "no-attempts-left" } as const;

    const seed = randomBytes(12).toString("base64url");
    const idOfKey = new Map(bank.map((q) => [q.key, q.id]));
    const markOf = new Map<string, number>();
    const fixed: string[] = [];
    const pools: { category: string; count: number; questionIds: string[] }[] = [];
    const poolMarks: number[] = [];
    for (const rule of assessment.selection) {
      if ("question" in rule) {
        const id = idOfKey.get(rule.question);
        if (!id) return { status: "bank-too-small", category: rule.question } as const;
        fixed.push(id);
        markOf.set(id, rule.mark);
      } else {
        pools.push({
          category: rule.category,
          count: rule.count,
          questionIds: bank.filter((q) => inCategory(q.category, rule.category)).map((q) => q.id),
        });
        poolMarks.push(rule.mark);
      }
    }
    const drawn = drawQuestions({ seed, fixed, pools });
    if (!drawn.ok) return { status: "bank-too-small", category: drawn.category } as const;
    // Marks of drawn questions: fixed ones from their rule, the rest from their pool, in draw order.
    let cursor = new Set(fixed).size;
    pools.forEach((pool, i) => {
      for (const id of drawn.ids.slice(cursor, cursor + pool.count)) markOf.set(id, poolMarks[i]!);
      cursor += pool.count;
    });
    const byId = new Map(bank.map((q) => [q.id, q]));
    const now = new Date();
    const attempt = await tx.attempt.create({
      data: {
        assessmentId: assessment.id,
        userId,
        number: used + 1,
        seed,
        startedAt: now,
        deadline: assessment.timeLimitMinutes ? new Date(now.getTime() + assessment.timeLimitMinutes * 60_000) : null,
      },
      select: { id: true },
    });
    await tx.attemptItem.createMany({
      data: drawn.ids.map((id, position) => {
        const question = QuestionSchema.parse(byId.get(id)!.data);
        return {
          attemptId: attempt.id,
          position,
          questionId: id,
          mark: markOf.get(id) ?? 1,
          snapshot: question as unknown as Prisma.InputJsonValue,
          presentation: presentationOrder(
            question,
            `${seed}:${position}`,
            assessment.shuffleAnswers,
          ) as unknown as Prisma.InputJsonValue,
        };
      }),
    });
    return { status: "started", attemptId: attempt.id } as const;
  });
}

export type AttemptItemData = {
  id: string;
  position: number;
  mark: number;
  question: Question;
  presentation: unknown;
  response: QuestionResponse | null;
  /** Marked by the learner to come back to before submitting. */
  flagged: boolean;
  score: number | null;
  state: string | null;
  graderComment: string | null;
};

/** An attempt with its items (for the learner who owns it, or a manager of its course). Overdue attempts are closed first. */
export async function loadAttempt({ attemptId, viewer }: { attemptId: string; viewer: Viewer }) {
  const owner = await prisma.attempt.findUnique({
    where: { id: attemptId },
    select: { userId: true, status: true, deadline: true, assessment: { select: { courseId: true } } },
  });
  if (!owner) throw new Response("Not found", { status: 404 });
  if (owner.userId !== viewer.id) {
    // Someone else's attempt: its course's trainers and administrators only; others learn nothing.
    if (!(await canManageCourse({ courseId: owner.assessment.courseId, user: viewer }))) {
      throw new Response("Not found", { status: 404 });
    }
  }
  if (isOverdue(owner)) await finishAttempt({ attemptId, closedBy: "deadline" });
  const attempt = await prisma.attempt.findUniqueOrThrow({
    where: { id: attemptId },
    include: {
      items: { orderBy: { position: "asc" } },
      user: { select: { name: true, email: true } },
      assessment: { select: { slug: true, course: { select: { slug: true } } } },
    },
  });
  const items: AttemptItemData[] = attempt.items.map((i) => ({
    id: i.id,
    position: i.position,
    mark: i.mark,
    question: QuestionSchema.parse(i.snapshot),
    presentation: i.presentation,
    response: parseResponse(i.response),
    flagged: i.flagged,
    score: i.score,
    state: i.state,
    graderComment: i.graderComment,
  }));
  return { ...attempt, items };
}

function parseResponse(value: unknown): QuestionResponse | null {
  const parsed = ResponseSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

function isOverdue(a: { status: AttemptStatus; deadline: Date | null }, now = Date.now()) {
  return a.status === "IN_PROGRESS" && a.deadline !== null && now > a.deadline.getTime() + DEADLINE_GRACE_MS;
}

export type SaveResult =
  { status: "saved"; count: number } | { status: "closed"; reason: "deadline" | "submitted" } | { status: "not-found" };

/**
 * Stores the learner's answers and review flags for some items (by position), in one write.
 * Only the learner's own attempt, in progress and within its time, accepts them; invalid
 * answers for an item are dropped, never thrown.
 */
export async function saveResponses({
  attemptId,
  userId,
  responses,
  flags = new Map(),
}: {
  attemptId: string;
  userId: string;
  responses: Map<number, QuestionResponse | null>;
  /** position → flagged for review (positions absent keep their flag) */
  flags?: Map<number, boolean>;
}): Promise<SaveResult> {
  const positions = new Set([...responses.keys(), ...flags.keys()]);
  if (positions.size === 0) {
    // Nothing to store (the summary page): no transaction, just the attempt's state.
    const attempt = await prisma.attempt.findFirst({
      where: { id: attemptId, userId },
      select: { status: true, deadline: true },
    });
    if (!attempt) return { status: "not-found" };
    if (attempt.status === "IN_PROGRESS" && !isOverdue(attempt)) return { status: "saved", count: 0 };
    if (isOverdue(attempt)) await finishAttempt({ attemptId, closedBy: "deadline" });
    return { status: "closed", reason: isOverdue(attempt) ? "deadline" : "submitted" };
  }
  const result = await prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`attempt:${attemptId}`}))`;
    const attempt = await tx.attempt.findFirst({
      where: { id: attemptId, userId },
      select: { status: true, deadline: true },
    });
    if (!attempt) return { status: "not-found" } as const;
    if (attempt.status !== "IN_PROGRESS" || isOverdue(attempt))
      return { status: "closed", overdue: isOverdue(attempt) } as const;
    const items = await tx.attemptItem.findMany({
      where: { attemptId, position: { in: [...positions] } },
      select: { id: true, position: true, snapshot: true },
    });
    let count = 0;
    const now = new Date();
    for (const item of items) {
      const given = responses.get(item.position) ?? null;
      const question = QuestionSchema.parse(item.snapshot);
      const fits = !given || given.type === question.type;
      const response = fits ? given : null;
      const flagged = flags.get(item.position);
      // An answer of the wrong kind is dropped; the item is left alone unless its flag changes.
      if ((!fits || !responses.has(item.position)) && flagged === undefined) continue;
      await tx.attemptItem.update({
        where: { id: item.id },
        data: { response: (response ?? undefined) as Prisma.InputJsonValue | undefined, flagged, savedAt: now },
      });
      count++;
    }
    return { status: "saved", count } as const;
  });
  if (result.status === "closed") {
    if (result.overdue) await finishAttempt({ attemptId, closedBy: "deadline" });
    return { status: "closed", reason: result.overdue ? "deadline" : "submitted" };
  }
  return result;
}

export type FinishResult =
  | { status: "graded"; percent: number; passed: boolean }
  | { status: "needs-grading" }
  | { status: "already-submitted" }
  | { status: "not-found" };

/**
 * Submits and grades an attempt, exactly once: the first caller (learner, second tab, replayed
 * request or the deadline sweeper) wins; the others are told it was already submitted.
 */
export async function finishAttempt({
  attemptId,
  userId,
  closedBy,
}: {
  attemptId: string;
  userId?: string;
  closedBy: "learner" | "deadline";
}): Promise<FinishResult> {
  const outcome = await prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`attempt:${attemptId}`}))`;
    const claimed = await tx.attempt.updateMany({
      where: { id: attemptId, status: "IN_PROGRESS", ...(userId ? { userId } : {}) },
      data: { status: "NEEDS_GRADING", submittedAt: new Date(), closedBy },
    });
    if (claimed.count === 0) {
      const exists = await tx.attempt.findFirst({
        where: { id: attemptId, ...(userId ? { userId } : {}) },
        select: { id: true },
      });
      return exists ? ({ status: "already-submitted" } as const) : ({ status: "not-found" } as const);
    }
    const items = await tx.attemptItem.findMany({ where: { attemptId }, orderBy: { position: "asc" } });
    for (const item of items) {
      const question = QuestionSchema.parse(item.snapshot);
      if (question.type === "description") continue;
      const graded = gradeResponse(question, parseResponse(item.response));
      await tx.attemptItem.update({
        where: { id: item.id },
        data: { state: graded.state, score: graded.state === "needs-grading" ? null : graded.score },
      });
    }
    return settleAttempt(tx, attemptId);
  });
  if (outcome.status === "graded" && outcome.passed) await onPassedSafely(attemptId);
  const { status } = outcome;
  if (status === "graded") return { status, percent: outcome.percent, passed: outcome.passed };
  return outcome.status === "needs-grading" ? { status: "needs-grading" } : outcome;
}

/** Totals an attempt whose items are graded (or waiting for a trainer): GRADED or NEEDS_GRADING. */
async function settleAttempt(tx: Prisma.TransactionClient, attemptId: string) {
  const attempt = await tx.attempt.findUniqueOrThrow({
    where: { id: attemptId },
    select: { assessment: { select: { passMark: true } } },
  });
  const items = await tx.attemptItem.findMany({ where: { attemptId }, orderBy: { position: "asc" } });
  const total = gradeAttempt(
    items.map((i) => {
      const question = QuestionSchema.parse(i.snapshot);
      return {
        question,
        mark: i.mark,
        response: parseResponse(i.response),
        manualScore: question.type === "essay" && i.score !== null ? i.score * i.mark : null,
      };
    }),
  );
  if (total.pendingManual > 0) {
    await tx.attempt.update({
      where: { id: attemptId },
      data: { status: "NEEDS_GRADING", points: total.points, maxPoints: total.maxPoints },
    });
    return { status: "needs-grading" } as const;
  }
  const passed = total.percent >= attempt.assessment.passMark;
  await tx.attempt.update({
    where: { id: attemptId },
    data: {
      status: "GRADED",
      gradedAt: new Date(),
      points: total.points,
      maxPoints: total.maxPoints,
      percent: total.percent,
      passed,
    },
  });
  return { status: "graded", percent: total.percent, passed } as const;
}

/** A passed assessment completes its module, or (final) possibly the course. Idempotent. */
async function onPassed(attemptId: string) {
  const a = await prisma.attempt.findUniqueOrThrow({
    where: { id: attemptId },
    select: {
      userId: true,
      assessment: { select: { moduleSlug: true, final: true, course: { select: { slug: true } } } },
    },
  });
  if (a.assessment.moduleSlug)
    await recordModulePassed({
      userId: a.userId,
      courseSlug: a.assessment.course.slug,
      moduleSlug: a.assessment.moduleSlug,
    });
  else if (a.assessment.final) await recordFinalPassed({ userId: a.userId, courseSlug: a.assessment.course.slug });
}

/** The grade is already saved: a failure here must not turn into an error page; the next visit repairs it. */
async function onPassedSafely(attemptId: string) {
  try {
    await onPassed(attemptId);
  } catch (error) {
    console.error(`assessments: completion after attempt ${attemptId} deferred to the next visit`, error);
  }
}

/** Should the process stop between grading and completion, the next visit completes what passing earned. */
async function repairCompletion({ assessment, userId }: { assessment: AssessmentSummary; userId: string }) {
  if (assessment.moduleSlug)
    await recordModulePassed({ userId, courseSlug: assessment.courseSlug, moduleSlug: assessment.moduleSlug });
  else if (assessment.final) await recordFinalPassed({ userId, courseSlug: assessment.courseSlug });
}

/** Closes and grades attempts whose time ran out (the worker runs this; pages run it for their attempts). */
export async function closeOverdueAttempts({
  assessmentId,
  userId,
  limit = 100,
}: { assessmentId?: string; userId?: string; limit?: number } = {}) {
  const overdue = await prisma.attempt.findMany({
    where: {
      status: "IN_PROGRESS",
      deadline: { lt: new Date(Date.now() - DEADLINE_GRACE_MS) },
      ...(assessmentId ? { assessmentId } : {}),
      ...(userId ? { userId } : {}),
    },
    select: { id: true },
    take: limit,
  });
  for (const { id } of overdue) await finishAttempt({ attemptId: id, closedBy: "deadline" });
  return overdue.length;
}

/** What the learner may see after submitting, per the assessment's feedback setting. */
export function revealPolicy({
  feedback,
  status,
  attemptsLeft,
  passed,
}: {
  feedback: FeedbackPolicy;
  status: AttemptStatus;
  attemptsLeft: number | null;
  passed: boolean;
}) {
  if (status !== "GRADED") return { score: false, answers: false };
  if (feedback === "NEVER") return { score: true, answers: false };
  if (feedback === "IMMEDIATELY") return { score: true, answers: true };
  // AFTER_LAST: correct answers once no attempt is left, or once the learner has passed.
  return { score: true, answers: attemptsLeft === 0 || passed };
}

// ------------------------------------------------------------------ trainers

/** Essays waiting for a grade, oldest first, in the courses the viewer manages. */
export async function gradingQueue({ courseId, locale }: { courseId: string; locale: string }) {
  const items = await prisma.attemptItem.findMany({
    where: { score: null, state: "needs-grading", attempt: { status: "NEEDS_GRADING", assessment: { courseId } } },
    orderBy: { attempt: { submittedAt: "asc" } },
    select: {
      id: true,
      mark: true,
      position: true,
      snapshot: true,
      response: true,
      attempt: {
        select: {
          id: true,
          number: true,
          submittedAt: true,
          user: { select: { name: true, email: true } },
          assessment: { select: { slug: true, titles: true, sourceLocale: true } },
        },
      },
    },
    take: 200,
  });
  return items.map((i) => ({
    ...i,
    assessmentTitle:
      assessmentTitle(i.attempt.assessment.titles, locale, i.attempt.assessment.sourceLocale) ||
      i.attempt.assessment.slug,
    question: QuestionSchema.parse(i.snapshot),
    response: parseResponse(i.response),
  }));
}

export type GradeItemResult =
  { status: "graded"; attemptStatus: AttemptStatus } | { status: "not-found" } | { status: "out-of-range" };

/** A trainer's score (points out of the item's mark) and comment for an essay; the attempt settles when nothing waits. */
export async function gradeItem({
  courseId,
  itemId,
  graderId,
  points,
  comment,
}: {
  courseId: string;
  itemId: string;
  graderId: string;
  points: number;
  comment: string;
}): Promise<GradeItemResult> {
  const item = await prisma.attemptItem.findFirst({
    where: { id: itemId, attempt: { assessment: { courseId }, status: { not: "IN_PROGRESS" } } },
    select: { attemptId: true, mark: true, snapshot: true },
  });
  if (!item || QuestionSchema.parse(item.snapshot).type !== "essay") return { status: "not-found" };
  if (!(points >= 0 && points <= item.mark)) return { status: "out-of-range" };
  const outcome = await prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`attempt:${item.attemptId}`}))`;
    await tx.attemptItem.update({
      where: { id: itemId },
      data: {
        score: item.mark === 0 ? 0 : points / item.mark,
        state: points >= item.mark ? "correct" : points > 0 ? "partial" : "wrong",
        graderComment: comment.trim() || null,
        gradedById: graderId,
        gradedAt: new Date(),
      },
    });
    return settleAttempt(tx, item.attemptId);
  });
  if (outcome.status === "graded" && outcome.passed) await onPassedSafely(item.attemptId);
  return { status: "graded", attemptStatus: outcome.status === "graded" ? "GRADED" : "NEEDS_GRADING" };
}

/** Attempts at one assessment with their scores, for the trainer's report and its CSV. */
export async function attemptsReport({ assessmentId }: { assessmentId: string }) {
  return prisma.attempt.findMany({
    where: { assessmentId },
    orderBy: [{ user: { name: "asc" } }, { number: "asc" }],
    select: {
      id: true,
      number: true,
      status: true,
      startedAt: true,
      submittedAt: true,
      closedBy: true,
      percent: true,
      passed: true,
      points: true,
      maxPoints: true,
      user: { select: { name: true, email: true, agency: true, country: true } },
    },
  });
}

/** Graded attempts' items, shaped for item statistics. */
export async function gradedItems({ assessmentId }: { assessmentId: string }) {
  const attempts = await prisma.attempt.findMany({
    where: { assessmentId, status: "GRADED" },
    select: {
      id: true,
      percent: true,
      items: { select: { questionId: true, score: true, response: true, snapshot: true } },
    },
  });
  return attempts;
}

/** The assessments of a course for its trainers: counts of attempts and of essays waiting. */
export async function assessmentsForTrainers({ courseId, locale }: { courseId: string; locale: string }) {
  const rows = await prisma.assessment.findMany({
    where: { courseId, archivedAt: null },
    orderBy: [{ final: "asc" }, { slug: "asc" }],
    select: {
      id: true,
      slug: true,
      titles: true,
      sourceLocale: true,
      moduleSlug: true,
      final: true,
      passMark: true,
      attemptsAllowed: true,
      timeLimitMinutes: true,
      feedback: true,
      origin: true,
      _count: { select: { attempts: true } },
    },
  });
  const waiting = await prisma.attempt.groupBy({
    by: ["assessmentId"],
    where: { status: "NEEDS_GRADING", assessment: { courseId } },
    _count: true,
  });
  const passed = await prisma.attempt.groupBy({
    by: ["assessmentId"],
    where: { passed: true, assessment: { courseId } },
    _count: true,
  });
  return rows.map((a) => ({
    ...a,
    title: assessmentTitle(a.titles, locale, a.sourceLocale),
    attempts: a._count.attempts,
    waiting: waiting.find((w) => w.assessmentId === a.id)?._count ?? 0,
    passedAttempts: passed.find((p) => p.assessmentId === a.id)?._count ?? 0,
  }));
}

/**
 * Item analysis of an assessment from its graded attempts: per question, facility,
 * discrimination and how often each option was chosen (options by their stored index).
 */
export async function itemAnalysis({ assessmentId }: { assessmentId: string }) {
  const attempts = await gradedItems({ assessmentId });
  const latest = new Map<string, Question>();
  const questions: Record<string, { optionCount: number; correctOptions: number[] }> = {};
  const input = attempts.map((a) => ({
    attemptId: a.id,
    totalPercent: a.percent ?? 0,
    items: a.items.map((i) => {
      const question = QuestionSchema.parse(i.snapshot);
      latest.set(i.questionId, question);
      const response = parseResponse(i.response);
      let optionsChosen: number[] | undefined;
      if (question.type === "single" || question.type === "multiple") {
        questions[i.questionId] = {
          optionCount: question.choices.length,
          correctOptions: question.choices.flatMap((c, k) => (c.weight > 0 ? [k] : [])),
        };
        optionsChosen =
          response?.type === "single"
            ? response.choice === null
              ? []
              : [response.choice]
            : response?.type === "multiple"
              ? response.choices
              : [];
      } else if (question.type === "truefalse") {
        questions[i.questionId] = { optionCount: 2, correctOptions: [question.answer ? 0 : 1] };
        optionsChosen = response?.type === "truefalse" && response.answer !== null ? [response.answer ? 0 : 1] : [];
      }
      return { questionId: i.questionId, score: i.score ?? 0, optionsChosen };
    }),
  }));
  const stats = itemStatistics(input, questions);
  return { attemptCount: attempts.length, stats: stats.map((s) => ({ ...s, question: latest.get(s.questionId)! })) };
}
