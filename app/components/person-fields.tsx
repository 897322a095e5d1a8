import { LOCALE_NAMES, SUPPORTED_LOCALES } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { SelectField, TextField } from "./forms";

/** Whatever field TextField and SelectField take (conform's metadata of any scalar field). */
type Field = Parameters<typeof TextField>[0]["field"];

/** Country, agency and preferred language: the same fields at sign-up and in the profile. */
export function PersonFields({
  fields,
  countries,
}: {
  fields: { country: Field; agency: Field; locale: Field };
  countries: { code: string; name: string }[];
}) {
  const t = useT();
  return (
    <>
      <SelectField field={fields.country} label={t("signup.country")}>
        <option value="">{t("signup.country.choose")}</option>
        {countries.map((c) => (
          <option key={c.code} value={c.code}>
            {c.name}
          </option>
        ))}
      </SelectField>
      <TextField
        field={fields.agency}
        label={t("signup.agency")}
        hint={t("signup.agency.hint")}
        optionalLabel={t("form.optional")}
        autoComplete="organization"
      />
      <SelectField field={fields.locale} label={t("signup.locale")}>
        {SUPPORTED_LOCALES.map((code) => (
          <option key={code} value={code} lang={code}>
            {LOCALE_NAMES[code]}
          </option>
        ))}
      </SelectField>
    </>
  );
}
