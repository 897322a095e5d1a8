import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { NextStepBox, StandingSummary, useStateText } from "~/components/next-step";
import { formatDate } from "~/i18n/format.server";
import { resolveLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/use-t";
import { learnerResults } from "~/models/results.server";
import { requireUser } from "~/utils/auth.server";
import { TableScroll } from "~/components/table-scroll";

/** A page to read: no JavaScript. */
export const handle = { hydrate: false };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.course.title} · Haidang` : "Haidang" },
];

/** The signed-in officer's own results in one course (404 for a course they were never in). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const locale = await resolveLocale(request, user);
  const results = await learnerResults({ userId: user.id, courseSlug: params.slug!, locale });
  return {
    ...results,
    assessments: results.assessments.map((a) => ({
      ...a,
      attempts: a.attempts.map((x) => ({
        ...x,
        submittedAt: undefined,
        submittedOn: formatDate(x.submittedAt, locale, true),
      })),
    })),
  };
}

export default function MyResults() {
  const t = useT();
  const stateText = useStateText();
  const { course, standing, assessments } = useLoaderData<typeof loader>();
  const here = `/dashboard/results/${course.slug}`;
  return (
    <article aria-labelledby="results-title">
      <nav aria-label={t("nav.breadcrumb")} className="breadcrumb">
        <Link to="/dashboard">{t("dashboard.title")}</Link> ›{" "}
        <Link to={`/courses/${course.slug}`} dir="auto">
          {course.title}
        </Link>
      </nav>
      <h1 id="results-title" dir="auto">
        {t("results.heading", { course: course.title })}
      </h1>
      <p>{t("results.intro")}</p>
      <StandingSummary standing={standing} resultsHref={null} />
      {standing.next.kind !== "certificate" ? (
        <NextStepBox step={standing.next} resultsHref={here} currentPath={here} id="results-next-step" />
      ) : null}
      {assessments.map((a) => (
        <section key={a.slug} aria-labelledby={`results-${a.slug}`} className="results-assessment">
          <h2 id={`results-${a.slug}`} dir="auto">
            {a.title}
          </h2>
          <p className="muted" dir="auto">
            {a.final ? t("results.final") : a.module ? t("results.module", { title: a.module }) : ""} ·{" "}
            {stateText(a.state)}
          </p>
          {a.attempts.length === 0 ? (
            <p>{t("results.noAttempts")}</p>
          ) : (
            <TableScroll label={a.title}>
              <table>
                <caption className="visually-hidden">{t("results.caption", { title: a.title })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("results.col.attempt")}</th>
                    <th scope="col">{t("results.col.submitted")}</th>
                    <th scope="col">{t("results.col.score")}</th>
                    <th scope="col">{t("results.col.feedback")}</th>
                  </tr>
                </thead>
                <tbody>
                  {a.attempts.map((x) => (
                    <tr key={x.id}>
                      <th scope="row">{t("results.attempt", { number: x.number })}</th>
                      <td className="nowrap">{x.status === "IN_PROGRESS" ? t("results.inProgress") : x.submittedOn}</td>
                      <td>
                        {x.status === "NEEDS_GRADING"
                          ? t("results.waiting")
                          : x.percent !== null
                            ? t("results.score", {
                                percent: x.percent,
                                outcome: x.passed ? t("results.passed") : t("results.notPassed"),
                              })
                            : x.status === "GRADED"
                              ? ""
                              : t("results.scoreLater")}
                      </td>
                      <td>
                        {x.status === "IN_PROGRESS" ? (
                          <Link to={x.href}>{t("results.resume")}</Link>
                        ) : (
                          <>
                            <Link to={x.href}>
                              {x.answersShown ? t("results.review") : t("results.reviewScoreOnly")}
                            </Link>
                            {!x.answersShown && x.status === "GRADED" ? (
                              <>
                                <br />
                                <span className="muted">
                                  {a.feedback === "NEVER" ? t("results.feedbackNever") : t("results.feedbackLater")}
                                </span>
                              </>
                            ) : null}
                          </>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
        </section>
      ))}
      <section aria-labelledby="results-certificate">
        <h2 id="results-certificate">{t("results.certificate")}</h2>
        {standing.next.kind === "certificate" ? (
          standing.next.state === "ready" && standing.next.serial ? (
            <p>
              <a className="button" href={`/certificates/${standing.next.serial}.pdf`}>
                {t("next.certificate.download")}
              </a>{" "}
              <Link to="/dashboard">{t("next.certificate.see")}</Link>
            </p>
          ) : (
            <p>
              {standing.next.state === "declined"
                ? t("next.certificate.declined", { reason: standing.next.reason ?? "" })
                : t(`next.certificate.${standing.next.state}`)}
            </p>
          )
        ) : (
          <p>{t("results.noCertificate")}</p>
        )}
      </section>
    </article>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
