import type { FieldMetadata, SubmissionResult } from "@conform-to/react";
import { getInputProps, getSelectProps } from "@conform-to/react";
import type { ReactNode } from "react";
import { useT } from "~/i18n/use-t";

/**
 * Conform's props carry a React `key` that changes between the server render and
 * hydration; applying it would remount the field and wipe what a person typed before
 * JavaScript arrived (common on slow connections). Forms remount by their own key instead.
 */
export function withoutKey<T extends { key?: unknown }>(props: T): Omit<T, "key"> {
  const { key, ...rest } = props;
  return rest;
}

/** Every message of a submission reply (see ~/utils/forms.server), the form's own first: for forms that show one list. */
export function formErrors(result: SubmissionResult<string[]> | null | undefined): string[] {
  if (!result?.error) return [];
  const { "": own, ...fields } = result.error;
  return [...(own ?? []), ...Object.values(fields).flatMap((errors) => errors ?? [])];
}

/** The first message of a reply, when it answers the row whose `name` field was `value` (pages with a small form per row). */
export function rowError(result: SubmissionResult<string[]> | null | undefined, name: string, value: string) {
  return result?.initialValue?.[name] === value ? formErrors(result)[0] : undefined;
}

/**
 * The errors of a reply when it answers the form that posted `intent` (and, for a form per row,
 * whose `name` field was `value`): what a ConfirmAction on a page of several forms shows.
 */
export function replyFor(
  result: SubmissionResult<string[]> | null | undefined,
  intent: string,
  row?: { name: string; value: string },
) {
  if (!result?.error || result.initialValue?.intent !== intent) return undefined;
  if (row && result.initialValue?.[row.name] !== row.value) return undefined;
  return result.error;
}

export function FieldErrors({ id, errors }: { id: string; errors?: string[] }) {
  const t = useT();
  if (!errors?.length) return null;
  return (
    <ul id={id} className="field-errors">
      {errors.map((error) => (
        <li key={error}>{t.key(error)}</li>
      ))}
    </ul>
  );
}

type InputType = "text" | "email" | "password";

export function TextField({
  field,
  label,
  hint,
  type = "text",
  autoComplete,
  optionalLabel,
  inputMode,
}: {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any scalar field of any form
  field: FieldMetadata<any>;
  label: string;
  hint?: string;
  type?: InputType;
  autoComplete?: string;
  optionalLabel?: string;
  inputMode?: "numeric" | "text";
}) {
  const props = getInputProps(field, { type, ariaDescribedBy: hint ? field.descriptionId : undefined });
  return (
    <div className="field">
      <label htmlFor={field.id}>
        {label}
        {optionalLabel ? <span className="optional"> ({optionalLabel})</span> : null}
      </label>
      {hint ? (
        <p id={field.descriptionId} className="hint">
          {hint}
        </p>
      ) : null}
      <input {...withoutKey(props)} autoComplete={autoComplete} inputMode={inputMode} dir="auto" />
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}

export function SelectField({
  field,
  label,
  children,
}: {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any scalar field of any form
  field: FieldMetadata<any>;
  label: string;
  children: ReactNode;
}) {
  const props = getSelectProps(field);
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      <select {...withoutKey(props)}>{children}</select>
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}

export function FormErrors({
  id,
  errors,
  params,
}: {
  id: string;
  errors?: string[];
  params?: Record<string, string | number>;
}) {
  const t = useT();
  if (!errors?.length) return null;
  return (
    <div id={id} className="form-errors" role="alert">
      {errors.map((error) => (
        <p key={error}>{t.key(error, params)}</p>
      ))}
    </div>
  );
}
