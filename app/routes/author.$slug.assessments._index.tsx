import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { AuthorNav } from "~/components/author-nav";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { resolveLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/use-t";
import { assessmentsForTrainers } from "~/models/assessments.server";
import { requireEditableCourse } from "~/models/course-authoring.server";
import { requireRole } from "~/utils/auth.server";
import { pageTitle } from "~/utils/meta";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { TableScroll } from "~/components/table-scroll";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "author.tab.assessments");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "TRAINER", "ADMIN");
  const course = await requireEditableCourse({ slug: params.slug!, user });
  const locale = await resolveLocale(request, user);
  const assessments = await assessmentsForTrainers({ courseId: course.id, locale });
  return {
    slug: course.slug,
    title: course.title,
    published: Boolean(course.currentRevisionId),
    assessments: assessments.map((a) => ({
      slug: a.slug,
      title: a.title,
      moduleSlug: a.moduleSlug,
      final: a.final,
      passMark: a.passMark,
      attemptsAllowed: a.attemptsAllowed,
      timeLimitMinutes: a.timeLimitMinutes,
      feedback: a.feedback,
      attempts: a.attempts,
      waiting: a.waiting,
      passedAttempts: a.passedAttempts,
    })),
  };
}

export default function TrainerAssessments() {
  const t = useT();
  const { slug, title, published, assessments } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="assessments-title">
      <Breadcrumbs
        items={[
          { label: t("author.title"), to: "/author" },
          { label: title, to: `/author/${slug}` },
          { label: t("author.tab.assessments") },
        ]}
      />
      <h1 id="assessments-title" dir="auto">
        {title}
      </h1>
      <AuthorNav slug={slug} published={published} />
      <h2>{t("author.tab.assessments")}</h2>
      <p className="muted">{t("assessments.filesHelp")}</p>
      <p>
        <Link className="button" to={`/author/${slug}/assessments/new`}>
          {t("assessments.new")}
        </Link>
      </p>
      {assessments.length === 0 ? (
        <p>{t("assessments.none")}</p>
      ) : (
        <TableScroll label={t("author.tab.assessments")}>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("assessments.assessment")}</th>
                <th scope="col">{t("assessments.attachedTo")}</th>
                <th scope="col">{t("assessment.passMark")}</th>
                <th scope="col">{t("assessments.attempts")}</th>
                <th scope="col">{t("assessments.waiting")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("bank.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {assessments.map((a) => (
                <tr key={a.slug}>
                  <td>
                    <Link to={`/author/${slug}/assessments/${a.slug}`} dir="auto">
                      {a.title}
                    </Link>
                  </td>
                  <td>{a.final ? t("assessments.final") : (a.moduleSlug ?? t("assessments.kind.practice"))}</td>
                  <td>{a.passMark}%</td>
                  <td>
                    {a.attempts}{" "}
                    <span className="muted">({t("assessments.passedCount", { count: a.passedAttempts })})</span>
                  </td>
                  <td>{a.waiting ? <Link to={`/author/${slug}/grading`}>{a.waiting}</Link> : 0}</td>
                  <td>
                    <Link to={`/author/${slug}/assessments/${a.slug}/settings`}>{t("assessments.settingsLink")}</Link>
                  </td>
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
