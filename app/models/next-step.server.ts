/**
 * Where an officer stands in a course, and the one thing to do next. Every page that shows
 * progress or a "next" button (dashboard, course page, module page, attempt result, results
 * page) and the trainers' grid read it from here, so they never disagree: a module is done when
 * its row exists, an assessment is passed, waiting for grading, in progress or still to take,
 * and the bar counts required modules plus the final assessment, so it cannot read 100 % while
 * a final waits for a trainer (docs/decisions/021-next-step.md).
 */
import { assessmentTitle } from "~/content/assessment-files";
import type { CourseDocument } from "~/content/course-document";
import type { AttemptStatus, CertificateDecision, CertificateStatus, EnrolmentStatus } from "~/generated/prisma/enums";
import { prisma } from "~/utils/db.server";
import { revisionDocument } from "./course-document.server";

/** Modules a learner may open, given what they completed and whether release is sequential. */
export function openModules(doc: CourseDocument, completed: Set<string>) {
  const open = new Set<string>();
  let blocked = false;
  for (const module of doc.modules) {
    if (!doc.meta.sequential || !blocked || module.preview) open.add(module.slug);
    if (doc.meta.sequential && module.required && !completed.has(module.slug)) blocked = true;
  }
  return open;
}

export type AttemptFacts = { id: string; number: number; status: AttemptStatus; passed: boolean | null };
export type AssessmentFacts = {
  slug: string;
  title: string;
  moduleSlug: string | null;
  final: boolean;
  attemptsAllowed: number | null;
  attempts: AttemptFacts[];
};
export type CertificateFacts = {
  serial: string;
  status: CertificateStatus;
  revoked: boolean;
};

/** Everything the rule needs, already loaded: the rule itself reads no database. */
export type StandingFacts = {
  courseSlug: string;
  doc: CourseDocument;
  locale: string;
  enrolment: { status: EnrolmentStatus; lastModuleSlug: string | null } | null;
  completed: Set<string>;
  assessments: AssessmentFacts[];
  completion: { certificateState: CertificateDecision; declinedReason: string | null } | null;
  certificate: CertificateFacts | null;
};

/** passed; waiting (submitted, a trainer grades it); in-progress; retry (failed, attempts left); blocked (none left); to-take. */
export type AssessmentState = "passed" | "waiting" | "in-progress" | "retry" | "blocked" | "to-take";
export type ModuleState = "done" | "open" | "locked";

export type AssessmentStanding = { slug: string; title: string; state: AssessmentState; href: string };
export type ModuleStanding = {
  slug: string;
  title: string;
  number: number;
  required: boolean;
  state: ModuleState;
  assessment: AssessmentStanding | null;
  href: string;
};

export type CertificateStep = "ready" | "preparing" | "failed" | "revoked" | "awaiting-approval" | "declined" | "none";

/** The one next action for an enrolment. `href` is where its button goes (null: nothing to press, only words). */
export type NextStep =
  | { kind: "enrol"; href: null }
  | { kind: "waiting-for-place"; status: EnrolmentStatus; href: null }
  | { kind: "start"; module: { slug: string; title: string }; href: string }
  | { kind: "continue"; module: { slug: string; title: string }; href: string }
  | { kind: "assessment"; assessment: AssessmentStanding; final: boolean; href: string }
  | { kind: "waiting-for-grading"; assessment: AssessmentStanding; href: string }
  | { kind: "blocked"; assessment: AssessmentStanding; href: string }
  | { kind: "certificate"; state: CertificateStep; serial: string | null; reason: string | null; href: string | null }
  | { kind: "finished"; href: string };

export type Standing = {
  modules: ModuleStanding[];
  final: AssessmentStanding | null;
  counts: {
    modulesDone: number;
    modulesRequired: number;
    assessmentsPassed: number;
    assessmentsWaiting: number;
    assessmentsToTake: number;
    assessmentsTotal: number;
  };
  /** The bar: required modules done plus the final passed, out of required modules plus the final. */
  requiredDone: number;
  requiredTotal: number;
  /** What is still required for completion, in order. */
  left: (
    | { kind: "module"; title: string; href: string }
    | { kind: "assessment"; title: string; state: AssessmentState; href: string }
  )[];
  complete: boolean;
  next: NextStep;
};

const READING: EnrolmentStatus[] = ["ACTIVE", "COMPLETED"];

export function assessmentState(a: AssessmentFacts): AssessmentState {
  if (a.attempts.some((x) => x.passed)) return "passed";
  if (a.attempts.some((x) => x.status === "NEEDS_GRADING")) return "waiting";
  if (a.attempts.some((x) => x.status === "IN_PROGRESS")) return "in-progress";
  if (a.attempts.length === 0) return "to-take";
  return a.attemptsAllowed !== null && a.attempts.length >= a.attemptsAllowed ? "blocked" : "retry";
}

