import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { completeModule } from "~/models/progress.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { readFormData } from "~/utils/request.server";
import { CourseOutline } from "~/components/course-outline";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { NextStepBox } from "~/components/next-step";
import { directionOf } from "~/i18n/i18n";
import { resolveLocale } from "~/i18n/locale.server";
import { useLocale, useT } from "~/i18n/use-t";
import { getModuleForReading } from "~/models/courses.server";
import { enrolmentStanding } from "~/models/next-step.server";
import { getUser, requireUser } from "~/utils/auth.server";
import { languageName } from "~/utils/languages";
import { Breadcrumbs } from "~/components/breadcrumbs";

/** Reading needs no JavaScript: the root leaves the scripts out of this page to keep it light. */
export const handle = { hydrate: false };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.module.title} · ${data.course.title} · Haidang` : "Haidang" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const locale = await resolveLocale(request, user);
  const result = await getModuleForReading({ slug: params.slug!, moduleSlug: params.module!, locale, viewer: user });
  const standing = await enrolmentStanding({ userId: user?.id ?? null, courseSlug: params.slug!, locale });
  const status = result.access === "allowed" ? 200 : result.access === "login-required" ? 401 : 403;
  return data({ ...result, standing: standing! }, { status });
}

/** "I have finished this module": idempotent; the last required module completes the course. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  await readFormData(request);
  const next = String(new URL(request.url).searchParams.get("next") ?? "");
  const resumeAt = /^[a-z0-9-]+$/.test(next) ? next : null;
  const result = await completeModule({
    userId: user.id,
    courseSlug: params.slug!,
    moduleSlug: params.module!,
    resumeAt,
  });
  const course = `/courses/${params.slug}`;
  if (
    result.status === "not-enrolled" ||
    result.status === "locked" ||
    result.status === "unknown-module" ||
    result.status === "assessment-required"
  ) {
    return redirectWithFlash(`${course}/${params.module}`, { type: "error", key: `progress.error.${result.status}` });
  }
  if (result.status === "completed" && result.courseCompleted) {
    // The course is done: the certificate and what happens next are on the dashboard.
    return redirectWithFlash("/dashboard", { type: "success", key: "progress.courseCompleted" });
  }
  // Going on through modules already done follows the reader; otherwise, the one next step.
  const standing = await enrolmentStanding({ userId: user.id, courseSlug: params.slug!, locale: "en" });
  const step = standing?.next;
  const to =
    result.status === "already-completed" && resumeAt
      ? `${course}/${resumeAt}`
      : step && step.href && step.kind !== "certificate"
        ? step.href
        : resumeAt
          ? `${course}/${resumeAt}`
          : course;
  return redirectWithFlash(to, { type: "success", key: "progress.moduleCompleted" });
}

export default function ModulePage() {
  const t = useT();
  const { locale } = useLocale();
  const { course, module, previous, next, access, content, enrolled, completed, assessment, standing } =
    useLoaderData<typeof loader>();
  const here = `/courses/${course.slug}/${module.slug}`;
  const personal = access === "allowed" && enrolled;
  const outline = { courseSlug: course.slug, standing, currentSlug: module.slug, personal };
  return (
    <div className="module-layout">
      <CourseOutline {...outline} variant="wide" />
      <article className="module-page" aria-labelledby="module-title">
        <Breadcrumbs
          items={[
            { label: t("catalogue.title"), to: "/courses" },
            { label: course.title, to: `/courses/${course.slug}` },
            { label: module.title, to: `/courses/${course.slug}/${module.slug}` },
          ]}
        />
        <p className="muted">
          {t("module.position", { number: module.number, total: module.total, minutes: module.minutes })}
        </p>
        <h1 id="module-title" dir="auto">
          {module.title}
        </h1>
        <CourseOutline {...outline} variant="narrow" />
        {access === "login-required" ? (
          <p className="note-banner">
            {t("module.loginToRead")}{" "}
            <Link to={`/login?${new URLSearchParams({ redirectTo: here })}`}>{t("nav.login")}</Link>
          </p>
        ) : null}
        {access === "enrolment-required" ? (
          <p className="note-banner">
            {t("module.enrolToRead")} <Link to={`/courses/${course.slug}`}>{t("module.backToCourse")}</Link>
          </p>
        ) : null}
        {access === "locked" ? <p className="note-banner">{t("module.lockedExplained")}</p> : null}
        {content?.fallback ? (
          <p className="note-banner">{t("module.notTranslated", { language: languageName(content.locale, locale) })}</p>
        ) : null}
        {content ? (
          <div
            className="prose"
            lang={content.locale}
            dir={directionOf(content.locale)}
            dangerouslySetInnerHTML={{ __html: content.html }}
          />
        ) : null}
        {access === "allowed" && enrolled ? (
          completed ? (
            <>
              <p className="done-note" role="status">
                ✓ {t("module.youCompleted")}
              </p>
              <NextStepBox
                step={standing.next}
                resultsHref={`/dashboard/results/${course.slug}`}
                id="module-next-step"
              />
            </>
          ) : assessment ? (
            <p className="complete-form">
              <Link className="button" to={`/courses/${course.slug}/assessments/${assessment.slug}`}>
                {t("assessment.takeToComplete", { title: assessment.title })}
              </Link>
            </p>
          ) : (
            <Form
              method="post"
              action={`?${new URLSearchParams(next ? { next: next.slug } : {})}`}
              className="complete-form"
            >
              <button type="submit" className="button">
                {t("module.markComplete")}
              </button>
            </Form>
          )
        ) : null}
        <nav aria-label={t("module.navigation")} className="module-nav">
          {previous ? (
            <Link to={`/courses/${course.slug}/${previous.slug}`} rel="prev">
              <span className="muted">{t("module.previous")}</span> <span dir="auto">{previous.title}</span>
            </Link>
          ) : (
            <span />
          )}
          {next ? (
            <Link to={`/courses/${course.slug}/${next.slug}`} rel="next">
              <span className="muted">{t("module.next")}</span> <span dir="auto">{next.title}</span>
            </Link>
          ) : (
            <Link to={`/courses/${course.slug}`}>{t("module.backToCourse")}</Link>
          )}
        </nav>
      </article>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
