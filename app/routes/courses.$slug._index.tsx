import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { resolveLocale } from "~/i18n/locale.server";
import { useLocale, useT } from "~/i18n/use-t";
import { getCourseOverview } from "~/models/courses.server";
import { getUser } from "~/utils/auth.server";
import { languageName } from "~/utils/languages";

/** Reading pages need no JavaScript: the root leaves the scripts out to keep them light. */
export const handle = { hydrate: false };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.course.title} · Haidang` : "Haidang" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const locale = await resolveLocale(request, user);
  const course = await getCourseOverview({ slug: params.slug!, locale, viewer: user });
  return { course, canEdit: user?.role === "ADMIN" || user?.role === "TRAINER" };
}

export default function CoursePage() {
  const t = useT();
  const { locale } = useLocale();
  const { course, canEdit } = useLoaderData<typeof loader>();
  const totalMinutes = course.modules.reduce((sum, m) => sum + m.minutes, 0);
  return (
    <article className="course-page" aria-labelledby="course-title">
      <nav aria-label={t("nav.breadcrumb")} className="breadcrumb">
        <Link to="/courses">{t("catalogue.title")}</Link>
      </nav>
      <h1 id="course-title" lang={course.fallback ? course.sourceLocale : locale} dir="auto">
        {course.title}
      </h1>
      <p className="lead" dir="auto">
        {course.summary}
      </p>
      {course.fallback ? <p className="note-banner">{t("course.notTranslated", { language: languageName(course.sourceLocale, locale) })}</p> : null}
      <dl className="facts">
        <div>
          <dt>{t("course.level")}</dt>
          <dd>{t(`level.${course.meta.level}`)}</dd>
        </div>
        <div>
          <dt>{t("course.hours")}</dt>
          <dd>{t("course.hoursValue", { hours: course.meta.hours })}</dd>
        </div>
        <div>
          <dt>{t("course.languages")}</dt>
          <dd>{course.languages.map((l) => languageName(l, locale)).join(", ")}</dd>
        </div>
        <div>
          <dt>{t("course.passMark")}</dt>
          <dd>{course.meta.passMark}%</dd>
        </div>
        <div>
          <dt>{t("course.certificate")}</dt>
          <dd>{t(`certificate.${course.meta.certificate}`)}</dd>
        </div>
      </dl>
      {course.prerequisites.length ? (
        <section aria-labelledby="prereq-title">
          <h2 id="prereq-title">{t("course.prerequisites")}</h2>
          <ul>
            {course.prerequisites.map((p) => (
              <li key={p.slug}>{p.exists ? <Link to={`/courses/${p.slug}`}>{p.title}</Link> : p.title}</li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="enrol-title" className="enrol-box">
        <h2 id="enrol-title">{t("course.enrolment")}</h2>
        <p>{t(`enrolment.${course.meta.enrolment}.explained`)}</p>
      </section>
      {course.descriptionHtml ? (
        <div className="prose" lang={course.fallback ? course.sourceLocale : locale} dangerouslySetInnerHTML={{ __html: course.descriptionHtml }} />
      ) : null}
      <section aria-labelledby="syllabus-title">
        <h2 id="syllabus-title">{t("course.syllabus")}</h2>
        <p>{t("course.syllabusSummary", { count: course.modules.length, minutes: totalMinutes })}</p>
        <ol className="syllabus">
          {course.modules.map((m) => (
            <li key={m.slug}>
              {m.access === "allowed" ? (
                <Link to={`/courses/${course.slug}/${m.slug}`} dir="auto">
                  {m.title}
                </Link>
              ) : (
                <span dir="auto">{m.title}</span>
              )}{" "}
              <span className="muted">
                · {t("module.minutes", { minutes: m.minutes })}
                {m.required ? "" : ` · ${t("module.optional")}`}
                {m.preview ? ` · ${t("module.preview")}` : ""}
                {m.access === "allowed" ? "" : ` · ${t("module.locked")}`}
              </span>
            </li>
          ))}
        </ol>
      </section>
      <p className="muted">{t("course.revision", { revision: course.revision })}</p>
      {canEdit ? (
        <p>
          <Link to={`/author/${course.slug}`}>{t("course.edit")}</Link>
        </p>
      ) : null}
    </article>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
