import { useRouteLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import type { loader as rootLoader } from "~/root";
import en from "./locales/en";
import { DEFAULT_LOCALE, directionOf, format, type Locale, type MessageKey, type Messages } from "./i18n";

/** The current page's locale and catalogue, from the root loader (English if it failed). */
export function useLocale() {
  const data = useRouteLoaderData<typeof rootLoader>("root");
  const locale: Locale = data?.locale ?? DEFAULT_LOCALE;
  return { locale, dir: directionOf(locale), messages: (data?.messages ?? en) as Messages };
}

/** A language's name in the page's language, as computed by the server (hydration-safe). */
export function useLanguageName() {
  const names = useRouteLoaderData<typeof rootLoader>("root")?.languageNames as Record<string, string> | undefined;
  return (tag: string) => names?.[tag] ?? tag;
}

export function useT() {
  const { messages } = useLocale();
  return useMemo(() => {
    const t = (key: MessageKey, params?: Record<string, string | number>) => format(messages[key] ?? key, params);
    /** For keys that arrive as data (validation errors, flash): unknown keys fall back to a generic error. */
    const tKey = (key: string, params?: Record<string, string | number>) =>
      key in messages ? t(key as MessageKey, params) : t("form.submitError");
    return Object.assign(t, { key: tKey });
  }, [messages]);
}
