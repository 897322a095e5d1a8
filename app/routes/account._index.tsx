import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PersonFields } from "~/components/person-fields";
import { FormErrors, TextField } from "~/components/forms";
import { resolveLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/use-t";
import { getProfile, updateProfile } from "~/models/account.server";
import { requireUser } from "~/utils/auth.server";
import { countryOptions } from "~/utils/countries";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm, replyWithErrors } from "~/utils/forms.server";
import { pageTitle } from "~/utils/meta";
import { ProfileSchema } from "~/validation/account";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "account.profile.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const profile = await getProfile({ userId: user.id });
  const locale = await resolveLocale(request, user);
  return {
    profile: {
      name: profile.name,
      country: profile.country ?? "",
      agency: profile.agency ?? "",
      locale: profile.locale,
    },
    // Changes with every save, so the browser fetches the new preview.
    previewVersion: profile.updatedAt.getTime().toString(36),
    countries: countryOptions(locale),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = await parseForm(request, ProfileSchema);
  if (submission.status !== "success") return replyWithErrors(submission);
  const result = await updateProfile({ userId: user.id, input: submission.value, ip: context.clientIp });
  return redirectWithFlash("/account", {
    type: result.status === "saved" ? "success" : "info",
    key: result.status === "saved" ? "account.profile.saved" : "account.profile.unchanged",
  });
}

export default function Profile() {
  const t = useT();
  const { profile, previewVersion } = useLoaderData<typeof loader>();
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
      {/* Keyed by the saved version: after a save the form starts again from the saved values. */}
      <ProfileForm key={previewVersion} />
    </section>
  );
}

function ProfileForm() {
  const t = useT();
  const { profile, countries } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    id: "profile",
    lastResult: actionData?.result,
    constraint: getZodConstraint(ProfileSchema),
    defaultValue: profile,
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
      <PersonFields fields={fields} countries={countries} />
      <button type="submit" className="button" disabled={busy}>
        {t("account.profile.save")}
      </button>
    </Form>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
