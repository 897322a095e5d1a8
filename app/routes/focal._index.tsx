import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { resolveLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/use-t";
import { agencyName } from "~/models/agencies.server";
import { listFocalOfficers, progressPercent, scopeAgencies } from "~/models/focal.server";
import { focalScopeOf } from "~/models/focal-scope.server";
import { requireRole } from "~/utils/auth.server";
import { countryName } from "~/utils/countries";
import { pageTitle } from "~/utils/meta";
import { FocalOfficerFilterSchema } from "~/validation/agencies";
import { TableScroll } from "~/components/table-scroll";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "focal.officers.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const focal = await requireRole(request, "FOCAL_POINT");
  const locale = await resolveLocale(request, focal);
  const scope = await focalScopeOf(focal.id);
  const filter = FocalOfficerFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [result, agencies] = await Promise.all([listFocalOfficers({ scope, filter }), scopeAgencies(scope)]);
  return {
    ...result,
    scope: [
      ...scope.countries.map((c) => countryName(c, locale)),
      ...agencies.filter((a) => scope.agencyIds.includes(a.id)).map((a) => agencyName(a, locale)),
    ],
    agencies: agencies.map((a) => ({ id: a.id, name: `${agencyName(a, locale)} (${a.country})` })),
    officers: result.officers.map((o) => ({
      id: o.id,
      name: o.name,
      email: o.email,
      agency: o.agencyRecord ? agencyName(o.agencyRecord, locale) : "",
      vetting: o.vettingStatus,
      certificates: o._count.certificates,
      enrolments: o.enrolments.map((e) => ({
        course: e.course.title,
        cohort: e.cohort?.name ?? null,
        status: e.status,
        percent: e.status === "COMPLETED" ? 100 : progressPercent(e._count.progress, e.course.moduleCount),
      })),
    })),
    filter: { q: filter.q, agencyId: filter.agencyId ?? "", vetting: filter.vetting ?? "" },
  };
}

export default function FocalOfficers() {
  const t = useT();
  const { officers, total, page, pages, filter, agencies, scope } = useLoaderData<typeof loader>();
  const params = (extra: Record<string, string>) =>
    new URLSearchParams(Object.entries({ ...filter, ...extra }).filter(([, v]) => v !== ""));
  return (
    <section aria-labelledby="officers-title">
      <h1 id="officers-title">{t("focal.officers.title")}</h1>
      <p>{scope.length ? t("focal.officers.scope", { scope: scope.join(", ") }) : t("focal.officers.noScope")}</p>
      <Form method="get" className="search-form" role="search">
        <div className="field">
          <label htmlFor="officer-search">{t("focal.officers.search")}</label>
          <input id="officer-search" type="search" name="q" defaultValue={filter.q} dir="auto" />
        </div>
        <div className="field">
          <label htmlFor="officer-agency">{t("focal.officers.agency")}</label>
          <select id="officer-agency" name="agencyId" defaultValue={filter.agencyId}>
            <option value="">{t("focal.officers.allAgencies")}</option>
            {agencies.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="officer-vetting">{t("focal.officers.vetting")}</label>
          <select id="officer-vetting" name="vetting" defaultValue={filter.vetting}>
            <option value="">{t("focal.officers.allStatuses")}</option>
            {(["UNVERIFIED", "VERIFIED", "DECLINED"] as const).map((s) => (
              <option key={s} value={s}>
                {t(`focal.vetting.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          {t("agencies.searchSubmit")}
        </button>
      </Form>
      <p aria-live="polite">
        {t("focal.officers.count", { count: total })}{" "}
        <a href={`/focal/officers.csv?${params({})}`} download>
          {t("focal.officers.csv")}
        </a>
      </p>
      {officers.length === 0 ? (
        <p>{t("focal.officers.none")}</p>
      ) : (
        <TableScroll label={t("focal.officers.title")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("admin.users.name")}</th>
                <th scope="col">{t("focal.officers.agency")}</th>
                <th scope="col">{t("focal.officers.vetting")}</th>
                <th scope="col">{t("focal.officers.enrolled")}</th>
                <th scope="col">{t("focal.officers.certificates")}</th>
              </tr>
            </thead>
            <tbody>
              {officers.map((o) => (
                <tr key={o.id}>
                  <th scope="row" dir="auto">
                    <Link to={`/focal/officers/${o.id}`}>{o.name}</Link>
                  </th>
                  <td dir="auto">{o.agency}</td>
                  <td>{t(`focal.vetting.status.${o.vetting}`)}</td>
                  <td>
                    {o.enrolments.length === 0 ? (
                      "—"
                    ) : (
                      <ul className="plain">
                        {o.enrolments.map((e, i) => (
                          <li key={i} dir="auto">
                            {t("focal.officers.enrolment", {
                              course: e.course,
                              status: t(`enrolmentStatus.${e.status}`),
                              percent: e.percent,
                            })}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td>{o.certificates}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {pages > 1 ? (
        <nav className="pagination" aria-label={t("admin.users.page", { page, pages })}>
          {page > 1 ? <Link to={`?${params({ page: String(page - 1) })}`}>{t("admin.users.previous")}</Link> : null}
          <span>{t("admin.users.page", { page, pages })}</span>
          {page < pages ? <Link to={`?${params({ page: String(page + 1) })}`}>{t("admin.users.next")}</Link> : null}
        </nav>
      ) : null}
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
