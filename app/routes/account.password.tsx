import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors, TextField } from "~/components/forms";
import { useT } from "~/i18n/use-t";
import { changePassword } from "~/models/account.server";
import { requireUser, requireUserSession } from "~/utils/auth.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm, replyWithErrors } from "~/utils/forms.server";
import { pageTitle } from "~/utils/meta";
import { PasswordChangeSchema } from "~/validation/account";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "account.password.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

const HIDE = { hideFields: ["current", "password"] };

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, sessionId } = await requireUserSession(request);
  const submission = await parseForm(request, PasswordChangeSchema);
  if (submission.status !== "success") return replyWithErrors(submission, HIDE);
  const result = await changePassword({ userId: user.id, sessionId, ...submission.value, ip: context.clientIp });
  switch (result.status) {
    case "wrong-current":
      return replyWithErrors(submission, { ...HIDE, fieldErrors: { current: ["account.password.wrong"] } });
    case "rate-limited":
      return replyWithErrors(submission, { ...HIDE, formErrors: ["account.password.limited"] }, 429);
    case "weak-password":
      return replyWithErrors(submission, { ...HIDE, fieldErrors: { password: [result.reason] } });
    case "changed":
      return redirectWithFlash("/account/password", { type: "success", key: "account.password.changed" });
  }
}

export default function PasswordChange() {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    id: "password-change",
    lastResult: actionData?.result,
    constraint: getZodConstraint(PasswordChangeSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PasswordChangeSchema }),
  });
  return (
    <section className="narrow" aria-labelledby="password-title">
      <h1 id="password-title">{t("account.password.title")}</h1>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        {Object.values(fields).some((f) => f.errors?.length) ? (
          <p className="form-errors" role="alert">
            {t("form.submitError")}
          </p>
        ) : null}
        <TextField
          field={fields.current}
          label={t("account.password.current")}
          type="password"
          autoComplete="current-password"
        />
        <TextField
          field={fields.password}
          label={t("account.password.new")}
          hint={t("account.password.hint")}
          type="password"
          autoComplete="new-password"
        />
        <button type="submit" className="button" disabled={busy}>
          {t("account.password.submit")}
        </button>
      </Form>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
