import { createCookie } from "@remix-run/node";
import { parseCookieSafely } from "~/utils/request.server";
import { messagesFor, translatorFor } from "./catalogues.server";
import { directionOf, isLocale, negotiateLocale, type Locale } from "./i18n";

export const localeCookie = createCookie("haidang_lang", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

/** The signed-in person's preference, then the cookie, then Accept-Language. */
export async function resolveLocale(request: Request, user?: { locale: string } | null): Promise<Locale> {
  const cookieValue = await parseCookieSafely(localeCookie, request);
  return negotiateLocale({
    userLocale: user?.locale,
    cookieLocale: isLocale(cookieValue) ? cookieValue : null,
    acceptLanguage: request.headers.get("Accept-Language"),
  });
}

export function localeBundle(locale: Locale) {
  return { locale, dir: directionOf(locale), messages: messagesFor(locale) };
}

export { translatorFor };
