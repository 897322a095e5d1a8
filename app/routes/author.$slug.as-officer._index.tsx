/** /author/<slug>/as-officer: the working copy's course page and outline as officers will see them. */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { OfficerPreviewBanner } from "~/components/officer-preview-banner";
import { directionOf } from "~/i18n/i18n";
import { resolveLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/use-t";
import { requireEditableCourse } from "~/models/course-authoring.server";
import { previewCourseAsOfficer } from "~/models/officer-preview.server";
import { requireRole } from "~/utils/auth.server";
import { pageTitle } from "~/utils/meta";

/** Reading needs no JavaScript. */
export const handle = { hydrate: false };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "asOfficer.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "TRAINER", "ADMIN");
  const course = await requireEditableCourse({ slug: params.slug!, user });
  const locale = await resolveLocale(request, user);
  return { slug: course.slug, ...(await previewCourseAsOfficer({ course, locale })) };
}

export default function CourseAsOfficer() {
  const t = useT();
  const page = useLoaderData<typeof loader>();
  const base = `/author/${page.slug}/as-officer`;
  return (
    <article aria-labelledby="course-title">
      <OfficerPreviewBanner slug={page.slug} isDraft={page.isDraft} />
      <h1 id="course-title" dir="auto">
        {page.title}
      </h1>
      <p dir="auto">{page.summary}</p>
      {page.bodyHtml ? (
        <div
          className="prose"
          lang={page.locale}
          dir={directionOf(page.locale)}
          dangerouslySetInnerHTML={{ __html: page.bodyHtml }}
        />
      ) : null}
      {!page.filesOk ? <p className="note-banner">{t("asOfficer.filesProblems")}</p> : null}
      <h2>{t("course.syllabus")}</h2>
      {page.modules.length === 0 ? <p>{t("author.noModules")}</p> : null}
      <ol className="syllabus">
        {page.modules.map((m) => (
          <li key={m.slug}>
            <Link to={`${base}/${m.slug}`} dir="auto">
              {m.title}
            </Link>{" "}
            <span className="muted">
              {t("module.minutes", { minutes: m.minutes })}
              {m.required ? "" : ` · ${t("module.optional")}`}
            </span>
            {m.assessment ? (
              <>
                {" · "}
                <Link to={`${base}/assessments/${m.assessment.slug}`} dir="auto">
                  {m.assessment.title}
                </Link>
              </>
            ) : null}
          </li>
        ))}
      </ol>
      {page.final || page.practice.length ? (
        <>
          <h2>{t("asOfficer.assessments")}</h2>
          <ul>
            {page.final ? (
              <li>
                <Link to={`${base}/assessments/${page.final.slug}`} dir="auto">
                  {page.final.title}
                </Link>{" "}
                <span className="muted">({t("asOfficer.final")})</span>
              </li>
            ) : null}
            {page.practice.map((a) => (
              <li key={a.slug}>
                <Link to={`${base}/assessments/${a.slug}`} dir="auto">
                  {a.title}
                </Link>{" "}
                <span className="muted">({t("asOfficer.practice")})</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </article>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
