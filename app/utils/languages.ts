/** Languages a course can be written in (content languages go beyond the UI's three). */
export const CONTENT_LANGUAGES = [
  "en",
  "fr",
  "ar",
  "es",
  "pt",
  "ru",
  "zh",
  "vi",
  "th",
  "km",
  "lo",
  "my",
  "id",
  "ms",
  "fil",
  "sw",
  "ha",
  "am",
  "fa",
  "ur",
  "bn",
  "hi",
  "ne",
  "si",
  "ta",
  "tet",
];

/** A language's name in the reader's language ("fr" → "French" / "français" / "الفرنسية"). */
const displayNames = new Map<string, Intl.DisplayNames>();

export function languageName(tag: string, displayLocale: string) {
  try {
    let names = displayNames.get(displayLocale);
    if (!names) displayNames.set(displayLocale, (names = new Intl.DisplayNames([displayLocale], { type: "language" })));
    return names.of(tag) ?? tag;
  } catch {
    return tag;
  }
}
