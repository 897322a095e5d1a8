import { Form } from "@remix-run/react";
import { useT } from "~/i18n/use-t";

/** Shown to a signed-in person whose address is not confirmed: a plain POST, no JavaScript needed. */
export function VerifyEmailBanner({ redirectTo }: { redirectTo: string }) {
  const t = useT();
  return (
    <section className="note-banner" aria-labelledby="verify-email-banner">
      <p id="verify-email-banner">{t("account.verify.banner")}</p>
      <Form method="post" action="/verify-email/resend">
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <button type="submit" className="button">
          {t("account.verify.resend")}
        </button>
      </Form>
    </section>
  );
}
