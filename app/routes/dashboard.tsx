import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { NextStepBox, StandingSummary } from "~/components/next-step";
import { formatDate } from "~/i18n/format.server";
import { resolveLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/use-t";
import { certificatesOfUser } from "~/models/certificates.server";
import { learnerDashboard } from "~/models/progress.server";
import { nominationStatusLabels } from "~/models/nominations.server";
import { requireUser } from "~/utils/auth.server";
import { VerifyEmailBanner } from "~/components/verify-email-banner";
import { isEmailVerified } from "~/models/account-tokens.server";
import { env } from "~/utils/env.server";
import { useHydrated } from "~/utils/use-hydrated";
import { usePollWhile } from "~/utils/use-poll-while";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "dashboard.title");

/**
 * No JavaScript, except while a certificate is being prepared: then the page hydrates to ask
 * again every few seconds (without JavaScript it says when to come back, with a plain link).
 */
export const handle = { hydrate: (data: unknown) => (data as { preparing?: boolean } | undefined)?.preparing === true };

/** Sizes as words, on the server (hydration-safe): "182 kB". */
function formatSize(bytes: number | null, locale: string) {
  if (!bytes) return "";
  const kb = bytes / 1000;
  return kb >= 1000
    ? new Intl.NumberFormat(locale, { style: "unit", unit: "megabyte", maximumFractionDigits: 1 }).format(kb / 1000)
    : new Intl.NumberFormat(locale, { style: "unit", unit: "kilobyte", maximumFractionDigits: 0 }).format(kb);
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const locale = await resolveLocale(request, user);
  const [courses, certificates, verified, nominationLabels] = await Promise.all([
    learnerDashboard({ userId: user.id, locale }),
    certificatesOfUser({ userId: user.id }),
    isEmailVerified({ userId: user.id }),
    nominationStatusLabels({ userId: user.id }),
  ]);
  const entries = courses.map((c) => {
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
            issuedOn: formatDate(certificate.readyAt ?? certificate.issuedAt, locale),
            size: formatSize(certificate.pdfBytes, locale),
            band: certificate.scoreBand as "distinction" | "merit" | "pass" | null,
            verifyUrl: `${env().APP_URL}/verify/${certificate.serial}`,
          }
        : null,
    };
  });
  return {
    unverified: verified === false,
    role: user.role,
    preparing: entries.some((c) => c.standing?.next.kind === "certificate" && c.standing.next.state === "preparing"),
    courses: entries,
  };
}

type Entry = ReturnType<typeof useLoaderData<typeof loader>>["courses"][number];

function CertificateCard({ c }: { c: Entry }) {
  const t = useT();
  const cert = c.certificate!;
  const id = `certificate-${c.course.slug}`;
  return (
    <section className="certificate-card" aria-labelledby={id}>
      <h3 id={id}>{t("certCard.title")}</h3>
      <dl className="facts">
        <div>
          <dt>{t("certCard.course")}</dt>
          <dd dir="auto">{c.course.title}</dd>
        </div>
        <div>
          <dt>{t("certCard.date")}</dt>
          <dd>{cert.issuedOn}</dd>
        </div>
        <div>
          <dt>{t("certCard.kind")}</dt>
          <dd>
            {t("certCard.kindCompletion")}
            {cert.band ? ` · ${t(`certificate.band.${cert.band}`)}` : ""}
          </dd>
        </div>
        <div>
          <dt>{t("certCard.serial")}</dt>
          <dd className="nowrap">{cert.serial}</dd>
        </div>
      </dl>
      <p>
        <a className="button" href={`/certificates/${cert.serial}.pdf`}>
          {t("certCard.download", { size: cert.size })}
        </a>
      </p>
      <div className="field">
        <label htmlFor={`${id}-share`}>{t("certCard.share")}</label>
        <p className="hint" id={`${id}-share-hint`}>
          {t("certCard.shareHelp")}
        </p>
        <input
          id={`${id}-share`}
          readOnly
          value={cert.verifyUrl}
          dir="ltr"
          aria-describedby={`${id}-share-hint`}
          className="copy-field"
        />
      </div>
      <p>
        <a href={`/certificates/${cert.serial}.json`} download={`${cert.serial}.json`}>
          {t("certCard.wallet")}
        </a>
        <br />
        <span className="muted">{t("certCard.walletHelp")}</span>
      </p>
      <p className="muted">{t("accounts.verifications", { count: cert.verifications })}</p>
    </section>
  );
}

export default function Dashboard() {
  const t = useT();
  const { courses, unverified, role, preparing } = useLoaderData<typeof loader>();
  const hydrated = useHydrated();
  usePollWhile(preparing, 4000);
  return (
    <section aria-labelledby="dashboard-title">
      <h1 id="dashboard-title">{t("dashboard.title")}</h1>
      {unverified ? <VerifyEmailBanner redirectTo="/dashboard" /> : null}
      {role === "TRAINER" || role === "ADMIN" ? (
        <p>
          <Link to="/author">{t("dashboard.forTrainers")}</Link>
          {role === "ADMIN" ? (
            <>
              {" · "}
              <Link to="/admin/users">{t("dashboard.forAdmins")}</Link>
            </>
          ) : null}
        </p>
      ) : null}
      {courses.length === 0 ? (
        <p>
          {t("dashboard.none")} <Link to="/courses">{t("dashboard.browse")}</Link>
        </p>
      ) : (
        <ul className="course-list">
          {courses.map((c) => {
            const reading = c.status === "ACTIVE" || c.status === "COMPLETED";
            const resultsHref = `/dashboard/results/${c.course.slug}`;
            const step = c.standing?.next ?? null;
            const ready = c.certificate && !c.certificate.revoked && c.certificate.status === "READY";
            return (
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
                {c.decisionReason ? (
                  <p className="muted">{t("enrolment.reason", { reason: c.decisionReason })}</p>
                ) : null}
                {reading && c.standing ? <StandingSummary standing={c.standing} resultsHref={resultsHref} /> : null}
                {ready ? <CertificateCard c={c} /> : null}
                {step && !ready ? (
                  <NextStepBox
                    step={step}
                    resultsHref={resultsHref}
                    headingLevel={3}
                    id={`next-${c.course.slug}`}
                    onDashboard
                    landmark={false}
                  />
                ) : null}
                {step?.kind === "certificate" && step.state === "preparing" ? (
                  <p aria-live="polite">
                    <Link to="/dashboard">{t("certCard.refresh")}</Link>
                    {hydrated ? ` · ${t("certCard.checking")}` : ""}
                  </p>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
