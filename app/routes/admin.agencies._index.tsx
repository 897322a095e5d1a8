import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { AgencyNav } from "~/components/agency-nav";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { resolveLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/use-t";
import { agencyCountries, agencyName, listAgencies } from "~/models/agencies.server";
import { requireRole } from "~/utils/auth.server";
import { countryName } from "~/utils/countries";
import { pageTitle } from "~/utils/meta";
import { AgencySearchSchema } from "~/validation/agencies";
import { TableScroll } from "~/components/table-scroll";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "agencies.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "ADMIN");
  const locale = await resolveLocale(request, admin);
  const query = AgencySearchSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [result, countries] = await Promise.all([listAgencies(query), agencyCountries()]);
  return {
    ...result,
    agencies: result.agencies.map((a) => ({
      id: a.id,
      name: agencyName(a, locale),
      country: countryName(a.country, locale),
      type: a.type,
      parent: a.parent?.name ?? null,
      domains: a.trustedDomains.join(", "),
      members: a._count.members,
    })),
    countries: countries.map((code) => ({ code, name: countryName(code, locale) })),
    q: query.q,
    country: query.country ?? "",
  };
}

export default function AdminAgencies() {
  const t = useT();
  const { agencies, total, page, pages, q, country, countries } = useLoaderData<typeof loader>();
  const pageLink = (target: number) => `?${new URLSearchParams({ q, country, page: String(target) })}`;
  return (
    <section aria-labelledby="agencies-title">
      <h1 id="agencies-title">{t("agencies.title")}</h1>
      <AgencyNav />
      <p>{t("agencies.intro")}</p>
      <Form method="get" className="search-form" role="search">
        <div className="field">
          <label htmlFor="agency-search">{t("agencies.search")}</label>
          <input id="agency-search" type="search" name="q" defaultValue={q} dir="auto" />
        </div>
        <div className="field">
          <label htmlFor="agency-country">{t("agencies.filterCountry")}</label>
          <select id="agency-country" name="country" defaultValue={country}>
            <option value="">{t("agencies.allCountries")}</option>
            {countries.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          {t("agencies.searchSubmit")}
        </button>
      </Form>
      <p aria-live="polite">{t("agencies.count", { count: total })}</p>
      {agencies.length === 0 ? (
        <p>{t("agencies.none")}</p>
      ) : (
        <TableScroll label={t("agencies.title")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("agencies.field.name")}</th>
                <th scope="col">{t("signup.country")}</th>
                <th scope="col">{t("agencies.field.type")}</th>
                <th scope="col">{t("agencies.field.parent")}</th>
                <th scope="col">{t("agencies.field.domains")}</th>
                <th scope="col">{t("agencies.members")}</th>
              </tr>
            </thead>
            <tbody>
              {agencies.map((a) => (
                <tr key={a.id}>
                  <th scope="row" dir="auto">
                    <Link to={`/admin/agencies/${a.id}`}>{a.name}</Link>
                  </th>
                  <td>{a.country}</td>
                  <td>{t(`agencies.type.${a.type}`)}</td>
                  <td dir="auto">{a.parent ?? ""}</td>
                  <td dir="ltr">{a.domains}</td>
                  <td>{a.members}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {pages > 1 ? (
        <nav className="pagination" aria-label={t("admin.users.page", { page, pages })}>
          {page > 1 ? <Link to={pageLink(page - 1)}>{t("admin.users.previous")}</Link> : null}
          <span>{t("admin.users.page", { page, pages })}</span>
          {page < pages ? <Link to={pageLink(page + 1)}>{t("admin.users.next")}</Link> : null}
        </nav>
      ) : null}
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
