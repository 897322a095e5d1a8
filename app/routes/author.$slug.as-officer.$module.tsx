/** /author/<slug>/as-officer/<module>: a module of the working copy as its module page will show it; no progress is recorded. */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { OfficerPreviewBanner } from "~/components/officer-preview-banner";
import { directionOf } from "~/i18n/i18n";
import { resolveLocale } from "~/i18n/locale.server";
import { useLocale, useT } from "~/i18n/use-t";
import { requireEditableCourse } from "~/models/course-authoring.server";
import { previewModuleAsOfficer } from "~/models/officer-preview.server";
import { requireRole } from "~/utils/auth.server";
import { languageName } from "~/utils/languages";
import { pageTitle } from "~/utils/meta";

export const handle = { hydrate: false };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "asOfficer.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "TRAINER", "ADMIN");
  const course = await requireEditableCourse({ slug: params.slug!, user });
  const locale = await resolveLocale(request, user);
  const preview = await previewModuleAsOfficer({ course, moduleSlug: params.module!, locale });
  return { slug: course.slug, isDraft: Boolean(course.draft), ...preview };
}

export default function ModuleAsOfficer() {
  const t = useT();
  const { locale } = useLocale();
  const page = useLoaderData<typeof loader>();
  const base = `/author/${page.slug}/as-officer`;
  return (
    <article className="module-page" aria-labelledby="module-title">
      <OfficerPreviewBanner slug={page.slug} isDraft={page.isDraft} />
      <nav aria-label={t("nav.breadcrumb")} className="breadcrumb">
        <Link to={base}>{page.course.title}</Link>
      </nav>
      <p className="muted">
        {t("module.position", { number: page.module.number, total: page.module.total, minutes: page.module.minutes })}
      </p>
      <h1 id="module-title" dir="auto">
        {page.module.title}
      </h1>
      {page.fallback ? (
        <p className="note-banner">
          {t("module.notTranslated", { language: languageName(page.contentLocale, locale) })}
        </p>
      ) : null}
      <div
        className="prose"
        lang={page.contentLocale}
        dir={directionOf(page.contentLocale)}
        dangerouslySetInnerHTML={{ __html: page.html }}
      />
      {page.assessment ? (
        <p className="complete-form">
          <Link className="button" to={`${base}/assessments/${page.assessment.slug}`}>
            {t("assessment.takeToComplete", { title: page.assessment.title })}
          </Link>
        </p>
      ) : (
        <p className="complete-form">
          <span className="muted">{t("asOfficer.markCompleteHere")}</span>
        </p>
      )}
      <nav aria-label={t("module.navigation")} className="module-nav">
        {page.previous ? (
          <Link to={`${base}/${page.previous.slug}`} rel="prev">
            <span className="muted">{t("module.previous")}</span> <span dir="auto">{page.previous.title}</span>
          </Link>
        ) : (
          <span />
        )}
        {page.next ? (
          <Link to={`${base}/${page.next.slug}`} rel="next">
            <span className="muted">{t("module.next")}</span> <span dir="auto">{page.next.title}</span>
          </Link>
        ) : (
          <Link to={base}>{t("module.backToCourse")}</Link>
        )}
      </nav>
    </article>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
