import { Form, Link } from "@remix-run/react";
import { useT } from "~/i18n/use-t";

export type EnrolPanelData = {
  slug: string;
  policy: "open" | "key" | "approval" | "nomination";
  signedIn: boolean;
  canManage: boolean;
  enrolment: { status: string; cohort: string | null; decisionReason: string | null } | null;
  cohorts: {
    id: string;
    name: string;
    dates: string;
    window: "open" | "not-yet-open" | "closed";
    placesLeft: number | null;
  }[];
  resume: { slug: string; title: string } | null;
  error: string | null;
  errorParams?: Record<string, string | number>;
};

/** The enrolment box of a course page: plain forms, no JavaScript needed. */
export function EnrolPanel({ data }: { data: EnrolPanelData }) {
  const t = useT();
  const { slug, policy, enrolment, cohorts } = data;
  const openCohorts = cohorts.filter((c) => c.window === "open");
  const live =
    enrolment && ["AWAITING_ENDORSEMENT", "PENDING", "WAITLISTED", "ACTIVE", "COMPLETED"].includes(enrolment.status);
  return (
    <section aria-labelledby="enrol-title" className="enrol-box">
      <h2 id="enrol-title">{t("course.enrolment")}</h2>
      <p>{t(`enrolment.${policy}.explained`)}</p>
      {data.error ? (
        <p className="form-errors" role="alert">
          {t.key(data.error, data.errorParams)}
        </p>
      ) : null}
      {cohorts.length ? (
        <ul className="cohort-list">
          {cohorts.map((c) => (
            <li key={c.id}>
              <strong dir="auto">{c.name}</strong> {c.dates ? <span className="muted">· {c.dates}</span> : null} ·{" "}
              {t(`cohort.window.${c.window}`)}
              {c.placesLeft !== null ? ` · ${t("cohort.placesLeft", { count: c.placesLeft })}` : ""}
            </li>
          ))}
        </ul>
      ) : null}
      {enrolment ? (
        <p className={`enrolment-status status-${enrolment.status.toLowerCase()}`} role="status">
          {t(`enrolmentStatus.${enrolment.status as "ACTIVE"}`)}
          {enrolment.cohort ? ` · ${enrolment.cohort}` : ""}
          {enrolment.decisionReason ? ` · ${t("enrolment.reason", { reason: enrolment.decisionReason })}` : ""}
        </p>
      ) : null}
      {data.resume ? (
        <p>
          <Link className="button" to={`/courses/${slug}/${data.resume.slug}`}>
            {t("enrolment.resume", { title: data.resume.title })}
          </Link>
        </p>
      ) : null}
      {!data.signedIn ? (
        <p>
          <Link to={`/login?${new URLSearchParams({ redirectTo: `/courses/${slug}` })}`}>
            {t("enrolment.loginToEnrol")}
          </Link>
        </p>
      ) : data.canManage ? (
        <p>
          <Link to={`/author/${slug}/cohorts`}>{t("enrolment.manage")}</Link>
        </p>
      ) : live ? (
        <Form method="post">
          <input type="hidden" name="intent" value="withdraw" />
          <button type="submit" className="button-link">
            {enrolment.status === "PENDING" || enrolment.status === "AWAITING_ENDORSEMENT"
              ? t("enrolment.cancelApplication")
              : t("enrolment.withdraw")}
          </button>
        </Form>
      ) : cohorts.length && !openCohorts.length ? null : (
        <Form method="post" className="enrol-form">
          <input type="hidden" name="intent" value="enrol" />
          {openCohorts.length > 1 ? (
            <div className="field">
              <label htmlFor="enrol-cohort">{t("enrolment.cohort")}</label>
              <select id="enrol-cohort" name="cohortId" required>
                {openCohorts.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </div>
          ) : openCohorts.length === 1 ? (
            <input type="hidden" name="cohortId" value={openCohorts[0]!.id} />
          ) : null}
          {policy === "key" ? (
            <div className="field">
              <label htmlFor="enrol-key">{t("enrolment.keyField")}</label>
              <input id="enrol-key" name="key" required autoComplete="off" />
            </div>
          ) : null}
          {policy === "approval" || policy === "nomination" ? (
            <div className="field">
              <label htmlFor="enrol-justification">{t("enrolment.justification")}</label>
              <p className="hint" id="enrol-justification-hint">
                {t("enrolment.justification.hint")}
              </p>
              <textarea
                id="enrol-justification"
                name="justification"
                rows={4}
                required={policy === "approval"}
                minLength={policy === "approval" ? 10 : undefined}
                aria-describedby="enrol-justification-hint"
                dir="auto"
              />
            </div>
          ) : null}
          <button type="submit" className="button">
            {policy === "approval" || policy === "nomination" ? t("enrolment.apply") : t("enrolment.enrol")}
          </button>
        </Form>
      )}
    </section>
  );
}
