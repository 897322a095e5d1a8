import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { directionOf } from "~/i18n/i18n";
import { resolveLocale } from "~/i18n/locale.server";
import { useLocale, useT } from "~/i18n/use-t";
import { getModuleForReading } from "~/models/courses.server";
import { getUser } from "~/utils/auth.server";
import { languageName } from "~/utils/languages";

/** Reading needs no JavaScript: the root leaves the scripts out of this page to keep it light. */
export const handle = { hydrate: false };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.module.title} · ${data.course.title} · Haidang` : "Haidang" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const locale = await resolveLocale(request, user);
  const result = await getModuleForReading({ slug: params.slug!, moduleSlug: params.module!, locale, viewer: user });
  const status = result.access === "allowed" ? 200 : result.access === "login-required" ? 401 : 403;
  return data(result, { status });
}

export default function ModulePage() {
  const t = useT();
  const { locale } = useLocale();
  const { course, module, previous, next, access, content } = useLoaderData<typeof loader>();
  const here = `/courses/${course.slug}/${module.slug}`;
  return (
    <article className="module-page" aria-labelledby="module-title">
      <nav aria-label={t("nav.breadcrumb")} className="breadcrumb">
        <Link to="/courses">{t("catalogue.title")}</Link> › <Link to={`/courses/${course.slug}`}>{course.title}</Link>
      </nav>
      <p className="muted">{t("module.position", { number: module.number, total: module.total, minutes: module.minutes })}</p>
      <h1 id="module-title" dir="auto">
        {module.title}
      </h1>
      {access === "login-required" ? (
        <p className="note-banner">
          {t("module.loginToRead")} <Link to={`/login?${new URLSearchParams({ redirectTo: here })}`}>{t("nav.login")}</Link>
        </p>
      ) : null}
      {access === "enrolment-required" ? <p className="note-banner">{t("module.enrolToRead")}</p> : null}
      {content?.fallback ? (
        <p className="note-banner">{t("module.notTranslated", { language: languageName(content.locale, locale) })}</p>
      ) : null}
      {content ? (
        <div className="prose" lang={content.locale} dir={directionOf(content.locale)} dangerouslySetInnerHTML={{ __html: content.html }} />
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
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