function certificateStep(facts: StandingFacts): { state: CertificateStep; reason: string | null } {
  const { certificate, completion } = facts;
  if (certificate) {
    if (certificate.revoked) return { state: "revoked", reason: null };
    if (certificate.status === "READY") return { state: "ready", reason: null };
    if (certificate.status === "FAILED") return { state: "failed", reason: null };
    return { state: "preparing", reason: null };
  }
  if (completion?.certificateState === "AWAITING_APPROVAL") return { state: "awaiting-approval", reason: null };
  if (completion?.certificateState === "DECLINED") return { state: "declined", reason: completion.declinedReason };
  // Issued but the certificate row is not there yet (it is written right after the completion).
  if (completion?.certificateState === "ISSUED") return { state: "preparing", reason: null };
  return { state: "none", reason: null };
}

/** The rule: truthful progress and the one next step, from facts already loaded. Pure. */
export function courseStanding(facts: StandingFacts): Standing {
  const { doc, locale, courseSlug, completed, enrolment } = facts;
  const base = `/courses/${courseSlug}`;
  const results = `/dashboard/results/${courseSlug}`;
  const open = openModules(doc, completed);
  const title = (m: CourseDocument["modules"][number]) => (m.texts[locale] ?? m.texts[doc.sourceLocale])!.title;
  const standingOf = (a: AssessmentFacts): AssessmentStanding => ({
    slug: a.slug,
    title: a.title,
    state: assessmentState(a),
    href: `${base}/assessments/${a.slug}`,
  });
  const byModule = new Map(facts.assessments.filter((a) => a.moduleSlug).map((a) => [a.moduleSlug!, a]));
  const finalFacts = facts.assessments.find((a) => a.final && !a.moduleSlug) ?? null;
  const modules: ModuleStanding[] = doc.modules.map((m, i) => {
    const a = byModule.get(m.slug);
    return {
      slug: m.slug,
      title: title(m),
      number: i + 1,
      required: m.required,
      state: completed.has(m.slug) ? "done" : open.has(m.slug) ? "open" : "locked",
      assessment: a ? standingOf(a) : null,
      href: `${base}/${m.slug}`,
    };
  });
  const final = finalFacts ? standingOf(finalFacts) : null;
  const assessments = [...modules.flatMap((m) => (m.assessment ? [m.assessment] : [])), ...(final ? [final] : [])];
  const required = modules.filter((m) => m.required);
  const modulesDone = required.filter((m) => m.state === "done").length;
  const finalPassed = final?.state === "passed";
  const complete = enrolment?.status === "COMPLETED";
  const left: Standing["left"] = complete
    ? []
    : [
        ...required
          .filter((m) => m.state !== "done")
          .map((m) =>
            m.assessment
              ? {
                  kind: "assessment" as const,
                  title: m.assessment.title,
                  state: m.assessment.state,
                  href: m.assessment.href,
                }
              : { kind: "module" as const, title: m.title, href: m.href },
          ),
        ...(final && !finalPassed
          ? [{ kind: "assessment" as const, title: final.title, state: final.state, href: final.href }]
          : []),
      ];
  return {
    modules,
    final,
    counts: {
      modulesDone,
      modulesRequired: required.length,
      assessmentsPassed: assessments.filter((a) => a.state === "passed").length,
      assessmentsWaiting: assessments.filter((a) => a.state === "waiting").length,
      assessmentsToTake: assessments.filter((a) => a.state !== "passed" && a.state !== "waiting").length,
      assessmentsTotal: assessments.length,
    },
    requiredDone: modulesDone + (finalPassed ? 1 : 0),
    requiredTotal: required.length + (final ? 1 : 0),
    left,
    complete,
    next: nextStep({ facts, modules, final, results }),
  };
}

