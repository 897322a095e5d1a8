import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { AgencyNav } from "~/components/agency-nav";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formErrors, rowError } from "~/components/forms";
import { formatDate } from "~/i18n/format.server";
import { resolveLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/use-t";
import { agencyChoices, listAgencyRequests, resolveAgencyRequest } from "~/models/agencies.server";
import { requireRole } from "~/utils/auth.server";
import { countryName } from "~/utils/countries";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm, replyWithErrors } from "~/utils/forms.server";
import { pageTitle } from "~/utils/meta";
import { AGENCY_TYPES, ResolveAgencyRequestSchema } from "~/validation/agencies";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "agencies.requests.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "ADMIN");
  const locale = await resolveLocale(request, admin);
  const requests = await listAgencyRequests();
  const countries = [...new Set(requests.map((r) => r.country))];
  const agencies = countries.length ? await agencyChoicesByCountry(countries) : {};
  return {
    requests: requests.map((r) => ({
      id: r.id,
      name: r.name,
      country: r.country,
      countryName: countryName(r.country, locale),
      when: formatDate(r.createdAt, locale),
      requester: r.requester,
      agencies: agencies[r.country] ?? [],
    })),
  };
}

async function agencyChoicesByCountry(countries: string[]) {
  const out: Record<string, { id: string; name: string }[]> = {};
  for (const country of countries)
    out[country] = (await agencyChoices({ country })).map((a) => ({ id: a.id, name: a.name }));
  return out;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireRole(request, "ADMIN");
  const submission = await parseForm(request, ResolveAgencyRequestSchema);
  if (submission.status !== "success") return replyWithErrors(submission);
  const { requestId, ...rest } = submission.value;
  const result = await resolveAgencyRequest({ actorId: admin.id, requestId, action: rest, ip: context.clientIp });
  if (result.status === "not-found")
    return replyWithErrors(submission, { formErrors: ["agencies.requests.notFound"] }, 404);
  if (result.status === "duplicate") return replyWithErrors(submission, { formErrors: ["agencies.duplicate"] }, 409);
  if (result.status === "wrong-country")
    return replyWithErrors(submission, { formErrors: ["validation.agency.country"] }, 409);
  if (result.status === "dismissed")
    return redirectWithFlash("/admin/agencies/requests", { type: "info", key: "agencies.requests.dismissed" });
  return redirectWithFlash("/admin/agencies/requests", {
    type: "success",
    key: "agencies.requests.resolved",
    params: { name: result.requester.name, agency: result.agency.name },
  });
}

export default function AgencyRequests() {
  const t = useT();
  const { requests } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const general = actionData?.result && !actionData.result.initialValue?.requestId ? formErrors(actionData.result) : [];
  return (
    <section aria-labelledby="requests-title">
      <h1 id="requests-title">{t("agencies.requests.title")}</h1>
      <AgencyNav />
      <p>{t("agencies.requests.intro")}</p>
      {general.length ? (
        <p className="form-errors" role="alert">
          {t.key(general[0]!)}
        </p>
      ) : null}
      {requests.length === 0 ? <p>{t("agencies.requests.none")}</p> : null}
      {requests.map((r) => {
        const error = rowError(actionData?.result, "requestId", r.id);
        return (
          <section key={r.id} aria-labelledby={`request-${r.id}`} className="card">
            <h2 id={`request-${r.id}`} dir="auto">
              {r.name} ({r.countryName})
            </h2>
            <p>
              {t("agencies.requests.by", { date: r.when })}{" "}
              <Link to={`/admin/users/${r.requester.id}`} dir="auto">
                {r.requester.name}
              </Link>{" "}
              <span dir="ltr">({r.requester.email})</span>
            </p>
            {error ? (
              <p className="form-errors" role="alert">
                {t.key(error)}
              </p>
            ) : null}
            <Form method="post" className="inline-form" aria-label={t("agencies.requests.create", { name: r.name })}>
              <input type="hidden" name="requestId" value={r.id} />
              <input type="hidden" name="intent" value="create" />
              <label htmlFor={`type-${r.id}`}>{t("agencies.field.type")}</label>
              <select id={`type-${r.id}`} name="type" defaultValue="POLICE">
                {AGENCY_TYPES.map((type) => (
                  <option key={type} value={type}>
                    {t(`agencies.type.${type}`)}
                  </option>
                ))}
              </select>
              <button type="submit" className="button small">
                {t("agencies.requests.create", { name: r.name })}
              </button>
            </Form>
            {r.agencies.length ? (
              <Form method="post" className="inline-form" aria-label={t("agencies.requests.link")}>
                <input type="hidden" name="requestId" value={r.id} />
                <input type="hidden" name="intent" value="link" />
                <label htmlFor={`link-${r.id}`}>{t("agencies.requests.linkTo")}</label>
                <select id={`link-${r.id}`} name="agencyId" required>
                  <option value="">{t("agencies.merge.choose")}</option>
                  {r.agencies.map((a) => (
                    <option key={a.id} value={a.id}>
                      {a.name}
                    </option>
                  ))}
                </select>
                <button type="submit" className="button small secondary">
                  {t("agencies.requests.link")}
                </button>
              </Form>
            ) : null}
            <Form method="post" className="inline-form">
              <input type="hidden" name="requestId" value={r.id} />
              <input type="hidden" name="intent" value="dismiss" />
              <button type="submit" className="button small secondary">
                {t("agencies.requests.dismiss")}
              </button>
            </Form>
          </section>
        );
      })}
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
