import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { useT } from "~/i18n/use-t";
import type { MessageKey } from "~/i18n/i18n";

const BY_STATUS: Record<number, [MessageKey, MessageKey]> = {
  400: ["error.badRequest.title", "error.badRequest.body"],
  403: ["error.forbidden.title", "error.forbidden.body"],
  404: ["error.notFound.title", "error.notFound.body"],
};

/** Translated, status-aware error page. Never shows the error's message or stack. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const [title, body] = BY_STATUS[status] ?? ["error.title", "error.body"];
  return (
    <section className="error-page" aria-labelledby="error-title">
      <p className="error-status">{status}</p>
      <h1 id="error-title">{t(title)}</h1>
      <p>{t(body)}</p>
      <p>
        <Link to="/">{t("error.backHome")}</Link>
      </p>
    </section>
  );
}
