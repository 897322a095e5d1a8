import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { AuthorNav } from "~/components/author-nav";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formatDate } from "~/i18n/format.server";
import { resolveLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/use-t";
import { listRevisions, requireEditableCourse } from "~/models/course-authoring.server";
import { requireRole } from "~/utils/auth.server";
import { pageTitle } from "~/utils/meta";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { TableScroll } from "~/components/table-scroll";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "author.tab.revisions");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "TRAINER", "ADMIN");
  const course = await requireEditableCourse({ slug: params.slug!, user });
  const locale = await resolveLocale(request, user);
  const revisions = (await listRevisions({ course })).map((r) => ({
    ...r,
    when: formatDate(r.publishedAt, locale, true),
  }));
  return { slug: course.slug, title: course.title, published: Boolean(course.currentRevisionId), revisions };
}

export default function Revisions() {
  const t = useT();
  const { slug, title, published, revisions } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="revisions-title">
      <Breadcrumbs
        items={[
          { label: t("author.title"), to: "/author" },
          { label: title, to: `/author/${slug}` },
          { label: t("author.tab.revisions") },
        ]}
      />
      <h1 id="revisions-title" dir="auto">
        {title}
      </h1>
      <AuthorNav slug={slug} published={published} />
      <h2>{t("author.tab.revisions")}</h2>
      {revisions.length === 0 ? (
        <p>{t("author.neverPublished")}</p>
      ) : (
        <TableScroll label={t("author.tab.revisions")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("author.revision")}</th>
                <th scope="col">{t("author.publishedAt")}</th>
                <th scope="col">{t("author.publishedBy")}</th>
                <th scope="col">{t("author.origin")}</th>
                <th scope="col">{t("author.note")}</th>
              </tr>
            </thead>
            <tbody>
              {revisions.map((r) => (
                <tr key={r.number}>
                  <th scope="row">{r.number}</th>
                  <td className="nowrap">{r.when}</td>
                  <td dir="auto">{r.publishedBy?.name ?? t("author.byImport")}</td>
                  <td>{r.origin === "import" ? t("author.origin.import") : t("author.origin.browser")}</td>
                  <td dir="auto">{r.note}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
