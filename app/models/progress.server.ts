/**
 * Module progress and course completion. Completing is idempotent (one row per enrolment
 * and module, whatever the number of clicks or tabs), and the last required module
 * completes the course in the same transaction: the CourseCompletion row it writes is the
 * hand-over to certificates.
 */
import type { CourseDocument } from "~/content/course-document";
import type { Prisma } from "~/generated/prisma/client";
import type { EnrolmentStatus, Role } from "~/generated/prisma/enums";
import { writeCsv } from "~/utils/csv";
import { prisma } from "~/utils/db.server";
import { generateAfterCommit, issueOnCompletion } from "./certificates.server";
import { revisionDocument } from "./course-document.server";
import {
  assessmentFacts,
  courseStanding,
  enrolmentStanding,
  openModules,
  type AssessmentState,
} from "./next-step.server";

const READING: EnrolmentStatus[] = ["ACTIVE", "COMPLETED"];

export { openModules };

export type ReaderState = {
  enrolment: { id: string; status: EnrolmentStatus; cohortId: string | null; lastModuleSlug: string | null } | null;
  completed: Set<string>;
  open: Set<string>;
};

/** Enrolment, completed module slugs and open modules for one reader of one course. */
export async function readerState({
  userId,
  courseId,
  doc,
}: {
  userId: string;
  courseId: string;
  doc: CourseDocument;
}): Promise<ReaderState> {
  const enrolment = await prisma.enrolment.findUnique({
    where: { userId_courseId: { userId, courseId } },
    select: {
      id: true,
      status: true,
      cohortId: true,
      lastModuleSlug: true,
      progress: { select: { module: { select: { slug: true } } } },
    },
  });
  const completed = new Set(enrolment?.progress.map((p) => p.module.slug) ?? []);
  return {
    enrolment: enrolment
      ? {
          id: enrolment.id,
          status: enrolment.status,
          cohortId: enrolment.cohortId,
          lastModuleSlug: enrolment.lastModuleSlug,
        }
      : null,
    completed,
    open: openModules(doc, completed),
  };
}

export type ModuleGate = "allowed" | "login-required" | "enrolment-required" | "locked";

/** Previews are public; trainers and administrators read everything; learners read open modules of courses they are in. */
export function moduleGate({
  viewer,
  preview,
  state,
  moduleSlug,
}: {
  viewer: { role: Role } | null;
  preview: boolean;
  state: ReaderState | null;
  moduleSlug: string;
}): ModuleGate {
  if (preview) return "allowed";
  if (!viewer) return "login-required";
  if (viewer.role === "TRAINER" || viewer.role === "ADMIN") return "allowed";
  if (!state?.enrolment || !READING.includes(state.enrolment.status)) return "enrolment-required";
  return state.open.has(moduleSlug) ? "allowed" : "locked";
}

export type CompleteResult =
  | { status: "completed"; courseCompleted: boolean }
  | { status: "already-completed" }
  | { status: "not-enrolled" }
  | { status: "locked" }
  | { status: "assessment-required" }
  | { status: "unknown-module" };

/** What a course needs besides its required modules: its final assessment passed, when it has one. */
async function finalAssessmentPassed(
  tx: Prisma.TransactionClient,
  { courseId, userId }: { courseId: string; userId: string },
) {
  const final = await tx.assessment.findFirst({
    where: { courseId, final: true, archivedAt: null },
    select: { id: true },
  });
  if (!final) return true;
  const passed = await tx.attempt.findFirst({
    where: { assessmentId: final.id, userId, passed: true },
    select: { id: true },
  });
  return Boolean(passed);
}

/**
 * Completes the course when every required module is done and the final assessment (if any)
 * is passed: marks the enrolment COMPLETED and writes the CourseCompletion hand-over, in the
 * caller's transaction. Returns whether this call completed it.
 */
