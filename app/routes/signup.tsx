import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors, SelectField, TextField } from "~/components/forms";
import { LOCALE_NAMES, SUPPORTED_LOCALES } from "~/i18n/i18n";
import { resolveLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/use-t";
import { registerUser } from "~/models/users.server";
import { requireAnonymous, safeRedirect, startSession } from "~/utils/auth.server";
import { countryOptions } from "~/utils/countries";
import { redirectWithFlash } from "~/utils/flash.server";
import { pageTitle } from "~/utils/meta";
import { SignupSchema } from "~/validation/auth";
import { readFormData } from "~/utils/request.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "signup.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  const locale = await resolveLocale(request);
  return { countries: countryOptions(locale), locale };
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const submission = parseWithZod(await readFormData(request), { schema: SignupSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  }
  const { redirectTo, ...input } = submission.value;
  const result = await registerUser(input);
  if (result.status === "email-taken") {
    return data(
      { result: submission.reply({ fieldErrors: { email: ["validation.email.taken"] }, hideFields: ["password"] }) },
      { status: 400 },
    );
  }
  if (result.status === "weak-password") {
    return data(
      { result: submission.reply({ fieldErrors: { password: [result.reason] }, hideFields: ["password"] }) },
      { status: 400 },
    );
  }
  const headers = new Headers({
    "Set-Cookie": await startSession(result.user.id, {
      userAgent: request.headers.get("User-Agent"),
      ip: context.clientIp,
    }),
  });
  return redirectWithFlash(safeRedirect(redirectTo), { type: "success", key: "signup.created" }, { headers });
}

export default function Signup() {
  const t = useT();
  const { countries, locale } = useLoaderData<typeof loader>();
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
  return (
    <section className="narrow" aria-labelledby="signup-title">
      <h1 id="signup-title">{t("signup.title")}</h1>
      <p>{t("signup.intro")}</p>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
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
        <SelectField field={fields.country} label={t("signup.country")}>
          <option value="">{t("signup.country.choose")}</option>
          {countries.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </SelectField>
        <TextField
          field={fields.agency}
          label={t("signup.agency")}
          hint={t("signup.agency.hint")}
          optionalLabel={t("form.optional")}
          autoComplete="organization"
        />
        <SelectField field={fields.locale} label={t("signup.locale")}>
          {SUPPORTED_LOCALES.map((code) => (
            <option key={code} value={code} lang={code}>
              {LOCALE_NAMES[code]}
            </option>
          ))}
        </SelectField>
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
