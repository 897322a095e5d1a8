import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formErrors } from "~/components/forms";
import { formatDate } from "~/i18n/format.server";
import { resolveLocale, translatorFor } from "~/i18n/locale.server";
import { useT } from "~/i18n/use-t";
import type { MessageKey } from "~/i18n/i18n";
import { requirePasswordReset } from "~/models/account-tokens.server";
import { recentAuditEventsFor } from "~/models/audit.server";
import { resetTwoFactor, twoFactorEnabled } from "~/models/two-factor.server";
import { changeUserRole, reactivateUser, resendInvitation, suspendUser, userForAdmin } from "~/models/users.server";
import { requireRole } from "~/utils/auth.server";
import { countryName, countryOptions } from "~/utils/countries";
import { redirectWithFlash } from "~/utils/flash.server";
import { replyWithErrors } from "~/utils/forms.server";
import { readFormData } from "~/utils/request.server";
import { parseWithZod } from "@conform-to/zod";
import { agencyChoices, agencyName } from "~/models/agencies.server";
import { appointFocalPoint, focalScopesOf, removeFocalScope } from "~/models/focal.server";
import { decideVetting, vettingOf } from "~/models/vetting.server";
import { FocalAppointSchema, FocalRemoveSchema, VettingDecisionSchema } from "~/validation/agencies";
import { pageTitle } from "~/utils/meta";
import { ROLES, UserActionSchema } from "~/validation/admin";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { TableScroll } from "~/components/table-scroll";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "accounts.admin.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "ADMIN");
  const locale = await resolveLocale(request, admin);
  const person = await userForAdmin({ userId: params.id! });
  if (!person) throw new Response("Not found", { status: 404 });
  const [events, twoFactorOn, scopes, agencies, vetting] = await Promise.all([
    recentAuditEventsFor({ userId: person.id }),
    twoFactorEnabled({ userId: person.id }),
    focalScopesOf({ userId: person.id }),
    agencyChoices({}),
    vettingOf({ userId: person.id }),
  ]);
  return {
    isSelf: person.id === admin.id,
    twoFactorOn,
    scopes: scopes.map((s) => ({
      id: s.id,
      label: s.agency
        ? `${agencyName(s.agency, locale)} (${countryName(s.agency.country, locale)})`
        : countryName(s.country, locale),
      country: !s.agency,
    })),
    agencies: agencies.map((a) => ({ id: a.id, name: `${agencyName(a, locale)} (${a.country})` })),
    countries: countryOptions(locale),
    vetting: vetting
      ? {
          status: vetting.vettingStatus,
          on: vetting.vettedAt ? formatDate(vetting.vettedAt, locale) : null,
          method: vetting.vettingMethod,
          reason: vetting.vettingReason,
        }
      : null,
    person: {
      ...person,
      countryName: countryName(person.country, locale),
      joined: formatDate(person.createdAt, locale),
      suspendedOn: person.suspendedAt ? formatDate(person.suspendedAt, locale, true) : null,
    },
    events: events.map((e) => ({
      id: e.id,
      action: e.action,
      when: formatDate(e.createdAt, locale, true),
      iso: e.createdAt.toISOString(),
      actor: e.actor?.name ?? null,
      target: e.target?.name ?? null,
      ip: e.ip,
    })),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const admin = await requireRole(request, "ADMIN");
  const userId = params.id!;
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  const here0 = `/admin/users/${userId}`;
  if (intent === "focal-appoint") {
    const appoint = parseWithZod(formData, { schema: FocalAppointSchema });
    if (appoint.status !== "success") return replyWithErrors(appoint);
    const { agencyId, focalCountry } = appoint.value;
    const result = await appointFocalPoint({
      actorId: admin.id,
      userId,
      target: agencyId ? { agencyId } : { country: focalCountry! },
      ip: context.clientIp,
    });
    if (result.status === "not-found") return replyWithErrors(appoint, { formErrors: ["admin.users.notFound"] }, 404);
    if (result.status === "not-allowed")
      return replyWithErrors(appoint, { formErrors: ["focal.appoint.notAllowed"] }, 409);
    if (result.status === "already") return replyWithErrors(appoint, { formErrors: ["focal.appoint.already"] }, 409);
    return redirectWithFlash(here0, { type: "success", key: "focal.appointed" });
  }
  if (intent === "focal-remove") {
    const remove = parseWithZod(formData, { schema: FocalRemoveSchema });
    if (remove.status !== "success") return replyWithErrors(remove);
    const result = await removeFocalScope({
      actorId: admin.id,
      userId,
      scopeId: remove.value.scopeId,
      ip: context.clientIp,
    });
    if (result.status === "not-found") return replyWithErrors(remove, { formErrors: ["admin.users.notFound"] }, 404);
    return redirectWithFlash(here0, { type: "success", key: "focal.removed" });
  }
  if (intent === "vetting") {
    const vet = parseWithZod(formData, { schema: VettingDecisionSchema });
    if (vet.status !== "success") return replyWithErrors(vet);
    if (vet.value.userId !== userId) return replyWithErrors(vet, { formErrors: ["admin.users.notFound"] }, 404);
    const result = await decideVetting({
      actorId: admin.id,
      userId,
      decision: vet.value.decision,
      reason: vet.value.reason,
      scope: null,
      ip: context.clientIp,
    });
    if (result.status === "not-found") return replyWithErrors(vet, { formErrors: ["admin.users.notFound"] }, 404);
    if (result.status === "unverified-email")
      return replyWithErrors(vet, { formErrors: ["vetting.unverifiedEmail"] }, 409);
    return redirectWithFlash(here0, {
      type: "success",
      key: result.status === "verified" ? "vetting.done.verified" : "vetting.done.declined",
    });
  }
  const submission = parseWithZod(formData, { schema: UserActionSchema });
  if (submission.status !== "success") return replyWithErrors(submission);
  const value = submission.value;
  const here = `/admin/users/${userId}`;
  const ip = context.clientIp;
  const fail = (key: MessageKey, status: number) => replyWithErrors(submission, { formErrors: [key] }, status);
  if (value.intent === "role") {
    const result = await changeUserRole({ actorId: admin.id, userId, role: value.role });
    if (result.status === "not-found") return fail("admin.users.notFound", 404);
    if (result.status === "last-admin") return fail("admin.users.lastAdmin", 409);
    const t = translatorFor(await resolveLocale(request, admin));
    return redirectWithFlash(here, {
      type: "success",
      key: "admin.users.roleChanged",
      params: { name: result.user.name, role: t(`role.${result.user.role}`) },
    });
  }
  if (value.intent === "suspend") {
    const result = await suspendUser({ actorId: admin.id, userId, reason: value.reason, ip });
    if (result.status === "not-found") return fail("admin.users.notFound", 404);
    if (result.status === "self") return fail("accounts.admin.suspendSelf", 409);
    if (result.status === "last-admin") return fail("accounts.admin.suspendLastAdmin", 409);
    return redirectWithFlash(here, { type: "success", key: "accounts.admin.suspended" });
  }
  if (value.intent === "reactivate") {
    const result = await reactivateUser({ actorId: admin.id, userId, ip });
    if (result.status === "not-found") return fail("admin.users.notFound", 404);
    return redirectWithFlash(here, { type: "success", key: "accounts.admin.reactivated" });
  }
  if (value.intent === "require-password-reset") {
    const result = await requirePasswordReset({ userId, actorId: admin.id, ip });
    if (result.status === "not-found") return fail("admin.users.notFound", 404);
    if (result.status === "no-password") return fail("accounts.admin.noPassword", 409);
    return redirectWithFlash(here, { type: "success", key: "accounts.admin.passwordResetRequired" });
  }
  if (value.intent === "reset-two-factor") {
    const result = await resetTwoFactor({ userId, actorId: admin.id, reason: value.reason });
    if (result.status === "not-enabled") return fail("accounts.admin.twoFactorNotOn", 409);
    return redirectWithFlash(here, { type: "success", key: "accounts.admin.twoFactorWasReset" });
  }
  const result = await resendInvitation({ actorId: admin.id, userId, ip });
  if (result.status === "not-found") return fail("admin.users.notFound", 404);
  if (result.status !== "sent") return fail("accounts.admin.cannotInvite", 409);
  return redirectWithFlash(here, { type: "success", key: "accounts.admin.invitationResent" });
}