async function completeCourseIfDone(
  tx: Prisma.TransactionClient,
  {
    enrolmentId,
    userId,
    courseId,
    doc,
    completed,
    revision,
  }: {
    enrolmentId: string;
    userId: string;
    courseId: string;
    doc: CourseDocument;
    completed: Set<string>;
    revision: number;
  },
) {
  const requiredDone = doc.modules.filter((m) => m.required).every((m) => completed.has(m.slug));
  if (!requiredDone || !(await finalAssessmentPassed(tx, { courseId, userId })))
    return { completed: false, certificateId: null };
  const updated = await tx.enrolment.updateMany({
    where: { id: enrolmentId, status: "ACTIVE" },
    data: { status: "COMPLETED", completedAt: new Date() },
  });
  if (updated.count !== 1) return { completed: false, certificateId: null };
  const completion = await tx.courseCompletion.create({ data: { enrolmentId, revision }, select: { id: true } });
  await tx.enrolmentEvent.create({
    data: { enrolmentId, actorId: userId, action: "completed", fromStatus: "ACTIVE", toStatus: "COMPLETED" },
  });
  // The hand-over to certificates, in the same transaction: a completion never lacks its decision.
  return { completed: true, certificateId: await issueOnCompletion(tx, { completionId: completion.id }) };
}

async function courseForProgress(courseSlug: string) {
  const course = await prisma.course.findUnique({
    where: { slug: courseSlug },
    select: { id: true, currentRevisionId: true, currentRevision: { select: { number: true } } },
  });
  if (!course?.currentRevisionId) return null;
  return {
    id: course.id,
    revision: course.currentRevision!.number,
    doc: await revisionDocument(course.currentRevisionId),
  };
}

/** Slugs of the modules whose completion comes from passing their assessment. */
export async function assessedModules(courseId: string) {
  const rows = await prisma.assessment.findMany({
    where: { courseId, archivedAt: null, moduleSlug: { not: null } },
    select: { moduleSlug: true, slug: true },
  });
  return new Map(rows.map((r) => [r.moduleSlug!, r.slug]));
}

/**
 * Marks a module complete for the learner (via "manual" or "assessment"). Serialised per
 * enrolment, so two tabs or two requests racing on the last modules still complete the course
 * exactly once. A module with an assessment is completed only by passing it.
 */
export async function completeModule({
  userId,
  courseSlug,
  moduleSlug,
  via = "manual",
  resumeAt,
}: {
  userId: string;
  courseSlug: string;
  moduleSlug: string;
  via?: "manual" | "assessment";
  /** The module the learner goes on to (the "next" they follow), remembered for "resume". */
  resumeAt?: string | null;
}): Promise<CompleteResult> {
  const course = await courseForProgress(courseSlug);
  if (!course) return { status: "unknown-module" };
  const { doc } = course;
  if (!doc.modules.some((m) => m.slug === moduleSlug)) return { status: "unknown-module" };
  if (via === "manual" && (await assessedModules(course.id)).has(moduleSlug)) return { status: "assessment-required" };
  const modules = await prisma.module.findMany({
    where: { courseId: course.id, slug: { in: doc.modules.map((m) => m.slug) } },
    select: { id: true, slug: true },
  });
  const moduleId = new Map(modules.map((m) => [m.slug, m.id]));

  const result = await prisma.$transaction(async (tx) => {
    const enrolment = await tx.enrolment.findUnique({
      where: { userId_courseId: { userId, courseId: course.id } },
      select: { id: true, status: true },
    });
    if (!enrolment || !READING.includes(enrolment.status)) return { status: "not-enrolled" } as const;
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`enrolment:${enrolment.id}`}))`;
    const done = await tx.moduleProgress.findMany({
      where: { enrolmentId: enrolment.id },
      select: { module: { select: { slug: true } } },
    });
    const completed = new Set(done.map((d) => d.module.slug));
    // Where to resume, written here (a POST) because reading a module page (a GET) writes nothing.
    const position = resumeAt && doc.modules.some((m) => m.slug === resumeAt) ? resumeAt : moduleSlug;
    const remember = () =>
      tx.enrolment.update({
        where: { id: enrolment.id },
        data: { lastModuleSlug: position, lastVisitedAt: new Date() },
      });
    if (completed.has(moduleSlug)) {
      await remember();
      return { status: "already-completed" } as const;
    }
    if (!openModules(doc, completed).has(moduleSlug)) return { status: "locked" } as const;

    await tx.moduleProgress.createMany({
      data: [{ enrolmentId: enrolment.id, moduleId: moduleId.get(moduleSlug)!, via }],
      skipDuplicates: true,
    });
    await remember();
    completed.add(moduleSlug);
    const outcome = await completeCourseIfDone(tx, {
      enrolmentId: enrolment.id,
      userId,
      courseId: course.id,
      doc,
      completed,
      revision: course.revision,
    });
    return { status: "completed", courseCompleted: outcome.completed, certificateId: outcome.certificateId } as const;
  });
  if (result.status === "completed") {
    await generateAfterCommit([result.certificateId]);
    return { status: "completed", courseCompleted: result.courseCompleted };
  }
  return result;
}

/** Passing a module's assessment completes the module (the assessment model calls this). */
export function recordModulePassed({
  userId,
  courseSlug,
  moduleSlug,
}: {
  userId: string;
  courseSlug: string;
  moduleSlug: string;
}) {
  return completeModule({ userId, courseSlug, moduleSlug, via: "assessment" });
}

/** Passing the final assessment may be the last thing the course needed. */
export async function recordFinalPassed({ userId, courseSlug }: { userId: string; courseSlug: string }) {
  const course = await courseForProgress(courseSlug);
  if (!course) return { courseCompleted: false };
  const result = await prisma.$transaction(async (tx) => {
    const enrolment = await tx.enrolment.findUnique({
      where: { userId_courseId: { userId, courseId: course.id } },
      select: { id: true, status: true },
    });
    if (!enrolment || enrolment.status !== "ACTIVE") return { completed: false, certificateId: null };
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`enrolment:${enrolment.id}`}))`;
    const done = await tx.moduleProgress.findMany({
      where: { enrolmentId: enrolment.id },
      select: { module: { select: { slug: true } } },
    });
    const completed = new Set(done.map((d) => d.module.slug));
    return completeCourseIfDone(tx, {
      enrolmentId: enrolment.id,
      userId,
      courseId: course.id,
      doc: course.doc,
      completed,
      revision: course.revision,
    });
  });
  await generateAfterCommit([result.certificateId]);
  return { courseCompleted: result.completed };
}

