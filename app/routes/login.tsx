import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { TextField } from "~/components/forms";
import { useT } from "~/i18n/use-t";
import { beginTwoFactorLogin, completeTwoFactorLogin, pendingTwoFactorLogin } from "~/models/two-factor.server";
import { authenticate } from "~/models/users.server";
import { requireAnonymous, safeRedirect, startSession } from "~/utils/auth.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { knownDevice, knownDeviceCookie } from "~/utils/known-device.server";
import { pageTitle } from "~/utils/meta";
import { clearChallengeCookie } from "~/utils/two-factor-challenge.server";
import { LoginSchema } from "~/validation/auth";
import { TwoFactorLoginSchema } from "~/validation/two-factor";
import { readFormData } from "~/utils/request.server";

/** Document requests keep the action's Retry-After (429). */
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const headers = new Headers();
  const retryAfter = actionHeaders.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
};

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "login.title");

/** The page is the password form, or (with a valid two-factor challenge cookie) the code form. */
/** Where a sign-in lands: the page asked for, or the person's dashboard (their one next step). */
function landing(redirectTo: string | null | undefined) {
  const to = safeRedirect(redirectTo);
  return to === "/" ? "/dashboard" : to;
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  const challenge = await pendingTwoFactorLogin(request);
  const recovery = new URL(request.url).searchParams.get("use") === "recovery";
  return { step: challenge ? ("code" as const) : ("password" as const), recovery };
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  if (intent === "code") return secondStep(request, formData, context.clientIp);
  if (intent === "cancel") return redirect("/login", { headers: { "Set-Cookie": clearChallengeCookie() } });
  const submission = parseWithZod(formData, { schema: LoginSchema });
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
  if (result.status === "suspended") {
    return data(
      {
        result: submission.reply({ formErrors: ["login.suspended"], hideFields: ["password"] }),
        retryMinutes: 0,
        retrySeconds: 0,
      },
      { status: 403 },
    );
  }
  // Two-factor sign-in: no session yet, only a short-lived signed challenge for the code step.
  const challenge = await beginTwoFactorLogin({ userId: result.user.id, redirectTo: landing(redirectTo) });
  if (challenge) return redirect("/login", { headers: { "Set-Cookie": challenge } });
  const headers = new Headers();
  headers.append(
    "Set-Cookie",
    await startSession(result.user.id, { userAgent: request.headers.get("User-Agent"), ip: context.clientIp }),
  );
  // This browser is now known to the account: attacks on it from elsewhere never slow it down.
  headers.append("Set-Cookie", knownDeviceCookie(email, device ?? undefined));
  return redirect(landing(redirectTo), { headers });
}

/** The second step: a code from the authenticator app (or a recovery code) completes the login. */
async function secondStep(request: Request, formData: FormData, ip: string) {
  const submission = parseWithZod(formData, { schema: TwoFactorLoginSchema });
  if (submission.status !== "success") {
    return data(
      { result: submission.reply({ hideFields: ["code"] }), retryMinutes: 0, retrySeconds: 0 },
      { status: 400 },
    );
  }
  const result = await completeTwoFactorLogin({ request, code: submission.value.code, ip });
  if (result.status === "no-challenge") {
    return redirectWithFlash(
      "/login",
      { type: "error", key: "twoFactor.login.expired" },
      { headers: new Headers({ "Set-Cookie": clearChallengeCookie() }) },
    );
  }
  if (result.status === "rate-limited") {
    return data(
      {
        result: submission.reply({ formErrors: ["twoFactor.tooMany"], hideFields: ["code"] }),
        retryMinutes: Math.ceil(result.retryAfterSeconds / 60),
        retrySeconds: result.retryAfterSeconds,
      },
      { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
    );
  }
  if (result.status === "wrong-code") {
    return data(
      {
        result: submission.reply({ formErrors: ["twoFactor.code.wrong"], hideFields: ["code"] }),
        retryMinutes: 0,
        retrySeconds: 0,
      },
      { status: 401 },
    );
  }
  const headers = new Headers();
  headers.append("Set-Cookie", clearChallengeCookie());
  headers.append(
    "Set-Cookie",
    await startSession(result.user.id, { userAgent: request.headers.get("User-Agent"), ip }),
  );
  headers.append(
    "Set-Cookie",
    knownDeviceCookie(result.user.email, knownDevice(request, result.user.email) ?? undefined),
  );
  return redirect(landing(result.redirectTo), { headers });
}

export default function Login() {
  const { step } = useLoaderData<typeof loader>();
  return step === "code" ? <TwoFactorStep /> : <PasswordStep />;
}

function PasswordStep() {
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

function TwoFactorStep() {
  const t = useT();
  const { recovery } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    id: "login-two-factor",
    lastResult: actionData?.result,
    constraint: getZodConstraint(TwoFactorLoginSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: TwoFactorLoginSchema }),
  });
  return (
    <section className="narrow" aria-labelledby="login-title">
      <h1 id="login-title">{t("twoFactor.login.title")}</h1>
      <p>{recovery ? t("twoFactor.login.recoveryIntro") : t("twoFactor.login.intro")}</p>
      <Form method="post" {...getFormProps(form)}>
        {form.errors?.length ? (
          <div id={form.errorId} className="form-errors" role="alert">
            {form.errors.map((error) => (
              <p key={error}>{t.key(error, { minutes: actionData?.retryMinutes ?? 15 })}</p>
            ))}
          </div>
        ) : null}
        <input type="hidden" name="intent" value="code" />
        <TextField
          field={fields.code}
          label={recovery ? t("twoFactor.recoveryCode") : t("twoFactor.code")}
          autoComplete={recovery ? "off" : "one-time-code"}
          inputMode={recovery ? "text" : "numeric"}
        />
        <button type="submit" className="button" disabled={busy}>
          {t("twoFactor.login.submit")}
        </button>
      </Form>
      <p>
        {recovery ? (
          <Link to="/login">{t("twoFactor.login.useApp")}</Link>
        ) : (
          <Link to="/login?use=recovery">{t("twoFactor.login.useRecovery")}</Link>
        )}
      </p>
      <Form method="post">
        <input type="hidden" name="intent" value="cancel" />
        <button type="submit" className="button secondary">
          {t("twoFactor.login.cancel")}
        </button>
      </Form>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
