import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formatDate } from "~/i18n/format.server";
import { resolveLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/use-t";
import { listAuditEvents } from "~/models/audit.server";
import { requireRole } from "~/utils/auth.server";
import { pageTitle } from "~/utils/meta";
import { AuditFilterSchema } from "~/validation/admin";
import { TableScroll } from "~/components/table-scroll";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "accounts.audit.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "ADMIN");
  const locale = await resolveLocale(request, admin);
  const filter = AuditFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const result = await listAuditEvents(filter);
  return {
    ...result,
    filter,
    events: result.events.map((e) => ({
      id: e.id,
      action: e.action,
      when: formatDate(e.createdAt, locale, true),
      iso: e.createdAt.toISOString(),
      actor: e.actor,
      target: e.target,
      ip: e.ip,
      detail: Object.keys(e.detail ?? {}).length ? JSON.stringify(e.detail) : "",
    })),
  };
}

export default function AdminAudit() {
  const t = useT();
  const { events, total, page, pages, filter } = useLoaderData<typeof loader>();
  const { page: _page, ...rest } = filter;
  const query = (extra: Record<string, string>) =>
    new URLSearchParams(
      Object.entries({ ...rest, ...extra }).filter(([, v]) => v !== "") as [string, string][],
    ).toString();
  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">{t("accounts.audit.title")}</h1>
      <p>{t("accounts.audit.intro")}</p>
      <Form method="get" className="search-form" role="search" aria-label={t("accounts.audit.filter")}>
        <div className="field">
          <label htmlFor="audit-person">{t("accounts.audit.person")}</label>
          <input id="audit-person" type="search" name="person" defaultValue={filter.person} dir="auto" />
        </div>
        <div className="field">
          <label htmlFor="audit-action">{t("accounts.audit.action")}</label>
          <input id="audit-action" type="text" name="action" defaultValue={filter.action} dir="ltr" />
        </div>
        <div className="field">
          <label htmlFor="audit-target">{t("accounts.audit.target")}</label>
          <input id="audit-target" type="search" name="target" defaultValue={filter.target} dir="auto" />
        </div>
        <div className="field">
          <label htmlFor="audit-from">{t("accounts.audit.from")}</label>
          <input id="audit-from" type="date" name="from" defaultValue={filter.from} />
        </div>
        <div className="field">
          <label htmlFor="audit-to">{t("accounts.audit.to")}</label>
          <input id="audit-to" type="date" name="to" defaultValue={filter.to} />
        </div>
        <button type="submit" className="button">
          {t("accounts.audit.apply")}
        </button>
      </Form>
      <p aria-live="polite">
        {t("accounts.audit.count", { count: total })}{" "}
        <a href={`/admin/audit.csv?${query({})}`} download>
          {t("accounts.audit.csv")}
        </a>
      </p>
      {events.length === 0 ? (
        <p>{t("accounts.audit.none")}</p>
      ) : (
        <TableScroll label={t("accounts.audit.title")}>
          <table className="audit">
            <caption className="visually-hidden">{t("accounts.audit.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("accounts.audit.when")}</th>
                <th scope="col">{t("accounts.audit.action")}</th>
                <th scope="col">{t("accounts.audit.actor")}</th>
                <th scope="col">{t("accounts.audit.target")}</th>
                <th scope="col">{t("accounts.audit.ip")}</th>
                <th scope="col">{t("accounts.audit.detail")}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.id}>
                  <td>
                    <time dateTime={e.iso}>{e.when}</time>
                  </td>
                  <td dir="ltr">{e.action}</td>
                  <td dir="auto">{e.actor ? <Link to={`/admin/users/${e.actor.id}`}>{e.actor.name}</Link> : "—"}</td>
                  <td dir="auto">{e.target ? <Link to={`/admin/users/${e.target.id}`}>{e.target.name}</Link> : "—"}</td>
                  <td dir="ltr" className="nowrap">
                    {e.ip ?? ""}
                  </td>
                  <td dir="ltr">
                    <code>{e.detail}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {pages > 1 ? (
        <nav className="pagination" aria-label={t("admin.users.page", { page, pages })}>
          {page > 1 ? <Link to={`?${query({ page: String(page - 1) })}`}>{t("admin.users.previous")}</Link> : null}
          <span>{t("admin.users.page", { page, pages })}</span>
          {page < pages ? <Link to={`?${query({ page: String(page + 1) })}`}>{t("admin.users.next")}</Link> : null}
        </nav>
      ) : null}
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
