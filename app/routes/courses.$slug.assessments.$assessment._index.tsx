import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { AttemptScore } from "~/components/attempt-score";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formatDate } from "~/i18n/format.server";
import { resolveLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/use-t";
import { assessmentOverview, getAssessment, startAttempt } from "~/models/assessments.server";
import { requireUser } from "~/utils/auth.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { readFormData } from "~/utils/request.server";
import { TableScroll } from "~/components/table-scroll";

export const handle = { hydrate: false };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.assessment.title} · Haidang` : "Haidang" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const locale = await resolveLocale(request, user);
  const assessment = await getAssessment({ courseSlug: params.slug!, slug: params.assessment!, locale });
  const overview = await assessmentOverview({ assessment, userId: user.id });
  return {
    assessment: {
      slug: assessment.slug,
      title: assessment.title,
      courseSlug: assessment.courseSlug,
      moduleSlug: assessment.moduleSlug,
      final: assessment.final,
      passMark: assessment.passMark,
      attemptsAllowed: assessment.attemptsAllowed,
      timeLimitMinutes: assessment.timeLimitMinutes,
      feedback: assessment.feedback,
      questionCount: assessment.selection.reduce((n, rule) => n + ("question" in rule ? 1 : rule.count), 0),
    },
    access: overview.access,
    canStart: overview.canStart,
    left: overview.left,
    best: overview.best,
    passed: overview.passed,
    inProgress: overview.inProgress ? { id: overview.inProgress.id } : null,
    attempts: overview.attempts.map((a) => ({
      id: a.id,
      number: a.number,
      status: a.status,
      percent: a.percent,
      passed: a.passed,
      startedOn: formatDate(a.startedAt, locale, true),
      submittedOn: formatDate(a.submittedAt, locale, true),
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  await readFormData(request);
  const assessment = await getAssessment({ courseSlug: params.slug!, slug: params.assessment!, locale: "en" });
  const result = await startAttempt({ assessment, userId: user.id });
  const here = `/courses/${params.slug}/assessments/${params.assessment}`;
  if (result.status === "started" || result.status === "resumed")
    return redirect(`${here}/attempts/${result.attemptId}`);
  if (result.status === "not-allowed")
    return redirectWithFlash(here, { type: "error", key: `assessment.error.${result.access}` });
  return redirectWithFlash(here, { type: "error", key: `assessment.error.${result.status}` });
}

export default function AssessmentPage() {
  const t = useT();
  const { assessment, access, canStart, left, best, passed, inProgress, attempts } = useLoaderData<typeof loader>();
  const base = `/courses/${assessment.courseSlug}/assessments/${assessment.slug}`;
  return (
    <article aria-labelledby="assessment-title">
      <nav aria-label={t("nav.breadcrumb")} className="breadcrumb">
        <Link to={`/courses/${assessment.courseSlug}`}>{t("module.backToCourse")}</Link>
        {assessment.moduleSlug ? (
          <>
            {" › "}
            <Link to={`/courses/${assessment.courseSlug}/${assessment.moduleSlug}`}>
              {t("assessment.backToModule")}
            </Link>
          </>
        ) : null}
      </nav>
      <h1 id="assessment-title" dir="auto">
        {assessment.title}
      </h1>
      <dl className="facts">
        <div>
          <dt>{t("assessment.questions")}</dt>
          <dd>{assessment.questionCount}</dd>
        </div>
        <div>
          <dt>{t("assessment.passMark")}</dt>
          <dd>{assessment.passMark}%</dd>
        </div>
        <div>
          <dt>{t("assessment.attemptsAllowed")}</dt>
          <dd>{assessment.attemptsAllowed ?? t("assessment.unlimited")}</dd>
        </div>
        <div>
          <dt>{t("assessment.timeLimit")}</dt>
          <dd>
            {assessment.timeLimitMinutes
              ? t("assessment.minutes", { minutes: assessment.timeLimitMinutes })
              : t("assessment.noTimeLimit")}
          </dd>
        </div>
        <div>
          <dt>{t("assessment.feedbackLabel")}</dt>
          <dd>{t(`assessment.feedback.${assessment.feedback}`)}</dd>
        </div>
      </dl>
      {assessment.moduleSlug ? <p className="muted">{t("assessment.passCompletesModule")}</p> : null}
      {assessment.final ? <p className="muted">{t("assessment.finalNeeded")}</p> : null}
      {access === "enrolment-required" ? (
        <p className="note-banner">{t("assessment.error.enrolment-required")}</p>
      ) : null}
      {access === "locked" ? <p className="note-banner">{t("assessment.error.locked")}</p> : null}
      {passed ? (
        <p className="done-note" role="status">
          ✓ {t("assessment.youPassed", { percent: best ?? 0 })}
        </p>
      ) : best !== null ? (
        <p>{t("assessment.bestSoFar", { percent: best })}</p>
      ) : null}
      {inProgress ? (
        <p>
          <Link className="button" to={`${base}/attempts/${inProgress.id}`}>
            {t("assessment.continue")}
          </Link>
        </p>
      ) : canStart ? (
        <Form method="post">
          <button type="submit" className="button">
            {attempts.length === 0 ? t("assessment.start") : t("assessment.startAgain")}
          </button>
          {assessment.timeLimitMinutes ? (
            <p className="muted">{t("assessment.timerStarts", { minutes: assessment.timeLimitMinutes })}</p>
          ) : null}
        </Form>
      ) : left === 0 ? (
        <p className="note-banner">{t("assessment.noAttemptsLeft")}</p>
      ) : null}
      {left !== null && left > 0 ? <p className="muted">{t("assessment.attemptsLeft", { count: left })}</p> : null}
      {attempts.length > 0 ? (
        <TableScroll label={t("assessment.yourAttempts")}>
          <table className="data-table">
            <caption>{t("assessment.yourAttempts")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("assessment.attempt")}</th>
                <th scope="col">{t("assessment.started")}</th>
                <th scope="col">{t("assessment.statusLabel")}</th>
                <th scope="col">{t("assessment.score")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("assessment.open")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {attempts.map((a) => (
                <tr key={a.id}>
                  <td>{a.number}</td>
                  <td className="nowrap">{a.startedOn}</td>
                  <td>{t(`attemptStatus.${a.status}`)}</td>
                  <td>
                    <AttemptScore percent={a.percent} passed={a.passed} />
                  </td>
                  <td>
                    <Link to={`${base}/attempts/${a.id}`}>
                      {a.status === "IN_PROGRESS"
                        ? t("assessment.continue")
                        : t("assessment.review", { number: a.number })}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
    </article>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
