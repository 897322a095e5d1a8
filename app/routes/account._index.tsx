import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PersonFields } from "~/components/person-fields";
import { FormErrors, TextField } from "~/components/forms";
import { resolveLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/use-t";
import { getProfile, updateProfile } from "~/models/account.server";
import { agencyOptions, pendingAgencyRequestOf } from "~/models/agencies.server";
import { focalPointsFor } from "~/models/vetting.server";
import { formatDate } from "~/i18n/format.server";
import { readFormData } from "~/utils/request.server";
import { FIND_AGENCY_INTENT } from "~/validation/agency-choice";
import { requireUser } from "~/utils/auth.server";
import { countryOptions } from "~/utils/countries";
import { redirectWithFlash } from "~/utils/flash.server";
import { replyWithErrors } from "~/utils/forms.server";
import { pageTitle } from "~/utils/meta";
import { ProfileSchema } from "~/validation/account";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "account.profile.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const profile = await getProfile({ userId: user.id });
  const locale = await resolveLocale(request, user);
  const url = new URL(request.url);
  const country = url.searchParams.get("country") ?? profile.country;
  const [agencies, pendingRequest, focalPoints] = await Promise.all([
    agencyOptions({ country, q: url.searchParams.get("agencyQuery"), locale }),
    pendingAgencyRequestOf({ userId: user.id }),
    focalPointsFor({ agencyId: profile.agencyId }),
  ]);
  return {
    profile: {
      name: profile.name,
      country: profile.country ?? "",
      agencyId: profile.agencyId ?? "",
      locale: profile.locale,
    },
    agencies,
    pendingRequest: pendingRequest ? { name: pendingRequest.name } : null,
    vetting: {
      status: profile.vettingStatus,
      on: profile.vettedAt ? formatDate(profile.vettedAt, locale) : null,
      method: profile.vettingMethod,
      reason: profile.vettingStatus === "DECLINED" ? profile.vettingReason : null,
      focalPoints: focalPoints.map((f) => f.name),
    },
    // Changes with every save, so the browser fetches the new preview.
    previewVersion: profile.updatedAt.getTime().toString(36),
    countries: countryOptions(locale),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await readFormData(request);
  const submission = parseWithZod(formData, { schema: ProfileSchema });
  if (formData.get("intent") === FIND_AGENCY_INTENT) {
    const locale = await resolveLocale(request, user);
    const agencies = await agencyOptions({
      country: String(formData.get("country") ?? ""),
      q: String(formData.get("agencyQuery") ?? ""),
      locale,
    });
    return data({ result: { initialValue: submission.reply().initialValue }, agencies });
  }
  if (submission.status !== "success") return replyWithErrors(submission);
  const result = await updateProfile({ userId: user.id, input: submission.value, ip: context.clientIp });
  if (result.status === "bad-agency")
    return replyWithErrors(submission, { fieldErrors: { agencyId: ["validation.agency.country"] } });
  return redirectWithFlash("/account", {
    type: result.status === "saved" ? "success" : "info",
    key: result.status === "saved" ? "account.profile.saved" : "account.profile.unchanged",
  });
}

export default function Profile() {
  const t = useT();
  const { profile, previewVersion, vetting, pendingRequest } = useLoaderData<typeof loader>();
  return (
    <section className="narrow" aria-labelledby="profile-title">
      <h1 id="profile-title">{t("account.profile.title")}</h1>
      <p>{t("account.profile.intro")}</p>
      <figure className="name-preview" aria-labelledby="name-preview-title">
        <figcaption>
          <h2 id="name-preview-title">{t("account.preview.title")}</h2>
          <p>{t("account.preview.intro")}</p>
        </figcaption>
        <img
          src={`/account/name-preview.svg?v=${previewVersion}`}
          alt={t("account.preview.alt", { name: profile.name })}
          data-testid="name-preview"
        />
        <p className="hint">{t("account.preview.note")}</p>
      </figure>
      <section aria-labelledby="vetting-title">
        <h2 id="vetting-title">{t("vetting.mine.title")}</h2>
        <p data-testid="vetting-status">
          {vetting.status === "VERIFIED"
            ? t("vetting.mine.verified", { date: vetting.on ?? "" })
            : vetting.status === "DECLINED"
              ? t("vetting.mine.declined", { reason: vetting.reason ?? "" })
              : t("vetting.mine.unverified")}
        </p>
        {vetting.status !== "VERIFIED" ? (
          <p>
            {vetting.focalPoints.length
              ? t("vetting.mine.focalPoints", { names: vetting.focalPoints.join(", ") })
              : t("vetting.mine.noFocalPoint")}
          </p>
        ) : null}
        {pendingRequest ? <p>{t("agencyChoice.pending", { name: pendingRequest.name })}</p> : null}
      </section>
      {/* Keyed by the saved version: after a save the form starts again from the saved values. */}
      <ProfileForm key={previewVersion} />
    </section>
  );
}

function ProfileForm() {
  const t = useT();
  const { profile, countries, agencies } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    id: "profile",
    lastResult: actionData?.result,
    constraint: getZodConstraint(ProfileSchema),
    defaultValue: { ...profile, agencyRequest: "", agencyQuery: "" },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ProfileSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      {form.errors?.length || Object.values(fields).some((f) => f.errors?.length) ? (
        <p className="form-errors" role="alert">
          {t("form.submitError")}
        </p>
      ) : null}
      <TextField field={fields.name} label={t("signup.name")} hint={t("signup.name.hint")} autoComplete="name" />
      <PersonFields
        fields={fields}
        countries={countries}
        agencies={actionData && "agencies" in actionData ? actionData.agencies : agencies}
        listPath="/account"
      />
      <button type="submit" className="button" disabled={busy}>
        {t("account.profile.save")}
      </button>
    </Form>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
