import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formatDate } from "~/i18n/format.server";
import { resolveLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/use-t";
import { agencyName } from "~/models/agencies.server";
import { focalOfficer, progressPercent } from "~/models/focal.server";
import { focalScopeOf } from "~/models/focal-scope.server";
import { requireRole } from "~/utils/auth.server";
import { countryName } from "~/utils/countries";
import { pageTitle } from "~/utils/meta";
import { TableScroll } from "~/components/table-scroll";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "focal.officer.title");

const UUID = /^[0-9a-f-]{36}$/i;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const focal = await requireRole(request, "FOCAL_POINT");
  const locale = await resolveLocale(request, focal);
  const scope = await focalScopeOf(focal.id);
  // Someone outside the scope does not exist, as far as this focal point can tell.
  const officer = UUID.test(params.id!) ? await focalOfficer({ scope, userId: params.id! }) : null;
  if (!officer) throw new Response("Not found", { status: 404 });
  return {
    officer: {
      name: officer.name,
      email: officer.email,
      country: countryName(officer.country, locale),
      agency: officer.agencyRecord ? agencyName(officer.agencyRecord, locale) : "",
      vetting: officer.vettingStatus,
      vettedOn: officer.vettedAt ? formatDate(officer.vettedAt, locale) : null,
      vettingReason: officer.vettingReason,
    },
    enrolments: officer.enrolments.map((e) => ({
      id: e.id,
      course: e.course.title,
      slug: e.course.slug,
      cohort: e.cohort?.name ?? null,
      status: e.status,
      percent: e.status === "COMPLETED" ? 100 : progressPercent(e._count.progress, e.course.moduleCount),
      completed: e.completedAt ? formatDate(e.completedAt, locale) : null,
    })),
    results: officer.attempts.map((a) => {
      const titles = a.assessment.titles as Record<string, string>;
      return {
        id: a.id,
        assessment: titles[locale] ?? titles[a.assessment.sourceLocale] ?? Object.values(titles)[0] ?? "",
        course: a.assessment.course.title,
        percent: a.percent === null ? null : Math.round(a.percent),
        passed: a.passed,
        when: a.submittedAt ? formatDate(a.submittedAt, locale) : "",
      };
    }),
    certificates: officer.certificates.map((c) => ({
      serial: c.serial,
      course: c.courseTitle,
      issued: formatDate(c.issuedAt, locale),
      revoked: Boolean(c.revokedAt),
    })),
  };
}

export default function FocalOfficer() {
  const t = useT();
  const { officer, enrolments, results, certificates } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="officer-title">
      <p>
        <Link to="/focal">{t("focal.officer.back")}</Link>
      </p>
      <h1 id="officer-title" dir="auto">
        {officer.name}
      </h1>
      <dl className="facts">
        <div>
          <dt>{t("admin.users.email")}</dt>
          <dd dir="ltr">{officer.email}</dd>
        </div>
        <div>
          <dt>{t("signup.country")}</dt>
          <dd>{officer.country}</dd>
        </div>
        <div>
          <dt>{t("focal.officers.agency")}</dt>
          <dd dir="auto">{officer.agency}</dd>
        </div>
        <div>
          <dt>{t("focal.officers.vetting")}</dt>
          <dd>
            {t(`focal.vetting.status.${officer.vetting}`)}
            {officer.vettedOn ? ` (${officer.vettedOn})` : ""}
            {officer.vettingReason ? `: ${officer.vettingReason}` : ""}
          </dd>
        </div>
      </dl>
      <h2 id="enrolments-heading">{t("focal.officers.enrolled")}</h2>
      {enrolments.length === 0 ? (
        <p>{t("focal.officer.noEnrolments")}</p>
      ) : (
        <TableScroll label={t("focal.officers.enrolled")}>
          <table aria-labelledby="enrolments-heading">
            <thead>
              <tr>
                <th scope="col">{t("focal.officer.course")}</th>
                <th scope="col">{t("focal.officer.cohort")}</th>
                <th scope="col">{t("focal.officer.status")}</th>
                <th scope="col">{t("focal.officer.progress")}</th>
              </tr>
            </thead>
            <tbody>
              {enrolments.map((e) => (
                <tr key={e.id}>
                  <th scope="row" dir="auto">
                    {e.course}
                  </th>
                  <td dir="auto">{e.cohort ?? "—"}</td>
                  <td>
                    {t(`enrolmentStatus.${e.status}`)}
                    {e.completed ? ` (${e.completed})` : ""}
                  </td>
                  <td>{e.percent} %</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <h2 id="results-heading">{t("focal.officer.results")}</h2>
      {results.length === 0 ? (
        <p>{t("focal.officer.noResults")}</p>
      ) : (
        <ul>
          {results.map((r) => (
            <li key={r.id} dir="auto">
              {t("focal.officer.result", {
                assessment: r.assessment,
                course: r.course,
                percent: r.percent ?? "—",
                date: r.when,
              })}{" "}
              {r.passed === null ? "" : r.passed ? t("focal.officer.passed") : t("focal.officer.failed")}
            </li>
          ))}
        </ul>
      )}
      <h2 id="certificates-heading">{t("focal.officers.certificates")}</h2>
      {certificates.length === 0 ? (
        <p>{t("focal.officer.noCertificates")}</p>
      ) : (
        <ul>
          {certificates.map((c) => (
            <li key={c.serial} dir="auto">
              {t("focal.officer.certificate", { course: c.course, date: c.issued })}{" "}
              <Link to={`/verify/${c.serial}`} dir="ltr">
                {c.serial}
              </Link>
              {c.revoked ? ` (${t("focal.officer.revoked")})` : ""}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