type Texts = Record<string, { title: string; summary: string }>;

/** Everything on the learner's dashboard: each course with its standing (progress and next step) and decisions. */
export async function learnerDashboard({ userId, locale }: { userId: string; locale: string }) {
  const enrolments = await prisma.enrolment.findMany({
    where: { userId },
    orderBy: { updatedAt: "desc" },
    select: {
      id: true,
      status: true,
      decisionReason: true,
      completedAt: true,
      lastModuleSlug: true,
      cohort: { select: { name: true, startsAt: true, endsAt: true } },
      course: { select: { id: true, slug: true, sourceLocale: true, texts: true, currentRevisionId: true } },
      completion: { select: { certificateState: true, declinedReason: true } },
    },
  });
  return Promise.all(
    enrolments.map(async (e) => {
      const texts = e.course.texts as Texts;
      const title = (texts[locale] ?? texts[e.course.sourceLocale])?.title ?? e.course.slug;
      const standing = await enrolmentStanding({ userId, courseId: e.course.id, locale });
      const moduleOf = (slug: string | null) => standing?.modules.find((m) => m.slug === slug) ?? null;
      const resume = moduleOf(e.lastModuleSlug);
      const next = standing?.modules.find((m) => m.state === "open") ?? null;
      return {
        id: e.id,
        status: e.status,
        decisionReason: e.decisionReason,
        completedAt: e.completedAt,
        cohort: e.cohort?.name ?? null,
        course: { slug: e.course.slug, title },
        courseId: e.course.id,
        certificateDecision: e.completion
          ? { state: e.completion.certificateState, reason: e.completion.declinedReason }
          : null,
        standing,
        requiredDone: standing?.requiredDone ?? 0,
        requiredTotal: standing?.requiredTotal ?? 0,
        next: next ? { slug: next.slug, title: next.title } : null,
        resume: resume ? { slug: resume.slug, title: resume.title } : null,
      };
    }),
  );
}

/** What one grid cell says: the same states the learner sees (docs/decisions/021-next-step.md). */
export type GridCell = "done" | AssessmentState | "todo" | "locked";

