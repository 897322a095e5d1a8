import { Form } from "@remix-run/react";
import { LOCALE_NAMES, SUPPORTED_LOCALES } from "~/i18n/i18n";
import { useLocale, useT } from "~/i18n/use-t";

/** One submit button per language: works without JavaScript, one keystroke with it. */
export function LanguageSwitcher({ redirectTo, id }: { redirectTo: string; id: string }) {
  const { locale } = useLocale();
  const t = useT();
  return (
    <Form method="post" action="/locale" className="language-switcher" aria-labelledby={`${id}-label`}>
      <span id={`${id}-label`}>{t("lang.label")}:</span>
      <input type="hidden" name="redirectTo" value={redirectTo} />
      {SUPPORTED_LOCALES.map((code) => (
        <button
          key={code}
          type="submit"
          name="locale"
          value={code}
          lang={code}
          aria-pressed={code === locale}
          className="button-link"
        >
          {LOCALE_NAMES[code]}
        </button>
      ))}
    </Form>
  );
}
