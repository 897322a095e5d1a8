import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ProgressBar } from "~/components/progress-bar";
import { formatDate } from "~/i18n/format.server";
import { resolveLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/use-t";
import { certificatesOfUser } from "~/models/certificates.server";
import { learnerDashboard } from "~/models/progress.server";
import { nominationStatusLabels } from "~/models/nominations.server";
import { requireUser } from "~/utils/auth.server";
import { VerifyEmailBanner } from "~/components/verify-email-banner";
import { isEmailVerified } from "~/models/account-tokens.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "dashboard.title");
export const handle = { hydrate: false };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const locale = await resolveLocale(request, user);
  const [courses, certificates, verified, nominationLabels] = await Promise.all([
    learnerDashboard({ userId: user.id, locale }),
    certificatesOfUser({ userId: user.id }),
    isEmailVerified({ userId: user.id }),
    nominationStatusLabels({ userId: user.id }),
  ]);
  return {
    unverified: verified === false,
    courses: courses.map((c) => {
      const certificate = certificates.find((x) => x.courseId === c.courseId) ?? null;
      return {
        ...c,
        nominationLabel: nominationLabels[c.id] ?? null,
        completedOn: formatDate(c.completedAt, locale),
        certificate: certificate
          ? {
              serial: certificate.serial,
              status: certificate.status,
              revoked: Boolean(certificate.revokedAt),
              verifications: certificate.verificationCount,
            }
          : null,
      };
    }),
  };
}

export default function Dashboard() {
  const t = useT();
  const { courses, unverified } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="dashboard-title">
      <h1 id="dashboard-title">{t("dashboard.title")}</h1>
      {unverified ? <VerifyEmailBanner redirectTo="/dashboard" /> : null}
      {courses.length === 0 ? (
        <p>
          {t("dashboard.none")} <Link to="/courses">{t("dashboard.browse")}</Link>
        </p>
      ) : (
        <ul className="course-list">
          {courses.map((c) => (
            <li key={c.id} className={`course-card status-${c.status.toLowerCase()}`}>
              <h2>
                <Link to={`/courses/${c.course.slug}`} dir="auto">
                  {c.course.title}
                </Link>
              </h2>
              <p className="enrolment-status">
                {c.nominationLabel ? t.key(c.nominationLabel) : t(`enrolmentStatus.${c.status}`)}
                {c.cohort ? ` · ${c.cohort}` : ""}
                {c.completedOn ? ` · ${t("dashboard.completedOn", { date: c.completedOn })}` : ""}
              </p>
              {c.decisionReason ? <p className="muted">{t("enrolment.reason", { reason: c.decisionReason })}</p> : null}
              {c.status === "ACTIVE" || c.status === "COMPLETED" ? (
                <>
                  <ProgressBar
                    value={c.requiredDone}
                    max={c.requiredTotal}
                    label={t("dashboard.progress", { done: c.requiredDone, total: c.requiredTotal })}
                  />
                  <p className="muted">{t("dashboard.progress", { done: c.requiredDone, total: c.requiredTotal })}</p>
                  {c.status === "ACTIVE" && c.next ? (
                    <p>
                      <Link className="button small" to={`/courses/${c.course.slug}/${c.next.slug}`}>
                        {t("dashboard.next", { title: c.next.title })}
                      </Link>
                      {c.resume && c.resume.slug !== c.next.slug ? (
                        <>
                          {" "}
                          <Link to={`/courses/${c.course.slug}/${c.resume.slug}`}>
                            {t("enrolment.resume", { title: c.resume.title })}
                          </Link>
                        </>
                      ) : null}
                    </p>
                  ) : null}
                </>
              ) : null}
              {c.certificate ? (
                <div className="certificate-box">
                  {c.certificate.revoked ? (
                    <p>{t("dashboard.certificate.revoked", { serial: c.certificate.serial })}</p>
                  ) : c.certificate.status === "READY" ? (
                    <p>
                      {t("dashboard.certificate.ready")}{" "}
                      <a href={`/certificates/${c.certificate.serial}.pdf`}>{t("dashboard.certificate.pdf")}</a>
                      {" · "}
                      <a href={`/certificates/${c.certificate.serial}.json`}>{t("dashboard.certificate.credential")}</a>
                      {" · "}
                      <a href={`/verify/${c.certificate.serial}`}>{t("dashboard.certificate.verify")}</a>
                      <br />
                      {t("accounts.verifications", { count: c.certificate.verifications })}
                    </p>
                  ) : c.certificate.status === "FAILED" ? (
                    <p>{t("dashboard.certificate.failed")}</p>
                  ) : (
                    <p>{t("dashboard.certificate.preparing")}</p>
                  )}
                </div>
              ) : c.certificateDecision?.state === "AWAITING_APPROVAL" ? (
                <p className="certificate-box">{t("dashboard.certificate.awaiting")}</p>
              ) : c.certificateDecision?.state === "DECLINED" ? (
                <p className="certificate-box">
                  {t("dashboard.certificate.declined", { reason: c.certificateDecision.reason ?? "" })}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
