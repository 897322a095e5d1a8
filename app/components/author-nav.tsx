import { NavLink } from "@remix-run/react";
import { useT } from "~/i18n/use-t";

export function AuthorNav({ slug, published }: { slug: string; published: boolean }) {
  const t = useT();
  return (
    <nav aria-label={t("author.sections")} className="tabs">
      <NavLink to={`/author/${slug}`} end>
        {t("author.tab.course")}
      </NavLink>
      <NavLink to={`/author/${slug}/translations`}>{t("author.tab.translations")}</NavLink>
      <NavLink to={`/author/${slug}/cohorts`}>{t("author.tab.cohorts")}</NavLink>
      <NavLink to={`/author/${slug}/applications`}>{t("author.tab.applications")}</NavLink>
      <NavLink to={`/author/${slug}/progress`}>{t("author.tab.progress")}</NavLink>
      <NavLink to={`/author/${slug}/media`}>{t("media.tab")}</NavLink>
      <NavLink to={`/author/${slug}/questions`}>{t("author.tab.questions")}</NavLink>
      <NavLink to={`/author/${slug}/assessments`}>{t("author.tab.assessments")}</NavLink>
      <NavLink to={`/author/${slug}/grading`}>{t("author.tab.grading")}</NavLink>
      <NavLink to={`/author/${slug}/revisions`}>{t("author.tab.revisions")}</NavLink>
      {published ? <NavLink to={`/courses/${slug}`}>{t("author.tab.view")}</NavLink> : null}
    </nav>
  );
}
