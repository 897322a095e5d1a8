import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { AuthorNav } from "~/components/author-nav";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useLanguageName, useT } from "~/i18n/use-t";
import { requireEditableCourse, translationStatus, workingCopy } from "~/models/course-authoring.server";
import { requireRole } from "~/utils/auth.server";
import { CONTENT_LANGUAGES } from "~/utils/languages";
import { pageTitle } from "~/utils/meta";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { TableScroll } from "~/components/table-scroll";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "author.tab.translations");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "TRAINER", "ADMIN");
  const course = await requireEditableCourse({ slug: params.slug!, user });
  const doc = await workingCopy(course);
  const add = new URL(request.url).searchParams.get("add");
  const extra = add && CONTENT_LANGUAGES.includes(add) ? [add] : [];
  return {
    slug: course.slug,
    title: doc.texts[doc.sourceLocale]?.title ?? course.slug,
    published: Boolean(course.currentRevisionId),
    sourceLocale: doc.sourceLocale,
    status: translationStatus(doc, extra),
    available: CONTENT_LANGUAGES.filter((l) => l !== doc.sourceLocale),
  };
}

export default function Translations() {
  const t = useT();
  const languageName = useLanguageName();
  const { slug, title, published, status, available, sourceLocale } = useLoaderData<typeof loader>();
  const label = (state: string) => t(`translation.${state as "missing"}`);
  return (
    <section aria-labelledby="translations-title">
      <Breadcrumbs
        items={[
          { label: t("author.title"), to: "/author" },
          { label: title, to: `/author/${slug}` },
          { label: t("author.tab.translations") },
        ]}
      />
      <h1 id="translations-title" dir="auto">
        {title}
      </h1>
      <AuthorNav slug={slug} published={published} />
      <h2>{t("author.tab.translations")}</h2>
      <p>{t("author.translations.intro", { language: languageName(sourceLocale) })}</p>
      {status.map((lang) => (
        <section key={lang.locale} aria-labelledby={`lang-${lang.locale}`} className="translation-block">
          <h3 id={`lang-${lang.locale}`}>{languageName(lang.locale)}</h3>
          <TableScroll label={languageName(lang.locale)}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("author.translations.part")}</th>
                  <th scope="col">{t("author.translations.state")}</th>
                </tr>
              </thead>
              <tbody>
                <tr>
                  <th scope="row">
                    <Link to={`/author/${slug}?lang=${lang.locale}`}>{t("author.translations.courseText")}</Link>
                  </th>
                  <td>
                    <span className={`state state-${lang.course}`}>{label(lang.course)}</span>
                  </td>
                </tr>
                {lang.modules.map((m) => (
                  <tr key={m.slug}>
                    <th scope="row">
                      <Link to={`/author/${slug}/modules/${m.slug}?lang=${lang.locale}`} dir="auto">
                        {m.title}
                      </Link>
                    </th>
                    <td>
                      <span className={`state state-${m.state}`}>{label(m.state)}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </section>
      ))}
      <Form method="get" className="inline-form wrap">
        <label htmlFor="add-language">{t("author.translations.add")}</label>
        <select id="add-language" name="add">
          {available.map((tag) => (
            <option key={tag} value={tag}>
              {languageName(tag)}
            </option>
          ))}
        </select>
        <button type="submit" className="button small">
          {t("author.translations.addButton")}
        </button>
      </Form>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
