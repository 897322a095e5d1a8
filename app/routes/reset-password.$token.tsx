import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors, TextField } from "~/components/forms";
import { useT } from "~/i18n/use-t";
import { checkToken, resetPassword } from "~/models/account-tokens.server";
import { endSession } from "~/utils/auth.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm } from "~/utils/forms.server";
import { pageTitle } from "~/utils/meta";
import { ResetPasswordSchema } from "~/validation/account";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "reset.title");

export async function loader({ params }: LoaderFunctionArgs) {
  const check = await checkToken({ token: params.token!, purposes: ["RESET_PASSWORD"] });
  if (check.status !== "valid") return data({ status: check.status, email: null }, { status: 410 });
  return { status: "valid" as const, email: check.email };
}

/** Sets the password and ends every session of the account, then sends the person to /login. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const submission = await parseForm(request, ResetPasswordSchema);
  if (submission.status !== "success")
    return data({ result: submission.reply({ hideFields: ["password"] }), gone: false }, { status: 400 });
  const result = await resetPassword({
    token: params.token!,
    password: submission.value.password,
    ip: context.clientIp,
  });
  if (result.status === "invalid")
    return data(
      { result: submission.reply({ formErrors: ["token.invalid"], hideFields: ["password"] }), gone: true },
      { status: 410 },
    );
  if (result.status === "weak-password")
    return data(
      {
        result: submission.reply({ fieldErrors: { password: [result.reason] }, hideFields: ["password"] }),
        gone: false,
      },
      { status: 400 },
    );
  // This browser's session (if it had one) ended with the others: clear its cookie too.
  const headers = new Headers({ "Set-Cookie": await endSession(request) });
  return redirectWithFlash("/login", { type: "success", key: "reset.done" }, { headers });
}

export default function ResetPassword() {
  const t = useT();
  const link = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "reset",
    lastResult: actionData?.result,
    constraint: getZodConstraint(ResetPasswordSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ResetPasswordSchema }),
  });
  if (link.status !== "valid" || actionData?.gone) {
    return (
      <section className="narrow" aria-labelledby="reset-title">
        <h1 id="reset-title">{t("reset.title")}</h1>
        <p className="form-errors" role="alert">
          {t.key(link.status === "valid" ? "token.invalid" : `token.${link.status}`)}
        </p>
        <p>
          <Link to="/forgot-password">{t("reset.again")}</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="narrow" aria-labelledby="reset-title">
      <h1 id="reset-title">{t("reset.title")}</h1>
      <p>{t("reset.intro", { email: link.email })}</p>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField
          field={fields.password}
          label={t("reset.password")}
          hint={t("signup.password.hint")}
          type="password"
          autoComplete="new-password"
        />
        <button type="submit" className="button">
          {t("reset.submit")}
        </button>
      </Form>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
