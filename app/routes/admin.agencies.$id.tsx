import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { AgencyForm } from "~/components/agency-form";
import { AgencyNav } from "~/components/agency-nav";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formErrors } from "~/components/forms";
import { resolveLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/use-t";
import { agenciesOfCountry, agencyForAdmin, mergeAgencies, updateAgency } from "~/models/agencies.server";
import { requireRole } from "~/utils/auth.server";
import { countryName, countryOptions } from "~/utils/countries";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm, replyWithErrors } from "~/utils/forms.server";
import { pageTitle } from "~/utils/meta";
import { AgencyEditSchema } from "~/validation/agencies";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "agencies.edit");

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "ADMIN");
  const locale = await resolveLocale(request, admin);
  const agency = UUID.test(params.id!) ? await agencyForAdmin({ agencyId: params.id! }) : null;
  if (!agency) throw new Response("Not found", { status: 404 });
  const others = await agenciesOfCountry({ country: agency.country, except: agency.id });
  return {
    agency: {
      id: agency.id,
      name: agency.name,
      countryName: countryName(agency.country, locale),
      members: agency._count.members,
      focalScopes: agency._count.focalScopes,
      children: agency.children,
    },
    values: {
      name: agency.name,
      translations: (agency.nameTranslations ?? {}) as Record<string, string>,
      country: agency.country,
      type: agency.type,
      parentId: agency.parentId ?? "",
      domains: agency.trustedDomains.join(", "),
    },
    // A child cannot be its parent's parent: the model refuses it, the list leaves children out.
    parents: others.filter((o) => !agency.children.some((c) => c.id === o.id)),
    others: others.map((o) => ({ id: o.id, name: o.name, members: o._count.members })),
    countries: countryOptions(locale),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const admin = await requireRole(request, "ADMIN");
  const agencyId = params.id!;
  if (!UUID.test(agencyId)) throw new Response("Not found", { status: 404 });
  const submission = await parseForm(request, AgencyEditSchema);
  if (submission.status !== "success") return replyWithErrors(submission);
  const value = submission.value;
  if (value.intent === "merge") {
    const result = await mergeAgencies({
      actorId: admin.id,
      keepId: agencyId,
      otherId: value.otherId,
      ip: context.clientIp,
    });
    if (result.status === "not-found")
      return replyWithErrors(submission, { formErrors: ["agencies.merge.notFound"] }, 404);
    if (result.status === "same") return replyWithErrors(submission, { formErrors: ["agencies.validation.merge"] });
    return redirectWithFlash(`/admin/agencies/${agencyId}`, {
      type: "success",
      key: "agencies.merged",
      params: { name: result.kept.name, members: result.moved.members },
    });
  }
  const result = await updateAgency({ actorId: admin.id, agencyId, input: value, ip: context.clientIp });
  if (result.status === "not-found") throw new Response("Not found", { status: 404 });
  if (result.status === "duplicate")
    return replyWithErrors(submission, { fieldErrors: { name: ["agencies.duplicate"] } }, 409);
  if (result.status === "bad-parent")
    return replyWithErrors(submission, { fieldErrors: { parentId: ["agencies.validation.parent"] } });
  return redirectWithFlash(`/admin/agencies/${agencyId}`, {
    type: "success",
    key: "agencies.saved",
    params: { name: result.agency.name },
  });
}

export default function EditAgency() {
  const t = useT();
  const { agency, values, parents, others, countries } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const mergeErrors = actionData?.result.initialValue?.intent === "merge" ? formErrors(actionData.result) : [];
  return (
    <section aria-labelledby="agency-title">
      <p>
        <Link to="/admin/agencies">{t("agencies.back")}</Link>
      </p>
      <h1 id="agency-title" dir="auto">
        {agency.name}
      </h1>
      <AgencyNav />
      <dl className="facts">
        <div>
          <dt>{t("signup.country")}</dt>
          <dd>{agency.countryName}</dd>
        </div>
        <div>
          <dt>{t("agencies.members")}</dt>
          <dd>{agency.members}</dd>
        </div>
        <div>
          <dt>{t("agencies.focalScopes")}</dt>
          <dd>{agency.focalScopes}</dd>
        </div>
        <div>
          <dt>{t("agencies.children")}</dt>
          <dd dir="auto">{agency.children.map((c) => c.name).join(", ") || "—"}</dd>
        </div>
      </dl>
      <h2 id="edit-heading">{t("agencies.edit")}</h2>
      <AgencyForm
        key={JSON.stringify(values)}
        id="agency-edit"
        lastResult={actionData?.result.initialValue?.intent === "save" ? actionData.result : null}
        defaultValue={values}
        countries={countries}
        parents={parents}
        submitLabel={t("agencies.save")}
      />
      <h2 id="merge-heading">{t("agencies.merge.title")}</h2>
      <p>{t("agencies.merge.intro", { name: agency.name })}</p>
      {mergeErrors.length ? (
        <div className="form-errors" role="alert">
          {mergeErrors.map((e) => (
            <p key={e}>{t.key(e)}</p>
          ))}
        </div>
      ) : null}
      {others.length === 0 ? (
        <p>{t("agencies.merge.none")}</p>
      ) : (
        <Form method="post" aria-labelledby="merge-heading">
          <input type="hidden" name="intent" value="merge" />
          <div className="field">
            <label htmlFor="merge-other">{t("agencies.merge.other")}</label>
            <select id="merge-other" name="otherId" required>
              <option value="">{t("agencies.merge.choose")}</option>
              {others.map((o) => (
                <option key={o.id} value={o.id}>
                  {t("agencies.merge.option", { name: o.name, members: o.members })}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button danger">
            {t("agencies.merge.submit")}
          </button>
        </Form>
      )}
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
