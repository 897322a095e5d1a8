import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { resolveLocale } from "~/i18n/locale.server";
import { useLocale, useT } from "~/i18n/use-t";
import { listCatalogue } from "~/models/courses.server";
import { getUser } from "~/utils/auth.server";
import { languageName } from "~/utils/languages";
import { pageTitle } from "~/utils/meta";
import { CatalogueQuerySchema } from "~/validation/courses";

/** Reading pages need no JavaScript: the root leaves the scripts out to keep them light. */
export const handle = { hydrate: false };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "catalogue.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const locale = await resolveLocale(request, user);
  const query = CatalogueQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { courses, facets } = await listCatalogue({ ...query, locale, viewer: user });
  return { courses, facets, query };
}

export default function Catalogue() {
  const t = useT();
  const { locale } = useLocale();
  const { courses, facets, query } = useLoaderData<typeof loader>();
  const filtered = Boolean(query.q || query.language || query.topic || query.level);
  return (
    <section aria-labelledby="catalogue-title">
      <h1 id="catalogue-title">{t("catalogue.title")}</h1>
      <p>{t("catalogue.intro")}</p>
      <Form method="get" className="search-form" role="search" aria-label={t("catalogue.search")}>
        <div className="field">
          <label htmlFor="catalogue-q">{t("catalogue.search")}</label>
          <input id="catalogue-q" type="search" name="q" defaultValue={query.q ?? ""} dir="auto" />
        </div>
        <div className="field">
          <label htmlFor="catalogue-language">{t("catalogue.language")}</label>
          <select id="catalogue-language" name="language" defaultValue={query.language ?? ""}>
            <option value="">{t("catalogue.anyLanguage")}</option>
            {facets.languages.map((tag) => (
              <option key={tag} value={tag}>
                {languageName(tag, locale)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="catalogue-topic">{t("catalogue.topic")}</label>
          <select id="catalogue-topic" name="topic" defaultValue={query.topic ?? ""}>
            <option value="">{t("catalogue.anyTopic")}</option>
            {facets.topics.map((topic) => (
              <option key={topic} value={topic}>
                {topic.replaceAll("-", " ")}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="catalogue-level">{t("catalogue.level")}</label>
          <select id="catalogue-level" name="level" defaultValue={query.level ?? ""}>
            <option value="">{t("catalogue.anyLevel")}</option>
            {(["introductory", "intermediate", "advanced"] as const).map((level) => (
              <option key={level} value={level}>
                {t(`level.${level}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          {t("catalogue.filter")}
        </button>
        {filtered ? <Link to="/courses">{t("catalogue.clear")}</Link> : null}
      </Form>
      <p role="status">{t("catalogue.count", { count: courses.length })}</p>
      {courses.length === 0 ? (
        <p>{t("catalogue.none")}</p>
      ) : (
        <ul className="course-list">
          {courses.map((course) => (
            <li key={course.slug} className="course-card">
              <h2>
                <Link to={`/courses/${course.slug}`}>{course.title}</Link>
              </h2>
              <p dir="auto">{course.summary}</p>
              <dl className="facts">
                <div>
                  <dt>{t("course.level")}</dt>
                  <dd>{t(`level.${course.level as "introductory"}`)}</dd>
                </div>
                <div>
                  <dt>{t("course.hours")}</dt>
                  <dd>{t("course.hoursValue", { hours: course.hours })}</dd>
                </div>
                <div>
                  <dt>{t("course.modules")}</dt>
                  <dd>{course.moduleCount}</dd>
                </div>
                <div>
                  <dt>{t("course.languages")}</dt>
                  <dd>{course.languages.map((l) => languageName(l, locale)).join(", ")}</dd>
                </div>
                <div>
                  <dt>{t("course.enrolment")}</dt>
                  <dd>{t(`enrolment.${course.enrolmentPolicy as "open"}`)}</dd>
                </div>
                {course.audience === "vetted" ? (
                  <div>
                    <dt>{t("restricted.field")}</dt>
                    <dd>{t("restricted.audience.vetted")}</dd>
                  </div>
                ) : null}
              </dl>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
