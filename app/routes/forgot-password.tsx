import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors, TextField } from "~/components/forms";
import { useT } from "~/i18n/use-t";
import { requestPasswordReset } from "~/models/account-tokens.server";
import { parseForm, replyWithErrors } from "~/utils/forms.server";
import { pageTitle } from "~/utils/meta";
import { ForgotPasswordSchema } from "~/validation/account";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "forgot.title");

export const headers: HeadersFunction = ({ actionHeaders }) => {
  const headers = new Headers();
  const retryAfter = actionHeaders.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
};

export async function loader({ request }: LoaderFunctionArgs) {
  return { sent: new URL(request.url).searchParams.get("sent") === "1" };
}

/** The same answer (a redirect to the "sent" page) whether or not the address has an account. */
export async function action({ request, context }: ActionFunctionArgs) {
  const submission = await parseForm(request, ForgotPasswordSchema);
  if (submission.status !== "success") return replyWithErrors(submission);
  const result = await requestPasswordReset({ email: submission.value.email, ip: context.clientIp });
  if (result.status === "rate-limited") {
    return data(
      {
        result: submission.reply({ formErrors: ["forgot.tooMany"] }),
        minutes: Math.ceil(result.retryAfterSeconds / 60),
      },
      { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
    );
  }
  return redirect("/forgot-password?sent=1");
}

export default function ForgotPassword() {
  const t = useT();
  const { sent } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "forgot",
    lastResult: actionData?.result,
    constraint: getZodConstraint(ForgotPasswordSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ForgotPasswordSchema }),
  });
  return (
    <section className="narrow" aria-labelledby="forgot-title">
      <h1 id="forgot-title">{t("forgot.title")}</h1>
      {sent ? (
        <p role="status">{t("forgot.sent")}</p>
      ) : (
        <>
          <p>{t("forgot.intro")}</p>
          <Form method="post" {...getFormProps(form)}>
            <FormErrors
              id={form.errorId}
              errors={form.errors}
              params={{ minutes: actionData && "minutes" in actionData ? Number(actionData.minutes) : 60 }}
            />
            <TextField field={fields.email} label={t("forgot.email")} type="email" autoComplete="email" />
            <button type="submit" className="button">
              {t("forgot.submit")}
            </button>
          </Form>
        </>
      )}
      <p>
        <Link to="/login">{t("signup.haveAccount")}</Link>
      </p>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
