import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formErrors } from "~/components/forms";
import { useT } from "~/i18n/use-t";
import { changeUserRole, listUsers } from "~/models/users.server";
import { formatDate } from "~/i18n/format.server";
import { resolveLocale, translatorFor } from "~/i18n/locale.server";
import { requireRole } from "~/utils/auth.server";
import { countryName } from "~/utils/countries";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm, replyWithErrors } from "~/utils/forms.server";
import { pageTitle } from "~/utils/meta";
import { ChangeRoleSchema, ROLES, UserSearchSchema } from "~/validation/admin";
import { TableScroll } from "~/components/table-scroll";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "admin.users.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "ADMIN");
  const locale = await resolveLocale(request, admin);
  const url = new URL(request.url);
  const query = UserSearchSchema.parse(Object.fromEntries(url.searchParams));
  const result = await listUsers(query);
  return {
    ...result,
    users: result.users.map((u) => ({
      ...u,
      countryName: countryName(u.country, locale),
      joined: formatDate(u.createdAt, locale),
    })),
    q: query.q,
    role: query.role ?? "",
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "ADMIN");
  const submission = await parseForm(request, ChangeRoleSchema);
  if (submission.status !== "success") return replyWithErrors(submission, { formErrors: ["validation.role.invalid"] });
  const result = await changeUserRole({ actorId: admin.id, ...submission.value });
  if (result.status === "not-found") return replyWithErrors(submission, { formErrors: ["admin.users.notFound"] }, 404);
  if (result.status === "last-admin")
    return replyWithErrors(submission, { formErrors: ["admin.users.lastAdmin"] }, 409);
  const t = translatorFor(await resolveLocale(request, admin));
  const back = new URL(request.url);
  return redirectWithFlash(`${back.pathname}${back.search}`, {
    type: "success",
    key: "admin.users.roleChanged",
    params: { name: result.user.name, role: t(`role.${result.user.role}`) },
  });
}

export default function AdminUsers() {
  const t = useT();
  const { users, total, page, pages, q, role } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const pageLink = (target: number) => `?${new URLSearchParams({ q, role, page: String(target) })}`;
  return (
    <section aria-labelledby="users-title">
      <h1 id="users-title">{t("admin.users.title")}</h1>
      <p>{t("admin.users.intro")}</p>
      {formErrors(actionData?.result).length ? (
        <p className="form-errors" role="alert">
          {t.key(formErrors(actionData?.result)[0]!)}
        </p>
      ) : null}
      <Form method="get" className="search-form" role="search">
        <div className="field">
          <label htmlFor="user-search">{t("admin.users.search")}</label>
          <input id="user-search" type="search" name="q" defaultValue={q} dir="auto" />
        </div>
        <div className="field">
          <label htmlFor="user-role-filter">{t("admin.users.filterRole")}</label>
          <select id="user-role-filter" name="role" defaultValue={role}>
            <option value="">{t("admin.users.allRoles")}</option>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`role.${role}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          {t("admin.users.searchSubmit")}
        </button>
      </Form>
      <p aria-live="polite">{t("admin.users.count", { count: total })}</p>
      {users.length === 0 ? (
        <p>{t("admin.users.none")}</p>
      ) : (
        <TableScroll label={t("nav.users")}>
          <table className="users">
            <thead>
              <tr>
                <th scope="col">{t("admin.users.name")}</th>
                <th scope="col">{t("admin.users.email")}</th>
                <th scope="col">{t("admin.users.country")}</th>
                <th scope="col">{t("admin.users.agency")}</th>
                <th scope="col">{t("admin.users.joined")}</th>
                <th scope="col">{t("admin.users.role")}</th>
              </tr>
            </thead>
            <tbody>
              {users.map((user) => (
                <tr key={user.id}>
                  <th scope="row" dir="auto">
                    <Link to={`/admin/users/${user.id}`}>{user.name}</Link>
                    {user.suspendedAt ? <> ({t("accounts.admin.statusSuspended")})</> : null}
                  </th>
                  <td dir="ltr">{user.email}</td>
                  <td>{user.countryName}</td>
                  <td dir="auto">{user.agency}</td>
                  <td>{user.joined}</td>
                  <td>
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="userId" value={user.id} />
                      <label className="visually-hidden" htmlFor={`role-${user.id}`}>
                        {t("admin.users.changeRoleFor", { name: user.name })}
                      </label>
                      <select id={`role-${user.id}`} name="role" defaultValue={user.role}>
                        {ROLES.map((role) => (
                          <option key={role} value={role}>
                            {t(`role.${role}`)}
                          </option>
                        ))}
                      </select>
                      <button
                        type="submit"
                        className="button small"
                        aria-label={`${t("admin.users.save")}: ${user.name}`}
                      >
                        {t("admin.users.save")}
                      </button>
                    </Form>
                  </td>
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
