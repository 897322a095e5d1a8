import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { CredentialCheck } from "~/components/credential-check";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formErrors } from "~/components/forms";
import { useT } from "~/i18n/use-t";
import { checkCredentialFromForm } from "~/actions/verify-credential.server";
import { pageTitle } from "~/utils/meta";

export const handle = { hydrate: false };
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "verify.title");

/** `/verify?serial=…` (the lookup form) goes to the certificate's own page. */
export async function loader({ request }: LoaderFunctionArgs) {
  const serial = new URL(request.url).searchParams.get("serial")?.trim().toUpperCase();
  if (serial) return redirect(`/verify/${encodeURIComponent(serial.slice(0, 40))}`);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  return checkCredentialFromForm(request);
}

export default function Verify() {
  const t = useT();
  const checked = useActionData<typeof action>();
  return (
    <article aria-labelledby="verify-title" className="verify-page">
      <h1 id="verify-title">{t("verify.title")}</h1>
      <p>{t("verify.intro")}</p>
      <Form method="get" className="search-form">
        <p className="field">
          <label htmlFor="serial">{t("verify.serialLabel")}</label>
          <input
            id="serial"
            name="serial"
            required
            maxLength={40}
            dir="ltr"
            placeholder="HDG-2026-XXXX-XXXX"
            autoComplete="off"
          />
        </p>
        <button type="submit" className="button">
          {t("verify.lookUp")}
        </button>
      </Form>
      <CredentialCheck result={checked?.verification ?? null} text={checked?.text ?? ""} />
      {formErrors(checked?.result).length ? (
        <p className="field-error" role="alert">
          {t.key(formErrors(checked?.result)[0]!)}
        </p>
      ) : null}
    </article>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
