import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PersonFields } from "~/components/person-fields";
import { FormErrors, TextField } from "~/components/forms";
import { resolveLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/use-t";
import { signUp } from "~/models/account-tokens.server";
import { agencyOptions } from "~/models/agencies.server";
import { FIND_AGENCY_INTENT } from "~/validation/agency-choice";
import { requireAnonymous } from "~/utils/auth.server";
import { countryOptions } from "~/utils/countries";
import { pageTitle } from "~/utils/meta";
import { SignupSchema } from "~/validation/auth";
import { readFormData } from "~/utils/request.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "signup.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  const locale = await resolveLocale(request);
  // After a sign-up, new address or registered one alike (no account enumeration).
  const url = new URL(request.url);
  const sent = url.searchParams.get("sent") === "1";
  const agencies = sent
    ? []
    : await agencyOptions({ country: url.searchParams.get("country"), q: url.searchParams.get("agencyQuery"), locale });
  return { countries: sent ? [] : countryOptions(locale), locale, sent, agencies };
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const formData = await readFormData(request);
  const submission = parseWithZod(formData, { schema: SignupSchema });
  if (formData.get("intent") === FIND_AGENCY_INTENT) {
    // "Find" without JavaScript: the same form again, the agency list narrowed, nothing saved.
    const locale = await resolveLocale(request);
    const reply = submission.reply({ hideFields: ["password"] });
    const agencies = await agencyOptions({
      country: String(formData.get("country") ?? ""),
      q: String(formData.get("agencyQuery") ?? ""),
      locale,
    });
    return data({ result: { initialValue: reply.initialValue }, agencies });
  }
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  }
  const { redirectTo: _ignored, agencyRequest, agencyQuery: _query, ...input } = submission.value;
  const result = await signUp({ ...input, agency: input.agencyId ? null : agencyRequest }, { ip: context.clientIp });
  if (result.status === "bad-agency") {
    return data(
      {
        result: submission.reply({
          fieldErrors: { agencyId: ["validation.agency.country"] },
          hideFields: ["password"],
        }),
      },
      { status: 400 },
    );
  }
  if (result.status === "rate-limited") {
    return data(
      {
        result: submission.reply({ formErrors: ["signup.tooMany"], hideFields: ["password"] }),
        minutes: Math.ceil(result.retryAfterSeconds / 60),
      },
      { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
    );
  }
  if (result.status === "weak-password") {
    return data(
      { result: submission.reply({ fieldErrors: { password: [result.reason] }, hideFields: ["password"] }) },
      { status: 400 },
    );
  }
  // Nobody is signed in yet: the link in the mail confirms the address, then they log in.
  return redirect("/signup?sent=1");
}

export default function Signup() {
  const t = useT();
  const { countries, locale, sent, agencies } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    id: "signup",
    lastResult: actionData?.result,
    constraint: getZodConstraint(SignupSchema),
    defaultValue: { locale },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SignupSchema }),
  });
  if (sent) {
    return (
      <section className="narrow" aria-labelledby="signup-title">
        <h1 id="signup-title">{t("signup.checkEmail.title")}</h1>
        <p role="status">{t("signup.checkEmail.body")}</p>
        <p>
          <Link to="/login">{t("signup.haveAccount")}</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="narrow" aria-labelledby="signup-title">
      <h1 id="signup-title">{t("signup.title")}</h1>
      <p>{t("signup.intro")}</p>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors
          id={form.errorId}
          errors={form.errors}
          params={{ minutes: actionData && "minutes" in actionData ? Number(actionData.minutes) : 60 }}
        />
        {form.errors?.length || Object.values(fields).some((f) => f.errors?.length) ? (
          <p className="form-errors" role="alert">
            {t("form.submitError")}
          </p>
        ) : null}
        <TextField field={fields.name} label={t("signup.name")} hint={t("signup.name.hint")} autoComplete="name" />
        <TextField field={fields.email} label={t("signup.email")} type="email" autoComplete="email" />
        <TextField
          field={fields.password}
          label={t("signup.password")}
          hint={t("signup.password.hint")}
          type="password"
          autoComplete="new-password"
        />
        <PersonFields
          fields={fields}
          countries={countries}
          agencies={actionData && "agencies" in actionData ? actionData.agencies : agencies}
          listPath="/signup"
        />
        <button type="submit" className="button" disabled={busy}>
          {t("signup.submit")}
        </button>
      </Form>
      <p>
        <Link to="/login">{t("signup.haveAccount")}</Link>
      </p>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
