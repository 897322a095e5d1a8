/**
 * "My results": every attempt of the officer at every assessment of one course, what each
 * shows (score, corrections, per the assessment's feedback setting), and the certificate.
 * Only the officer's own rows; a course they were never enrolled in is a 404.
 */
import { assessmentTitle } from "~/content/assessment-files";
import { prisma } from "~/utils/db.server";
import { revealPolicy } from "./assessments.server";
import { assessmentState, enrolmentStanding } from "./next-step.server";

type Texts = Record<string, { title: string }>;

export async function learnerResults({
  userId,
  courseSlug,
  locale,
}: {
  userId: string;
  courseSlug: string;
  locale: string;
}) {
  const course = await prisma.course.findUnique({
    where: { slug: courseSlug },
    select: { id: true, slug: true, texts: true, sourceLocale: true },
  });
  const enrolment = course
    ? await prisma.enrolment.findUnique({
        where: { userId_courseId: { userId, courseId: course.id } },
        select: { id: true },
      })
    : null;
  if (!course || !enrolment) throw new Response("Not found", { status: 404 });
  const standing = await enrolmentStanding({ userId, courseId: course.id, locale });
  if (!standing) throw new Response("Not found", { status: 404 });
  const texts = course.texts as Texts;
  const rows = await prisma.assessment.findMany({
    where: { courseId: course.id, archivedAt: null },
    select: {
      slug: true,
      titles: true,
      sourceLocale: true,
      moduleSlug: true,
      final: true,
      feedback: true,
      attemptsAllowed: true,
      attempts: {
        where: { userId },
        orderBy: { number: "asc" },
        select: { id: true, number: true, status: true, submittedAt: true, percent: true, passed: true },
      },
    },
  });
  // In the order of the course: module checks by module, then the final.
  const position = (moduleSlug: string | null) => {
    const i = standing.modules.findIndex((m) => m.slug === moduleSlug);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  rows.sort((a, b) => position(a.moduleSlug) - position(b.moduleSlug));
  const assessments = rows.map((a) => {
    const passed = a.attempts.some((x) => x.passed);
    const left = a.attemptsAllowed === null ? null : Math.max(0, a.attemptsAllowed - a.attempts.length);
    const state = assessmentState({ ...a, title: "", attempts: a.attempts });
    return {
      slug: a.slug,
      title: assessmentTitle(a.titles, locale, a.sourceLocale),
      module: standing.modules.find((m) => m.slug === a.moduleSlug)?.title ?? null,
      final: a.final,
      feedback: a.feedback,
      state,
      attempts: a.attempts.map((x) => {
        const reveal = revealPolicy({ feedback: a.feedback, status: x.status, attemptsLeft: left, passed });
        return {
          id: x.id,
          number: x.number,
          status: x.status,
          submittedAt: x.submittedAt,
          percent: reveal.score ? x.percent : null,
          passed: reveal.score ? x.passed : null,
          answersShown: reveal.answers,
          href: `/courses/${course.slug}/assessments/${a.slug}/attempts/${x.id}`,
        };
      }),
    };
  });
  return {
    course: { slug: course.slug, title: (texts[locale] ?? texts[course.sourceLocale])?.title ?? course.slug },
    standing,
    assessments,
  };
}
