import { useEffect, useRef } from "react";
import { useT } from "~/i18n/use-t";
import { errorSummaryItems } from "./error-summary-items";

/**
 * GOV.UK's error summary: "There is a problem" and one link per field error, at the top of the
 * form. Without JavaScript it is simply there when the page comes back; with JavaScript it takes
 * focus whenever a new reply from the server arrives (`result`), so a screen reader announces
 * its title. Not `role="alert"` (focus already announces it; an alert would read it twice).
 * Fed by conform: `<ErrorSummary formId={form.id} errors={form.allErrors} result={actionData?.result} />`.
 */
export function ErrorSummary({
  formId,
  errors,
  result,
  params,
}: {
  formId: string;
  errors: Record<string, readonly string[] | null | undefined> | null | undefined;
  /** The server's reply: focus moves here each time it changes and carries errors. */
  result?: unknown;
  params?: Record<string, string | number>;
}) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const items = errorSummaryItems(formId, errors);
  const hasItems = items.length > 0;
  // Only a new server reply moves focus: errors shown while typing (on blur) must not.
  const focusedFor = useRef<unknown>(undefined);
  useEffect(() => {
    if (!result || !hasItems || focusedFor.current === result) return;
    focusedFor.current = result;
    ref.current?.focus();
  }, [result, hasItems]);
  if (!hasItems) return null;
  const titleId = `${formId}-error-summary-title`;
  return (
    <div className="error-summary" ref={ref} tabIndex={-1}>
      <h2 id={titleId} className="error-summary-title">
        {t("errorSummary.title")}
      </h2>
      <ul>
        {items.map((item) => (
          <li key={`${item.href}-${item.message}`}>
            <a href={item.href}>{t.key(item.message, params)}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}
