import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors, TextField, withoutKey } from "~/components/forms";
import { useT } from "~/i18n/use-t";
import { deleteAccount } from "~/models/account.server";
import { endSession, requireUser } from "~/utils/auth.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm, replyWithErrors } from "~/utils/forms.server";
import { pageTitle } from "~/utils/meta";
import { DeleteAccountSchema } from "~/validation/account";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "account.data.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

/** Deleting the account (the download is a POST to /account/data.zip). */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = await parseForm(request, DeleteAccountSchema);
  const hide = { hideFields: ["password"] };
  if (submission.status !== "success") return replyWithErrors(submission, hide);
  const result = await deleteAccount({ userId: user.id, ...submission.value, ip: context.clientIp });
  switch (result.status) {
    case "wrong-password":
      return replyWithErrors(submission, { ...hide, fieldErrors: { password: ["account.delete.wrong"] } });
    case "rate-limited":
      return replyWithErrors(submission, { ...hide, formErrors: ["account.password.limited"] }, 429);
    case "last-admin":
      return replyWithErrors(submission, { ...hide, formErrors: ["account.delete.lastAdmin"] }, 409);
    case "deleted": {
      const headers = new Headers({ "Set-Cookie": await endSession(request) });
      return redirectWithFlash("/", { type: "success", key: "account.delete.done" }, { headers });
    }
  }
}

export default function YourData() {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    id: "delete-account",
    lastResult: actionData?.result,
    constraint: getZodConstraint(DeleteAccountSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: DeleteAccountSchema }),
  });
  return (
    <section className="narrow" aria-labelledby="data-title">
      <h1 id="data-title">{t("account.data.title")}</h1>
      <p>{t("account.data.intro")}</p>
      {/* A plain form: the answer is a file, which the browser saves without leaving the page. */}
      <form method="post" action="/account/data.zip">
        <button type="submit" className="button">
          {t("account.data.download")}
        </button>
      </form>

      <h2 id="delete-title">{t("account.delete.title")}</h2>
      <p>{t("account.delete.intro")}</p>
      <p>{t("account.delete.certificates")}</p>
      <Form method="post" {...getFormProps(form)} aria-labelledby="delete-title">
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField
          field={fields.password}
          label={t("account.delete.password")}
          type="password"
          autoComplete="current-password"
        />
        <div className="field checkbox">
          <input
            {...withoutKey(getInputProps(fields.keepName, { type: "checkbox" }))}
            aria-describedby="keep-name-hint"
          />
          <label htmlFor={fields.keepName.id}>{t("account.delete.keepName")}</label>
        </div>
        <p id="keep-name-hint" className="hint">
          {t("account.delete.keepNameHint")}
        </p>
        <button type="submit" className="button danger" disabled={busy}>
          {t("account.delete.submit")}
        </button>
      </Form>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
