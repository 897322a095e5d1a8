import { Link } from "@remix-run/react";
import { useT } from "~/i18n/use-t";
import type { AssessmentState, NextStep, Standing } from "~/models/next-step.server";
import { ProgressBar } from "./progress-bar";

/**
 * The one next action of an enrolment (app/models/next-step.server.ts): one primary button,
 * or words when there is nothing to press (waiting for a place, for grading, for a certificate).
 */
export function NextStepBox({
  step,
  resultsHref,
  headingLevel = 2,
  id,
  onDashboard = false,
  currentPath,
  landmark = true,
}: {
  step: NextStep;
  resultsHref: string;
  headingLevel?: 2 | 3;
  id: string;
  /** The dashboard shows the certificate card itself: no button pointing to it. */
  onDashboard?: boolean;
  /** The page itself: no button or link pointing back to it. */
  currentPath?: string;
  /** False where several appear on one page (the dashboard): a landmark name must be unique. */
  landmark?: boolean;
}) {
  const t = useT();
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const button = (href: string, label: string) =>
    href === currentPath ? null : (
      <p>
        <Link className="button" to={href} reloadDocument={href.endsWith(".pdf")}>
          {label}
        </Link>
      </p>
    );
  let body: React.ReactNode;
  switch (step.kind) {
    case "enrol":
      return null;
    case "waiting-for-place":
      body = <p>{step.status === "PENDING" ? t("next.pending") : t("next.waitlisted")}</p>;
      break;
    case "start":
      body = (
        <>
          <p dir="auto">{t("next.start.explained", { title: step.module.title })}</p>
          {button(step.href, t("next.start"))}
        </>
      );
      break;
    case "continue":
      body = button(step.href, t("next.continue", { title: step.module.title }));
      break;
    case "assessment": {
      const title = step.assessment.title;
      const label =
        step.assessment.state === "in-progress"
          ? t("next.assessment.resume", { title })
          : step.assessment.state === "retry"
            ? t("next.assessment.retry", { title })
            : step.final
              ? t("next.final", { title })
              : t("next.assessment", { title });
      body = (
        <>
          {step.final ? <p>{t("next.final.explained")}</p> : null}
          {button(step.href, label)}
        </>
      );
      break;
    }
    case "waiting-for-grading":
      body = (
        <>
          <p dir="auto">{t("next.waiting", { title: step.assessment.title })}</p>
          {button(step.href, t("next.seeResults"))}
        </>
      );
      break;
    case "blocked":
      body = (
        <>
          <p dir="auto">{t("next.blocked", { title: step.assessment.title })}</p>
          {button(step.href, t("next.seeResults"))}
        </>
      );
      break;
    case "certificate":
      body = (
        <>
          <p>
            {step.state === "declined"
              ? t("next.certificate.declined", { reason: step.reason ?? "" })
              : t(`next.certificate.${step.state}`)}
          </p>
          {step.state === "ready" && step.href
            ? button(step.href, t("next.certificate.download"))
            : step.href && !onDashboard
              ? button(step.href, t("next.certificate.see"))
              : null}
          {step.state !== "ready" && resultsHref !== currentPath ? (
            <p>
              <Link to={resultsHref}>{t("next.seeResults")}</Link>
            </p>
          ) : null}
        </>
      );
      break;
    case "finished":
      body = (
        <>
          <p>{t("next.finished")}</p>
          {button(step.href, t("next.backToCourse"))}
        </>
      );
      break;
  }
  const content = (
    <>
      <Heading id={id}>{t("next.heading")}</Heading>
      {body}
    </>
  );
  return landmark ? (
    <section className="next-step" aria-labelledby={id}>
      {content}
    </section>
  ) : (
    <div className="next-step">{content}</div>
  );
}

/** The words for an assessment's state, as the learner and the trainers' grid say it. */
export function useStateText() {
  const t = useT();
  return (state: AssessmentState) => t(`standing.state.${state}`);
}

/** Progress in one place: the bar, modules, assessments and what is still required. */
export function StandingSummary({ standing, resultsHref }: { standing: Standing; resultsHref: string | null }) {
  const t = useT();
  const stateText = useStateText();
  const { counts } = standing;
  const label = t("standing.bar", { done: standing.requiredDone, total: standing.requiredTotal });
  return (
    <div className="standing">
      <ProgressBar value={standing.requiredDone} max={standing.requiredTotal} label={label} />
      <ul className="standing-facts">
        <li>{t("standing.modules", { done: counts.modulesDone, total: counts.modulesRequired })}</li>
        {counts.assessmentsTotal ? (
          <li>
            {t("standing.assessments", {
              passed: counts.assessmentsPassed,
              waiting: counts.assessmentsWaiting,
              toTake: counts.assessmentsToTake,
            })}
          </li>
        ) : null}
      </ul>
      {standing.complete ? (
        <p>{t("standing.complete")}</p>
      ) : standing.left.length ? (
        <details className="standing-left">
          <summary>
            {t("standing.left")} ({standing.left.length})
          </summary>
          <ul>
            {standing.left.map((item) => (
              <li key={item.href} dir="auto">
                <Link to={item.href}>
                  {item.kind === "module"
                    ? t("standing.left.module", { title: item.title })
                    : t("standing.left.assessment", { title: item.title, state: stateText(item.state) })}
                </Link>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {resultsHref ? (
        <p>
          <Link to={resultsHref}>{t("standing.results")}</Link>
        </p>
      ) : null}
    </div>
  );
}
