import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { AgencyForm } from "~/components/agency-form";
import { AgencyNav } from "~/components/agency-nav";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { resolveLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/use-t";
import { agenciesOfCountry, agencyChoices, createAgency } from "~/models/agencies.server";
import { requireRole } from "~/utils/auth.server";
import { countryOptions, isCountryCode } from "~/utils/countries";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm, replyWithErrors } from "~/utils/forms.server";
import { pageTitle } from "~/utils/meta";
import { AgencySchema } from "~/validation/agencies";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "agencies.new");

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "ADMIN");
  const locale = await resolveLocale(request, admin);
  // ?country=VN offers that country's agencies as parents (the list reloads without JavaScript).
  const country = (new URL(request.url).searchParams.get("country") ?? "").toUpperCase();
  const parents = isCountryCode(country)
    ? await agenciesOfCountry({ country })
    : (await agencyChoices({})).map((a) => ({ id: a.id, name: `${a.name} (${a.country})` }));
  return { countries: countryOptions(locale), country: isCountryCode(country) ? country : "", parents };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireRole(request, "ADMIN");
  const submission = await parseForm(request, AgencySchema);
  if (submission.status !== "success") return replyWithErrors(submission);
  const result = await createAgency({ actorId: admin.id, input: submission.value, ip: context.clientIp });
  if (result.status === "duplicate")
    return replyWithErrors(submission, { fieldErrors: { name: ["agencies.duplicate"] } }, 409);
  if (result.status === "bad-parent")
    return replyWithErrors(submission, { fieldErrors: { parentId: ["agencies.validation.parent"] } });
  if (result.status !== "saved") throw new Response("Not found", { status: 404 });
  return redirectWithFlash(`/admin/agencies/${result.agency.id}`, {
    type: "success",
    key: "agencies.created",
    params: { name: result.agency.name },
  });
}

export default function NewAgency() {
  const t = useT();
  const { countries, country, parents } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section aria-labelledby="new-agency-title">
      <h1 id="new-agency-title">{t("agencies.new")}</h1>
      <AgencyNav />
      <p>{t("agencies.new.intro")}</p>
      <AgencyForm
        id="agency-new"
        lastResult={actionData?.result}
        defaultValue={{ name: "", translations: {}, country, type: "POLICE", parentId: "", domains: "" }}
        countries={countries}
        parents={parents}
        submitLabel={t("agencies.create")}
      />
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
