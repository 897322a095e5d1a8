import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { TextField } from "~/components/forms";
import { useT } from "~/i18n/use-t";
import { authenticate } from "~/models/users.server";
import { requireAnonymous, safeRedirect, startSession } from "~/utils/auth.server";
import { knownDevice, knownDeviceCookie } from "~/utils/known-device.server";
import { pageTitle } from "~/utils/meta";
import { LoginSchema } from "~/validation/auth";
import { readFormData } from "~/utils/request.server";

/** Document requests keep the action's Retry-After (429). */
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const headers = new Headers();
  const retryAfter = actionHeaders.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
};

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "login.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const submission = parseWithZod(await readFormData(request), { schema: LoginSchema });
  if (submission.status !== "success") {
    return data(
      { result: submission.reply({ hideFields: ["password"] }), retryMinutes: 0, retrySeconds: 0 },
      { status: 400 },
    );
  }
  const { email, password, redirectTo } = submission.value;
  const device = knownDevice(request, email);
  const result = await authenticate({ email, password, ip: context.clientIp, device });
  if (result.status === "rate-limited") {
    const message = result.reason === "slowed" ? "login.slowedDown" : "login.tooMany";
    return data(
      {
        result: submission.reply({ formErrors: [message], hideFields: ["password"] }),
        retryMinutes: Math.ceil(result.retryAfterSeconds / 60),
        retrySeconds: result.retryAfterSeconds,
      },
      { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
    );
  }
  if (result.status === "invalid") {
    return data(
      {
        result: submission.reply({ formErrors: ["login.invalid"], hideFields: ["password"] }),
        retryMinutes: 0,
        retrySeconds: 0,
      },
      { status: 401 },
    );
  }
  const headers = new Headers();
  headers.append("Set-Cookie", await startSession(result.user.id));
  // This browser is now known to the account: attacks on it from elsewhere never slow it down.
  headers.append("Set-Cookie", knownDeviceCookie(email, device ?? undefined));
  return redirect(safeRedirect(redirectTo), { headers });
}

export default function Login() {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    id: "login",
    lastResult: actionData?.result,
    constraint: getZodConstraint(LoginSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LoginSchema }),
  });
  return (
    <section className="narrow" aria-labelledby="login-title">
      <h1 id="login-title">{t("login.title")}</h1>
      <Form method="post" {...getFormProps(form)}>
        {form.errors?.length ? (
          <div id={form.errorId} className="form-errors" role="alert">
            {form.errors.map((error) => (
              <p key={error}>
                {t.key(error, { minutes: actionData?.retryMinutes ?? 15, seconds: actionData?.retrySeconds ?? 5 })}
              </p>
            ))}
          </div>
        ) : null}
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <TextField field={fields.email} label={t("login.email")} type="email" autoComplete="username" />
        <TextField
          field={fields.password}
          label={t("login.password")}
          type="password"
          autoComplete="current-password"
        />
        <button type="submit" className="button" disabled={busy}>
          {t("login.submit")}
        </button>
      </Form>
      <p>
        <Link to="/forgot-password">{t("login.forgot")}</Link>
      </p>
      <p>
        <Link to="/signup">{t("login.noAccount")}</Link>
      </p>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
