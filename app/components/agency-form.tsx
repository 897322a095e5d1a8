import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { LOCALE_NAMES, SUPPORTED_LOCALES } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { AGENCY_TYPES, AgencySchema } from "~/validation/agencies";
import { FormErrors, SelectField, TextField } from "./forms";

export type AgencyFormValues = {
  name: string;
  translations: Record<string, string>;
  country: string;
  type: string;
  parentId: string;
  domains: string;
};

/** Create and edit an agency (/admin/agencies/new, /admin/agencies/<id>): one form, one schema. */
export function AgencyForm({
  id,
  defaultValue,
  lastResult,
  countries,
  parents,
  submitLabel,
}: {
  id: string;
  defaultValue: AgencyFormValues;
  lastResult?: SubmissionResult<string[]> | null;
  countries: { code: string; name: string }[];
  parents: { id: string; name: string }[];
  submitLabel: string;
}) {
  const t = useT();
  const [form, fields] = useForm({
    id,
    lastResult,
    defaultValue,
    constraint: getZodConstraint(AgencySchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AgencySchema }),
  });
  const translations = fields.translations.getFieldset();
  return (
    <Form method="post" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="save" />
      <FormErrors id={form.errorId} errors={form.errors} />
      <TextField field={fields.name} label={t("agencies.field.name")} hint={t("agencies.field.nameHint")} />
      <fieldset>
        <legend>{t("agencies.field.translations")}</legend>
        {SUPPORTED_LOCALES.map((locale) => (
          <TextField
            key={locale}
            field={translations[locale]!}
            label={LOCALE_NAMES[locale]}
            optionalLabel={t("form.optional")}
          />
        ))}
      </fieldset>
      <SelectField field={fields.country} label={t("signup.country")}>
        <option value="">{t("signup.country.choose")}</option>
        {countries.map((c) => (
          <option key={c.code} value={c.code}>
            {c.name}
          </option>
        ))}
      </SelectField>
      <SelectField field={fields.type} label={t("agencies.field.type")}>
        {AGENCY_TYPES.map((type) => (
          <option key={type} value={type}>
            {t(`agencies.type.${type}`)}
          </option>
        ))}
      </SelectField>
      <SelectField field={fields.parentId} label={t("agencies.field.parent")}>
        <option value="">{t("agencies.field.noParent")}</option>
        {parents.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </SelectField>
      <TextField
        field={fields.domains}
        label={t("agencies.field.domains")}
        hint={t("agencies.field.domainsHint")}
        optionalLabel={t("form.optional")}
      />
      <button type="submit" className="button">
        {submitLabel}
      </button>
    </Form>
  );
}
