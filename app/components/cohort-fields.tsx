import { getInputProps, type FieldMetadata } from "@conform-to/react";
import { useT } from "~/i18n/use-t";
import { TextField, withoutKey } from "./forms";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any scalar field of the cohort form
type Field = FieldMetadata<any>;
type CohortFieldSet = Record<
  | "name"
  | "enrolmentOpensAt"
  | "enrolmentClosesAt"
  | "startsAt"
  | "endsAt"
  | "capacity"
  | "enrolmentKey"
  | "quotaPerCountry"
  | "quotaPerAgency"
  | "quotasEndAt",
  Field
>;

function DateField({ field, label }: { field: Field; label: string }) {
  const t = useT();
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      <input {...withoutKey(getInputProps(field, { type: "date" }))} />
      {field.errors?.length ? (
        <ul id={field.errorId} className="field-errors">
          {field.errors.map((e) => (
            <li key={e}>{t.key(e)}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** The fields of a cohort, shared by the create and edit forms (one CohortSchema behind both). */
export function CohortFields({ fields }: { fields: CohortFieldSet }) {
  const t = useT();
  return (
    <>
      <TextField field={fields.name} label={t("cohort.name")} hint={t("cohort.name.hint")} />
      <div className="grid-fields">
        <DateField field={fields.enrolmentOpensAt} label={t("cohort.opens")} />
        <DateField field={fields.enrolmentClosesAt} label={t("cohort.closes")} />
        <DateField field={fields.startsAt} label={t("cohort.starts")} />
        <DateField field={fields.endsAt} label={t("cohort.ends")} />
        <TextField field={fields.capacity} label={t("cohort.capacity")} hint={t("cohort.capacity.hint")} />
        <TextField field={fields.enrolmentKey} label={t("cohort.key")} hint={t("cohort.key.hint")} />
        <TextField field={fields.quotaPerCountry} label={t("cohort.quotaPerCountry")} hint={t("cohort.quota.hint")} />
        <TextField field={fields.quotaPerAgency} label={t("cohort.quotaPerAgency")} hint={t("cohort.quota.hint")} />
        <DateField field={fields.quotasEndAt} label={t("cohort.quotasEndAt")} />
      </div>
      <p className="hint">{t("cohort.quotasEndAt.hint")}</p>
    </>
  );
}
