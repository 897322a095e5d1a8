import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useT } from "~/i18n/use-t";
import { checkToken, confirmEmailToken } from "~/models/account-tokens.server";
import { getUser } from "~/utils/auth.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm } from "~/utils/forms.server";
import { pageTitle } from "~/utils/meta";
import { ConfirmTokenSchema } from "~/validation/account";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "verifyEmail.title");

/**
 * A link mailed to an address (sign-up, or email change: docs/decisions/017-account-tokens.md).
 * Opening it changes nothing, so mail scanners that fetch links cannot use it; the button does.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const check = await checkToken({ token: params.token!, purposes: ["VERIFY_EMAIL", "CHANGE_EMAIL"] });
  if (check.status !== "valid") return data({ status: check.status }, { status: 410 });
  return {
    status: "valid" as const,
    change: check.purpose === "CHANGE_EMAIL",
    email: check.newEmail ?? check.email,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const submission = await parseForm(request, ConfirmTokenSchema);
  if (submission.status !== "success") return data({ error: "token.invalid" as const }, { status: 400 });
  const result = await confirmEmailToken({ token: params.token!, ip: context.clientIp });
  if (result.status === "invalid") return data({ error: "token.invalid" as const }, { status: 410 });
  if (result.status === "email-taken") return data({ error: "verifyEmail.taken" as const }, { status: 409 });
  const signedIn = (await getUser(request))?.id === result.userId;
  if (result.status === "changed")
    return redirectWithFlash(signedIn ? "/account/email" : "/login", { type: "success", key: "verifyEmail.changed" });
  return signedIn
    ? redirectWithFlash("/dashboard", { type: "success", key: "verifyEmail.done" })
    : redirectWithFlash("/login", { type: "success", key: "verifyEmail.doneLogin" });
}

export default function VerifyEmail() {
  const t = useT();
  const link = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const problem = actionData?.error ?? (link.status === "valid" ? null : `token.${link.status}`);
  return (
    <section className="narrow" aria-labelledby="verify-email-title">
      <h1 id="verify-email-title">{t("verifyEmail.title")}</h1>
      {problem ? (
        <p className="form-errors" role="alert">
          {t.key(problem)}
        </p>
      ) : null}
      {link.status === "valid" && !actionData ? (
        <>
          <p>{t(link.change ? "verifyEmail.introChange" : "verifyEmail.intro", { email: link.email })}</p>
          <Form method="post">
            <button type="submit" className="button" name="intent" value="confirm">
              {t("verifyEmail.submit")}
            </button>
          </Form>
        </>
      ) : (
        <p>
          <Link to="/login">{t("signup.haveAccount")}</Link>
        </p>
      )}
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
