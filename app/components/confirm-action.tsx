import { Form } from "@remix-run/react";
import { useT } from "~/i18n/use-t";
import { ErrorSummary } from "./error-summary";
import { FieldErrors, FormErrors } from "./forms";

type Errors = Record<string, readonly string[] | null | undefined> | null | undefined;

/**
 * Every destructive act (revoke, delete, remove, archive) goes through this form: the question,
 * a reason where the act is recorded, a "Yes, I am sure" box and the button. The box is checked
 * by the action's zod schema (`confirmed` in ~/validation/confirm), not by `window.confirm`, so
 * the step holds without JavaScript. `compact` folds it into a <details> for rows of a list,
 * opened again when the server sends it back with errors. Field ids are `<id>-<name>`, so the
 * error summary's links reach them.
 */
export function ConfirmAction({
  id,
  intent,
  question,
  submitLabel,
  hidden,
  reasonLabel,
  errors,
  result,
  compact,
}: {
  id: string;
  intent: string;
  question: string;
  submitLabel: string;
  /** Other fields the action needs (the row's id). */
  hidden?: Record<string, string>;
  /** When the act is recorded with a reason: the reason box's label. */
  reasonLabel?: string;
  /** The server's field errors for this form only (see `replyFor` in ./forms). */
  errors?: Errors;
  result?: unknown;
  /** For a row in a list: the summary that opens the confirmation (and its accessible name). */
  compact?: { label: string; ariaLabel?: string };
}) {
  const t = useT();
  const confirmErrors = errors?.confirm ?? undefined;
  const reasonErrors = errors?.reason ?? undefined;
  const own = errors?.[""] ?? undefined;
  const describedBy = (name: string, has: boolean) => (has ? `${id}-${name}-error` : undefined);
  const form = (
    <Form method="post" className="confirm-action" aria-labelledby={`${id}-question`} noValidate>
      <ErrorSummary formId={id} errors={errors} result={result} />
      <FormErrors id={`${id}-error`} errors={own ? [...own] : undefined} />
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(hidden ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <p id={`${id}-question`} className="confirm-question" dir="auto">
        {question}
      </p>
      {reasonLabel ? (
        <div className="field">
          <label htmlFor={`${id}-reason`}>{reasonLabel}</label>
          <textarea
            id={`${id}-reason`}
            name="reason"
            maxLength={500}
            rows={2}
            dir="auto"
            aria-invalid={reasonErrors ? true : undefined}
            aria-describedby={describedBy("reason", Boolean(reasonErrors))}
          />
          <FieldErrors id={`${id}-reason-error`} errors={reasonErrors ? [...reasonErrors] : undefined} />
        </div>
      ) : null}
      <div className="field checkbox">
        <input
          type="checkbox"
          id={`${id}-confirm`}
          name="confirm"
          aria-invalid={confirmErrors ? true : undefined}
          aria-describedby={describedBy("confirm", Boolean(confirmErrors))}
        />
        <label htmlFor={`${id}-confirm`}>{t("confirm.checkbox")}</label>
      </div>
      <FieldErrors id={`${id}-confirm-error`} errors={confirmErrors ? [...confirmErrors] : undefined} />
      <button type="submit" className="button danger">
        {submitLabel}
      </button>
    </Form>
  );
  if (!compact) return form;
  return (
    <details className="confirm-disclosure" open={errors ? true : undefined}>
      <summary className="button small danger" aria-label={compact.ariaLabel}>
        {compact.label}
      </summary>
      {form}
    </details>
  );
}
