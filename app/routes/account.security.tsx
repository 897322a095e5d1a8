/**
 * /account/security: turn two-step verification (TOTP) on and off, and replace recovery codes
 * (docs/decisions/019-two-factor.md). Administrators are sent here by requireRole until it is on.
 */
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { TextField } from "~/components/forms";
import { useT } from "~/i18n/use-t";
import {
  confirmTwoFactorSetup,
  disableTwoFactor,
  groupSecret,
  pendingTwoFactorSetup,
  regenerateRecoveryCodes,
  twoFactorStatus,
} from "~/models/two-factor.server";
import { requireUser, safeRedirect } from "~/utils/auth.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { pageTitle } from "~/utils/meta";
import { readFormData } from "~/utils/request.server";
import { TwoFactorDisableSchema, TwoFactorEnableSchema, TwoFactorRegenerateSchema } from "~/validation/two-factor";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "twoFactor.security.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const status = await twoFactorStatus({ userId: user.id });
  const setup = status.enabled ? null : await pendingTwoFactorSetup({ userId: user.id, email: user.email });
  const redirectTo = new URL(request.url).searchParams.get("redirectTo");
  return {
    enabled: status.enabled,
    recoveryCodesLeft: status.recoveryCodesLeft,
    admin: user.role === "ADMIN",
    setup: setup ? { secret: groupSecret(setup.secret), qrDataUri: setup.qrDataUri } : null,
    redirectTo: redirectTo ? safeRedirect(redirectTo) : null,
  };
}

type Intent = "enable" | "disable" | "regenerate";
type ActionData = {
  intent: Intent;
  result: SubmissionResult<string[]> | null;
  recoveryCodes: string[] | null;
  retryMinutes: number;
};

const reply = (body: ActionData, status = 200, headers?: HeadersInit) => data(body, { status, headers });

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await readFormData(request);
  const ip = context.clientIp;
  const intent = formData.get("intent");

  if (intent === "disable") {
    const submission = parseWithZod(formData, { schema: TwoFactorDisableSchema });
    if (submission.status !== "success")
      return reply(
        { intent, result: submission.reply({ hideFields: ["password"] }), recoveryCodes: null, retryMinutes: 0 },
        400,
      );
    const result = await disableTwoFactor({ userId: user.id, ...submission.value, ip });
    if (result.status === "disabled")
      return redirectWithFlash("/account/security", { type: "success", key: "twoFactor.disabled" });
    return refusal(intent, submission.reply, result, ["password", "code"]);
  }

  if (intent === "regenerate") {
    const submission = parseWithZod(formData, { schema: TwoFactorRegenerateSchema });
    if (submission.status !== "success")
      return reply({ intent, result: submission.reply(), recoveryCodes: null, retryMinutes: 0 }, 400);
    const result = await regenerateRecoveryCodes({ userId: user.id, code: submission.value.code, ip });
    if (result.status === "regenerated")
      return reply({ intent, result: null, recoveryCodes: result.recoveryCodes, retryMinutes: 0 });
    return refusal(intent, submission.reply, result, ["code"]);
  }

  const submission = parseWithZod(formData, { schema: TwoFactorEnableSchema });
  if (submission.status !== "success")
    return reply({ intent: "enable", result: submission.reply(), recoveryCodes: null, retryMinutes: 0 }, 400);
  const result = await confirmTwoFactorSetup({ userId: user.id, code: submission.value.code, ip });
  if (result.status === "enabled")
    return reply({ intent: "enable", result: null, recoveryCodes: result.recoveryCodes, retryMinutes: 0 });
  if (result.status === "not-pending")
    return reply(
      {
        intent: "enable",
        result: submission.reply({ formErrors: ["twoFactor.setup.notPending"] }),
        recoveryCodes: null,
        retryMinutes: 0,
      },
      409,
    );
  return refusal("enable", submission.reply, result, ["code"]);
}

/** The answer to a wrong password or code, or too many of them. */
function refusal(
  intent: Intent,
  replyWith: (options?: {
    formErrors?: string[];
    hideFields?: string[];
    resetForm?: boolean;
  }) => SubmissionResult<string[]>,
  result: { status: "wrong-code" | "wrong-password" | "not-enabled" | "rate-limited"; retryAfterSeconds?: number },
  hideFields: string[],
) {
  if (result.status === "rate-limited") {
    const seconds = result.retryAfterSeconds ?? 60;
    return reply(
      {
        intent,
        result: replyWith({ formErrors: ["twoFactor.tooMany"], hideFields }),
        recoveryCodes: null,
        retryMinutes: Math.ceil(seconds / 60),
      },
      429,
      { "Retry-After": String(seconds) },
    );
  }
  const message =
    result.status === "wrong-password"
      ? "twoFactor.wrongPassword"
      : result.status === "not-enabled"
        ? "twoFactor.security.off"
        : "twoFactor.code.wrong";
  return reply(
    { intent, result: replyWith({ formErrors: [message], hideFields }), recoveryCodes: null, retryMinutes: 0 },
    400,
  );
}

