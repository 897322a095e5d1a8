import ar from "./locales/ar";
import en from "./locales/en";
import fr from "./locales/fr";
import { makeTranslate, type Locale, type Messages } from "./i18n";

const CATALOGUES: Record<Locale, Messages> = { en, fr, ar };

/** Only the server holds every catalogue; a page receives just its own locale's. */
export function messagesFor(locale: Locale): Messages {
  return CATALOGUES[locale];
}

export function translatorFor(locale: Locale) {
  return makeTranslate(CATALOGUES[locale]);
}
