import { useFetcher } from "@remix-run/react";
import { useEffect, useMemo, useRef, useState } from "react";
import { LOCALE_NAMES, SUPPORTED_LOCALES } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { FIND_AGENCY_INTENT } from "~/validation/agency-choice";
import { FieldErrors, SelectField, TextField, withoutKey } from "./forms";
import { getSelectProps } from "@conform-to/react";

/** Whatever field TextField and SelectField take (conform's metadata of any scalar field). */
type Field = Parameters<typeof TextField>[0]["field"];

export type AgencyOption = { id: string; name: string; country: string };

/**
 * Country, agency and preferred language: the same fields at sign-up and in the profile.
 *
 * The agency is chosen from a list grouped by country (only the chosen country's once the page
 * knows it). Without JavaScript, "Find" reloads the form with the list narrowed to the words
 * typed, keeping what was entered; with it, the list follows the country and the words as they
 * change (a GET of the same page's loader). "My agency is not listed" sends its name to
 * administrators (docs/decisions/026).
 */
export function PersonFields({
  fields,
  countries,
  agencies,
  listPath,
}: {
  fields: { country: Field; agencyId: Field; agencyRequest: Field; agencyQuery: Field; locale: Field };
  countries: { code: string; name: string }[];
  agencies: AgencyOption[];
  /** The page whose loader answers `?country=&agencyQuery=` with `{ agencies }`. */
  listPath: string;
}) {
  const t = useT();
  const fetcher = useFetcher<{ agencies: AgencyOption[] }>();
  const [country, setCountry] = useState(String(fields.country.initialValue ?? ""));
  const queryRef = useRef<HTMLInputElement>(null);
  const shown = fetcher.data?.agencies ?? agencies;
  const countryNames = useMemo(() => new Map(countries.map((c) => [c.code, c.name])), [countries]);
  const groups = useMemo(() => {
    const byCountry = new Map<string, AgencyOption[]>();
    for (const a of shown) {
      if (country && a.country !== country) continue;
      byCountry.set(a.country, [...(byCountry.get(a.country) ?? []), a]);
    }
    return [...byCountry.entries()];
  }, [shown, country]);
  const { load } = fetcher;
  const refresh = (nextCountry: string) => {
    const params = new URLSearchParams({ country: nextCountry, agencyQuery: queryRef.current?.value ?? "" });
    load(`${listPath}?${params}`);
  };
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => () => clearTimeout(timer.current), []);
  const selectProps = withoutKey(getSelectProps(fields.agencyId, { ariaDescribedBy: fields.agencyId.descriptionId }));
  return (
    <>
      {/* The country select is conform's; its change (bubbling here) also refreshes the agency list. */}
      <div
        onChange={(event) => {
          const target = event.target as HTMLSelectElement;
          if (target.name !== fields.country.name) return;
          setCountry(target.value);
          refresh(target.value);
        }}
      >
        <SelectField field={fields.country} label={t("signup.country")}>
          <option value="">{t("signup.country.choose")}</option>
          {countries.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </SelectField>
      </div>
      <fieldset className="agency-choice">
        <legend>{t("signup.agency")}</legend>
        <div className="field">
          <label htmlFor={fields.agencyQuery.id}>{t("agencyChoice.search")}</label>
          <div className="inline-form wrap agency-search">
            <input
              ref={queryRef}
              id={fields.agencyQuery.id}
              name={fields.agencyQuery.name}
              type="search"
              defaultValue={String(fields.agencyQuery.initialValue ?? "")}
              dir="auto"
              onChange={() => {
                clearTimeout(timer.current);
                timer.current = setTimeout(() => refresh(country), 250);
              }}
            />
            <button
              type="submit"
              name="intent"
              value={FIND_AGENCY_INTENT}
              formNoValidate
              className="button secondary small"
            >
              {t("agencyChoice.find")}
            </button>
          </div>
        </div>
        <div className="field">
          <label htmlFor={fields.agencyId.id}>
            {t("agencyChoice.choose")}
            <span className="optional"> ({t("form.optional")})</span>
          </label>
          <p id={fields.agencyId.descriptionId} className="hint">
            {country ? t("agencyChoice.hintCountry") : t("agencyChoice.hintAll")}
          </p>
          <select {...selectProps} data-testid="agency-select">
            <option value="">{groups.length ? t("agencyChoice.none") : t("agencyChoice.empty")}</option>
            {groups.map(([code, list]) => (
              <optgroup key={code} label={countryNames.get(code) ?? code}>
                {list.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          <FieldErrors id={fields.agencyId.errorId} errors={fields.agencyId.errors} />
        </div>
        <TextField
          field={fields.agencyRequest}
          label={t("agencyChoice.notListed")}
          hint={t("agencyChoice.notListedHint")}
          optionalLabel={t("form.optional")}
          autoComplete="organization"
        />
      </fieldset>
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
