import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors, TextField } from "~/components/forms";
import { useT } from "~/i18n/use-t";
import { emailSettings, requestEmailChange } from "~/models/account-tokens.server";
import { requireUser } from "~/utils/auth.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm } from "~/utils/forms.server";
import { pageTitle } from "~/utils/meta";
import { EmailChangeSchema } from "~/validation/account";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "emailChange.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return emailSettings({ userId: user.id });
}

/** Mails a link to the new address (and a notice to the current one); the address changes when it is followed. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = await parseForm(request, EmailChangeSchema);
  if (submission.status !== "success")
    return data({ result: submission.reply({ hideFields: ["current"] }), minutes: 0 }, { status: 400 });
  const result = await requestEmailChange({ userId: user.id, ...submission.value, ip: context.clientIp });
  if (result.status === "rate-limited")
    return data(
      {
        result: submission.reply({ formErrors: ["emailChange.tooMany"], hideFields: ["current"] }),
        minutes: Math.ceil(result.retryAfterSeconds / 60),
      },
      { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
    );
  if (result.status === "wrong-password")
    return data(
      {
        result: submission.reply({ fieldErrors: { current: ["emailChange.wrongPassword"] }, hideFields: ["current"] }),
        minutes: 0,
      },
      { status: 400 },
    );
  if (result.status === "same-address")
    return data(
      {
        result: submission.reply({ fieldErrors: { email: ["emailChange.same"] }, hideFields: ["current"] }),
        minutes: 0,
      },
      { status: 400 },
    );
  return redirectWithFlash("/account/email", { type: "success", key: "emailChange.sent" });
}

export default function AccountEmail() {
  const t = useT();
  const { email, pending } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "email-change",
    lastResult: actionData?.result,
    constraint: getZodConstraint(EmailChangeSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EmailChangeSchema }),
  });
  return (
    <section className="narrow" aria-labelledby="email-change-title">
      <h1 id="email-change-title">{t("emailChange.title")}</h1>
      <p>{t("emailChange.current", { email })}</p>
      {pending ? <p className="note-banner">{t("emailChange.pending", { email: pending })}</p> : null}
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} params={{ minutes: actionData?.minutes || 60 }} />
        <TextField field={fields.email} label={t("emailChange.email")} type="email" autoComplete="email" />
        <TextField
          field={fields.current}
          label={t("emailChange.password")}
          type="password"
          autoComplete="current-password"
        />
        <button type="submit" className="button">
          {t("emailChange.submit")}
        </button>
      </Form>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