/** Learners × modules (and the final) of one course, optionally one cohort, for the trainer's grid and its CSV. */
export async function progressGrid({
  courseId,
  cohortId,
  locale,
}: {
  courseId: string;
  cohortId?: string | null;
  locale: string;
}) {
  const course = await prisma.course.findUniqueOrThrow({
    where: { id: courseId },
    select: { slug: true, currentRevisionId: true },
  });
  if (!course.currentRevisionId) return { modules: [], final: null, rows: [] };
  const doc = await revisionDocument(course.currentRevisionId);
  const enrolments = await prisma.enrolment.findMany({
    where: { courseId, status: { in: ["ACTIVE", "COMPLETED"] }, ...(cohortId ? { cohortId } : {}) },
    orderBy: { user: { name: "asc" } },
    select: {
      id: true,
      userId: true,
      status: true,
      completedAt: true,
      lastModuleSlug: true,
      cohort: { select: { name: true } },
      user: { select: { name: true, email: true, agency: true, country: true } },
      progress: { select: { completedAt: true, module: { select: { slug: true } } } },
    },
  });
  const facts = await assessmentFacts({ courseId, userIds: enrolments.map((e) => e.userId), locale });
  const modules = doc.modules.map((m, i) => ({
    slug: m.slug,
    number: i + 1,
    required: m.required,
    title: (m.texts[locale] ?? m.texts[doc.sourceLocale])!.title,
  }));
  const finalFacts = facts.get("")!.find((a) => a.final && !a.moduleSlug);
  const rows = enrolments.map((e) => {
    const done = new Map(e.progress.map((p) => [p.module.slug, p.completedAt]));
    // The same rule as the learner's own pages (certificate facts do not change the cells).
    const standing = courseStanding({
      courseSlug: course.slug,
      doc,
      locale,
      enrolment: { status: e.status, lastModuleSlug: e.lastModuleSlug },
      completed: new Set(done.keys()),
      assessments: facts.get(e.userId)!,
      completion: null,
      certificate: null,
    });
    const states: GridCell[] = standing.modules.map((m) =>
      m.state === "done"
        ? "done"
        : m.assessment && m.assessment.state !== "to-take"
          ? m.assessment.state
          : m.state === "locked"
            ? "locked"
            : "todo",
    );
    return {
      enrolmentId: e.id,
      name: e.user.name,
      email: e.user.email,
      agency: e.user.agency,
      country: e.user.country,
      cohort: e.cohort?.name ?? null,
      status: e.status,
      completedAt: e.completedAt,
      cells: modules.map((m) => done.get(m.slug) ?? null),
      states,
      final: standing.final?.state ?? null,
      waiting: standing.counts.assessmentsWaiting,
      requiredDone: standing.requiredDone,
      requiredTotal: standing.requiredTotal,
      percent: standing.requiredTotal ? Math.floor((100 * standing.requiredDone) / standing.requiredTotal) : 0,
    };
  });
  return { modules, final: finalFacts ? { slug: finalFacts.slug, title: finalFacts.title } : null, rows };
}

/** The grid as CSV (UTF-8 with BOM so spreadsheet programs read non-Latin names correctly). */
export function progressCsv(grid: Awaited<ReturnType<typeof progressGrid>>) {
  const header = [
    "name",
    "email",
    "agency",
    "country",
    "cohort",
    "status",
    "percent",
    "completed_at",
    ...grid.modules.map((m) => `${String(m.number).padStart(2, "0")}.${m.slug}`),
    ...(grid.final ? [`final.${grid.final.slug}`] : []),
    "waiting_for_grading",
  ];
  const lines = grid.rows.map((r) => [
    r.name,
    r.email,
    r.agency ?? "",
    r.country ?? "",
    r.cohort ?? "",
    r.status,
    String(r.percent),
    r.completedAt?.toISOString() ?? "",
    // A date when done, otherwise the state the learner sees (waiting, in-progress, to-take…).
    ...r.cells.map((c, i) => c?.toISOString() ?? r.states[i]!),
    ...(grid.final ? [r.final ?? ""] : []),
    String(r.waiting),
  ]);
  return writeCsv([header, ...lines]);
}