/** The one next action: what to read, take, wait for, or download. */
export function nextStep({
  facts,
  modules,
  final,
  results,
}: {
  facts: StandingFacts;
  modules: ModuleStanding[];
  final: AssessmentStanding | null;
  results: string;
}): NextStep {
  const { enrolment } = facts;
  if (!enrolment) return { kind: "enrol", href: null };
  if (!READING.includes(enrolment.status)) {
    return enrolment.status === "PENDING" || enrolment.status === "WAITLISTED"
      ? { kind: "waiting-for-place", status: enrolment.status, href: null }
      : { kind: "enrol", href: null };
  }
  if (enrolment.status === "COMPLETED") {
    const { state, reason } = certificateStep(facts);
    const serial = facts.certificate?.serial ?? null;
    return {
      kind: "certificate",
      state,
      serial,
      reason,
      href: state === "ready" && serial ? `/certificates/${serial}.pdf` : state === "none" ? null : "/dashboard",
    };
  }
  const assessmentStep = (a: AssessmentStanding, isFinal: boolean): NextStep =>
    a.state === "waiting"
      ? { kind: "waiting-for-grading", assessment: a, href: results }
      : a.state === "blocked"
        ? { kind: "blocked", assessment: a, href: results }
        : { kind: "assessment", assessment: a, final: isFinal, href: a.href };
  const remaining = modules.some((m) => m.required && m.state !== "done");
  if (remaining) {
    // The first module not done that can be opened, up to the first required one still to do.
    const module = modules.find((m) => m.state === "open")!;
    const touched = module.assessment && module.assessment.state !== "to-take";
    if (module.assessment && touched) return assessmentStep(module.assessment, false);
    const nothingYet = modules.every((m) => m.state !== "done") && !enrolment.lastModuleSlug;
    const target = { slug: module.slug, title: module.title };
    return nothingYet
      ? { kind: "start", module: target, href: module.href }
      : { kind: "continue", module: target, href: module.href };
  }
  if (final && final.state !== "passed") return assessmentStep(final, true);
  // Everything required is done and the course is about to complete (or a later revision).
  return { kind: "finished", href: `/courses/${facts.courseSlug}` };
}

/** Loads the facts for one learner (or nobody: just the outline) and one course, and applies the rule. */
export async function enrolmentStanding({
  userId,
  courseId,
  courseSlug,
  locale,
}: {
  userId: string | null;
  locale: string;
} & (
  { courseId: string; courseSlug?: undefined } | { courseSlug: string; courseId?: undefined }
)): Promise<Standing | null> {
  const course = await prisma.course.findUnique({
    where: courseId ? { id: courseId } : { slug: courseSlug },
    select: { id: true, slug: true, currentRevisionId: true },
  });
  if (!course?.currentRevisionId) return null;
  const doc = await revisionDocument(course.currentRevisionId);
  const [enrolment, assessments, certificate] = await Promise.all([
    userId
      ? prisma.enrolment.findUnique({
          where: { userId_courseId: { userId, courseId: course.id } },
          select: {
            status: true,
            lastModuleSlug: true,
            progress: { select: { module: { select: { slug: true } } } },
            completion: { select: { certificateState: true, declinedReason: true } },
          },
        })
      : null,
    assessmentFacts({ courseId: course.id, userIds: userId ? [userId] : [], locale }),
    userId
      ? prisma.certificate.findFirst({
          where: { userId, courseId: course.id, supersededById: null },
          orderBy: { issuedAt: "desc" },
          select: { serial: true, status: true, revokedAt: true },
        })
      : null,
  ]);
  return courseStanding({
    courseSlug: course.slug,
    doc,
    locale,
    enrolment: enrolment ? { status: enrolment.status, lastModuleSlug: enrolment.lastModuleSlug } : null,
    completed: new Set(enrolment?.progress.map((p) => p.module.slug) ?? []),
    assessments: assessments.get(userId ?? "")!,
    completion: enrolment?.completion ?? null,
    certificate: certificate
      ? { serial: certificate.serial, status: certificate.status, revoked: Boolean(certificate.revokedAt) }
      : null,
  });
}

/**
 * The live assessments of a course with each listed learner's attempts (one query for a whole
 * grid). Keyed by user id; the "" entry holds the assessments with no attempts, for anyone else.
 */
export async function assessmentFacts({
  courseId,
  userIds,
  locale,
}: {
  courseId: string;
  userIds: string[];
  locale: string;
}): Promise<Map<string, AssessmentFacts[]>> {
  const rows = await prisma.assessment.findMany({
    where: { courseId, archivedAt: null },
    orderBy: { createdAt: "asc" },
    select: {
      slug: true,
      titles: true,
      sourceLocale: true,
      moduleSlug: true,
      final: true,
      attemptsAllowed: true,
      attempts: {
        where: { userId: { in: userIds } },
        orderBy: { number: "asc" },
        select: { id: true, userId: true, number: true, status: true, passed: true },
      },
    },
  });
  const forUser = (userId: string) =>
    rows.map((a) => ({
      slug: a.slug,
      title: assessmentTitle(a.titles, locale, a.sourceLocale),
      moduleSlug: a.moduleSlug,
      final: a.final,
      attemptsAllowed: a.attemptsAllowed,
      attempts: a.attempts.filter((x) => x.userId === userId),
    }));
  return new Map([["", forUser("")], ...userIds.map((id) => [id, forUser(id)] as const)]);
}