/** One administrative action: a heading, what it does, an optional reason, one button (a plain form). */
function AdminAction({
  id,
  intent,
  title,
  intro,
  reasonLabel,
  danger = false,
  secondary = false,
  children,
}: {
  id: string;
  intent: string;
  title: string;
  intro?: string;
  reasonLabel?: string;
  danger?: boolean;
  secondary?: boolean;
  children: ReactNode;
}) {
  return (
    <>
      <h2 id={`${id}-heading`}>{title}</h2>
      {intro ? <p>{intro}</p> : null}
      <Form method="post" aria-labelledby={`${id}-heading`}>
        <input type="hidden" name="intent" value={intent} />
        {reasonLabel ? (
          <div className="field">
            <label htmlFor={`${id}-reason`}>{reasonLabel}</label>
            <textarea id={`${id}-reason`} name="reason" required minLength={3} maxLength={500} rows={2} dir="auto" />
          </div>
        ) : null}
        <button type="submit" className={danger ? "button danger" : secondary ? "button secondary" : "button"}>
          {children}
        </button>
      </Form>
    </>
  );
}

export default function AdminUser() {
  const t = useT();
  const { person, events, isSelf, twoFactorOn, scopes, agencies, countries, vetting } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = formErrors(actionData?.result);
  return (
    <section aria-labelledby="user-title">
      <Breadcrumbs items={[{ label: t("nav.users"), to: "/admin/users" }, { label: person.name }]} />
      <h1 id="user-title" dir="auto">
        {person.name}
      </h1>
      {errors.length ? (
        <div className="form-errors" role="alert">
          {errors.map((e) => (
            <p key={e}>{t.key(e)}</p>
          ))}
        </div>
      ) : null}
      {person.suspendedOn ? (
        <p className="flash flash-info" role="status">
          {t("accounts.admin.suspendedSince", { date: person.suspendedOn, reason: person.suspendedReason ?? "" })}
        </p>
      ) : null}
      <dl className="facts">
        <div>
          <dt>{t("admin.users.email")}</dt>
          <dd dir="ltr">{person.email}</dd>
        </div>
        <div>
          <dt>{t("admin.users.role")}</dt>
          <dd>{t(`role.${person.role}`)}</dd>
        </div>
        <div>
          <dt>{t("admin.users.country")}</dt>
          <dd>{person.countryName}</dd>
        </div>
        <div>
          <dt>{t("admin.users.agency")}</dt>
          <dd dir="auto">{person.agency}</dd>
        </div>
        <div>
          <dt>{t("admin.users.joined")}</dt>
          <dd>{person.joined}</dd>
        </div>
        <div>
          <dt>{t("accounts.admin.status")}</dt>
          <dd>
            {person.suspendedOn
              ? t("accounts.admin.statusSuspended")
              : person.hasPassword
                ? t("accounts.admin.statusActive")
                : t("accounts.admin.statusInvited")}
          </dd>
        </div>
        <div>
          <dt>{t("accounts.admin.sessions")}</dt>
          <dd>{person.sessionCount}</dd>
        </div>
      </dl>

      <h2 id="role-heading">{t("admin.users.changeRole")}</h2>
      <Form method="post" className="inline-form wrap" aria-labelledby="role-heading">
        <input type="hidden" name="intent" value="role" />
        <label htmlFor="person-role">{t("admin.users.changeRoleFor", { name: person.name })}</label>
        <select id="person-role" name="role" defaultValue={person.role}>
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {t(`role.${role}`)}
            </option>
          ))}
        </select>
        <button type="submit" className="button small">
          {t("admin.users.save")}
        </button>
      </Form>

      <h2 id="vetting-heading">{t("vetting.admin.title")}</h2>
      {vetting ? (
        <p data-testid="admin-vetting-status">
          {t(`focal.vetting.status.${vetting.status}`)}
          {vetting.on
            ? ` (${vetting.on}${vetting.method ? `, ${t(`vetting.method.${vetting.method as "admin"}`)}` : ""})`
            : ""}
          {vetting.reason ? `: ${vetting.reason}` : ""}
        </p>
      ) : null}
      {isSelf ? null : (
        <div className="inline-forms">
          <Form method="post" className="inline-form wrap" aria-label={t("vetting.admin.verify")}>
            <input type="hidden" name="intent" value="vetting" />
            <input type="hidden" name="decision" value="verify" />
            <input type="hidden" name="userId" value={person.id} />
            <button type="submit" className="button small">
              {t("vetting.admin.verify")}
            </button>
          </Form>
          <Form method="post" aria-label={t("vetting.admin.decline")}>
            <input type="hidden" name="intent" value="vetting" />
            <input type="hidden" name="decision" value="decline" />
            <input type="hidden" name="userId" value={person.id} />
            <div className="field">
              <label htmlFor="vetting-reason">{t("accounts.admin.reason")}</label>
              <textarea id="vetting-reason" name="reason" required minLength={3} maxLength={500} rows={2} dir="auto" />
            </div>
            <button type="submit" className="button small danger">
              {t("vetting.admin.decline")}
            </button>
          </Form>
        </div>
      )}

      <h2 id="focal-heading">{t("focal.admin.title")}</h2>
      <p>{t("focal.admin.intro")}</p>
      {scopes.length ? (
        <ul aria-labelledby="focal-heading">
          {scopes.map((s) => (
            <li key={s.id}>
              <Form method="post" className="inline-form wrap">
                <input type="hidden" name="intent" value="focal-remove" />
                <input type="hidden" name="scopeId" value={s.id} />
                <span dir="auto">{s.country ? t("focal.admin.wholeCountry", { country: s.label }) : s.label}</span>{" "}
                <button
                  type="submit"
                  className="button small secondary"
                  aria-label={t("focal.admin.removeFor", { scope: s.label })}
                >
                  {t("focal.admin.remove")}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("focal.admin.none")}</p>
      )}
      {person.role === "LEARNER" || person.role === "FOCAL_POINT" ? (
        <>
          <Form method="post" className="inline-form wrap" aria-label={t("focal.admin.appointAgency")}>
            <input type="hidden" name="intent" value="focal-appoint" />
            <label htmlFor="focal-agency">{t("focal.admin.agency")}</label>
            <select id="focal-agency" name="agencyId" required>
              <option value="">{t("agencies.merge.choose")}</option>
              {agencies.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
            <button type="submit" className="button small">
              {t("focal.admin.appointAgency")}
            </button>
          </Form>
          <Form method="post" className="inline-form wrap" aria-label={t("focal.admin.appointCountry")}>
            <input type="hidden" name="intent" value="focal-appoint" />
            <label htmlFor="focal-country">{t("focal.admin.country")}</label>
            <select id="focal-country" name="focalCountry" required>
              <option value="">{t("signup.country.choose")}</option>
              {countries.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
            <button type="submit" className="button small">
              {t("focal.admin.appointCountry")}
            </button>
          </Form>
        </>
      ) : (
        <p>{t("focal.appoint.notAllowed")}</p>
      )}

      {isSelf ? null : person.suspendedOn ? (
        <AdminAction id="reactivate" intent="reactivate" title={t("accounts.admin.reactivate")}>
          {t("accounts.admin.reactivate")}
        </AdminAction>
      ) : (
        <AdminAction
          id="suspend"
          intent="suspend"
          title={t("accounts.admin.suspend")}
          intro={t("accounts.admin.suspendIntro")}
          reasonLabel={t("accounts.admin.reason")}
          danger
        >
          {t("accounts.admin.suspend")}
        </AdminAction>
      )}

      {person.canResendInvitation ? (
        <AdminAction
          id="invite"
          intent="resend-invitation"
          title={t("accounts.admin.invitation")}
          intro={t("accounts.admin.invitationIntro")}
          secondary
        >
          {t("accounts.admin.resendInvitation")}
        </AdminAction>
      ) : null}

      {person.hasPassword && !isSelf ? (
        <AdminAction
          id="password"
          intent="require-password-reset"
          title={t("accounts.admin.password")}
          intro={t("accounts.admin.passwordIntro")}
          secondary
        >
          {t("accounts.admin.requirePasswordReset")}
        </AdminAction>
      ) : null}

      {twoFactorOn && !isSelf ? (
        <AdminAction
          id="two-factor"
          intent="reset-two-factor"
          title={t("accounts.admin.twoFactor")}
          intro={t("accounts.admin.twoFactorIntro")}
          reasonLabel={t("accounts.admin.reason")}
          danger
        >
          {t("accounts.admin.resetTwoFactor")}
        </AdminAction>
      ) : null}

      <h2 id="events-heading">{t("accounts.admin.events")}</h2>
      {events.length === 0 ? (
        <p>{t("accounts.audit.none")}</p>
      ) : (
        <TableScroll label={t("accounts.admin.events")}>
          <table aria-labelledby="events-heading">
            <thead>
              <tr>
                <th scope="col">{t("accounts.audit.when")}</th>
                <th scope="col">{t("accounts.audit.action")}</th>
                <th scope="col">{t("accounts.audit.actor")}</th>
                <th scope="col">{t("accounts.audit.target")}</th>
                <th scope="col">{t("accounts.audit.ip")}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.id}>
                  <td>
                    <time dateTime={e.iso}>{e.when}</time>
                  </td>
                  <td dir="ltr">{e.action}</td>
                  <td dir="auto">{e.actor ?? "—"}</td>
                  <td dir="auto">{e.target ?? "—"}</td>
                  <td dir="ltr" className="nowrap">
                    {e.ip ?? ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <p>
        <Link to={`/admin/audit?${new URLSearchParams({ target: person.email })}`}>
          {t("accounts.admin.allEvents")}
        </Link>
      </p>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
