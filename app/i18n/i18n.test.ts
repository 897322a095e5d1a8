import { expect, test } from "vitest";
import ar from "./locales/ar";
import en from "./locales/en";
import fr from "./locales/fr";
import { directionOf, format, localeFromAcceptLanguage, negotiateLocale } from "./i18n";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test.each([
  ["fr", fr],
  ["ar", ar],
])("the %s catalogue has every English key, with the same placeholders, and no empty text", (_name, catalogue) => {
  expect(Object.keys(catalogue).sort()).toEqual(Object.keys(en).sort());
  for (const [key, english] of Object.entries(en)) {
    const translated = catalogue[key as keyof typeof en];
    expect(translated.trim(), key).not.toBe("");
    expect(placeholders(translated), key).toEqual(placeholders(english));
  }
});

test("Arabic text really is Arabic, French is not a copy of English", () => {
  expect(ar["login.title"]).toMatch(/[\u0600-\u06FF]/);
  const identical = Object.keys(en).filter((k) => en[k as keyof typeof en] === fr[k as keyof typeof en]);
  // A few words are the same in both languages ("Modules", "{minutes} min"); most are not.
  expect(identical.length).toBeLessThan(Object.keys(en).length * 0.05);
});

test("placeholders are filled and unknown ones stay visible", () => {
  expect(format("Hello {name}, {missing}", { name: "Linh" })).toBe("Hello Linh, {missing}");
});

test("Accept-Language honours q-values and regional fallbacks", () => {
  expect(localeFromAcceptLanguage("de-DE,de;q=0.9,fr-CA;q=0.8,en;q=0.5")).toBe("fr");
  expect(localeFromAcceptLanguage("ar-EG")).toBe("ar");
  expect(localeFromAcceptLanguage("en;q=0.2, ar;q=0.9")).toBe("ar");
  expect(localeFromAcceptLanguage("vi, *;q=0.1")).toBeUndefined();
  expect(localeFromAcceptLanguage("fr;q=0")).toBeUndefined();
});

test("the saved preference beats the cookie, which beats the browser", () => {
  expect(negotiateLocale({ userLocale: "ar", cookieLocale: "fr", acceptLanguage: "en" })).toBe("ar");
  expect(negotiateLocale({ userLocale: null, cookieLocale: "fr", acceptLanguage: "ar" })).toBe("fr");
  expect(negotiateLocale({ cookieLocale: "xx", acceptLanguage: "ar" })).toBe("ar");
  expect(negotiateLocale({})).toBe("en");
});

test("right-to-left scripts are detected", () => {
  expect(directionOf("ar")).toBe("rtl");
  expect(directionOf("fa-IR")).toBe("rtl");
  expect(directionOf("fr")).toBe("ltr");
});