export default function AccountSecurity() {
  const t = useT();
  const loaded = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const codes = actionData?.recoveryCodes ?? null;
  return (
    <section className="narrow two-factor" aria-labelledby="security-title">
      <h1 id="security-title">{t("twoFactor.security.title")}</h1>
      {loaded.admin && !loaded.enabled ? (
        <p className="notice" role="status">
          {t("twoFactor.security.required")}
        </p>
      ) : null}
      {codes ? (
        <RecoveryCodes codes={codes} redirectTo={loaded.redirectTo} />
      ) : (
        <p>
          {loaded.enabled
            ? t("twoFactor.security.on", { count: loaded.recoveryCodesLeft })
            : t("twoFactor.security.off")}
        </p>
      )}
      {loaded.setup ? <SetupForm setup={loaded.setup} actionData={actionData} /> : null}
      {loaded.enabled ? (
        <>
          <RegenerateForm actionData={actionData} />
          <DisableForm actionData={actionData} admin={loaded.admin} />
        </>
      ) : null}
    </section>
  );
}

function Errors({ id, errors, minutes }: { id?: string; errors?: string[]; minutes: number }) {
  const t = useT();
  if (!errors?.length) return null;
  return (
    <div id={id} className="form-errors" role="alert">
      {errors.map((error) => (
        <p key={error}>{t.key(error, { minutes })}</p>
      ))}
    </div>
  );
}

function RecoveryCodes({ codes, redirectTo }: { codes: string[]; redirectTo: string | null }) {
  const t = useT();
  const text = `${t("twoFactor.recovery.file")}\n\n${codes.join("\n")}\n`;
  return (
    <div className="recovery-codes" role="status">
      <h2>{t("twoFactor.recovery.heading")}</h2>
      <p>{t("twoFactor.recovery.intro")}</p>
      <ul className="code-list" aria-label={t("twoFactor.recovery.heading")}>
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <p>
        <a
          className="button secondary"
          href={`data:text/plain;charset=utf-8,${encodeURIComponent(text)}`}
          download="haidang-recovery-codes.txt"
        >
          {t("twoFactor.recovery.download")}
        </a>
      </p>
      {redirectTo ? (
        <p>
          <Link to={redirectTo}>{t("twoFactor.continue")}</Link>
        </p>
      ) : null}
    </div>
  );
}

function SetupForm({
  setup,
  actionData,
}: {
  setup: { secret: string; qrDataUri: string };
  actionData: ActionData | undefined;
}) {
  const t = useT();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    id: "two-factor-enable",
    lastResult: actionData?.intent === "enable" ? actionData.result : undefined,
    constraint: getZodConstraint(TwoFactorEnableSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: TwoFactorEnableSchema }),
  });
  return (
    <div>
      <h2>{t("twoFactor.setup.heading")}</h2>
      <p>{t("twoFactor.setup.scan")}</p>
      <img className="qr" src={setup.qrDataUri} alt={t("twoFactor.setup.qrAlt")} width={200} height={200} />
      <p>{t("twoFactor.setup.manual")}</p>
      <p>
        <code id="two-factor-secret" className="secret">
          {setup.secret}
        </code>
      </p>
      <p>{t("twoFactor.setup.confirm")}</p>
      <Form method="post" {...getFormProps(form)}>
        <Errors id={form.errorId} errors={form.errors} minutes={actionData?.retryMinutes ?? 15} />
        <input type="hidden" name="intent" value="enable" />
        <TextField field={fields.code} label={t("twoFactor.code")} autoComplete="one-time-code" inputMode="numeric" />
        <button type="submit" className="button" disabled={busy}>
          {t("twoFactor.setup.submit")}
        </button>
      </Form>
    </div>
  );
}

function RegenerateForm({ actionData }: { actionData: ActionData | undefined }) {
  const t = useT();
  const [form, fields] = useForm({
    id: "two-factor-regenerate",
    lastResult: actionData?.intent === "regenerate" ? actionData.result : undefined,
    constraint: getZodConstraint(TwoFactorRegenerateSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: TwoFactorRegenerateSchema }),
  });
  return (
    <div>
      <h2>{t("twoFactor.regenerate.heading")}</h2>
      <p>{t("twoFactor.regenerate.intro")}</p>
      <Form method="post" {...getFormProps(form)}>
        <Errors id={form.errorId} errors={form.errors} minutes={actionData?.retryMinutes ?? 15} />
        <input type="hidden" name="intent" value="regenerate" />
        <TextField field={fields.code} label={t("twoFactor.code")} autoComplete="one-time-code" inputMode="numeric" />
        <button type="submit" className="button secondary">
          {t("twoFactor.regenerate.submit")}
        </button>
      </Form>
    </div>
  );
}

function DisableForm({ actionData, admin }: { actionData: ActionData | undefined; admin: boolean }) {
  const t = useT();
  const [form, fields] = useForm({
    id: "two-factor-disable",
    lastResult: actionData?.intent === "disable" ? actionData.result : undefined,
    constraint: getZodConstraint(TwoFactorDisableSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: TwoFactorDisableSchema }),
  });
  return (
    <div>
      <h2>{t("twoFactor.disable.heading")}</h2>
      <p>{t("twoFactor.disable.intro")}</p>
      {admin ? <p>{t("twoFactor.disable.adminNote")}</p> : null}
      <Form method="post" {...getFormProps(form)}>
        <Errors id={form.errorId} errors={form.errors} minutes={actionData?.retryMinutes ?? 15} />
        <input type="hidden" name="intent" value="disable" />
        <TextField
          field={fields.password}
          label={t("twoFactor.password")}
          type="password"
          autoComplete="current-password"
        />
        <TextField field={fields.code} label={t("twoFactor.codeOrRecovery")} autoComplete="one-time-code" />
        <button type="submit" className="button secondary">
          {t("twoFactor.disable.submit")}
        </button>
      </Form>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
