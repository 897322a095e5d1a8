/** Languages a course can be written in (content languages go beyond the UI's three). */
export const CONTENT_LANGUAGES = ["en", "fr", "ar", "es", "pt", "ru", "zh", "vi", "th", "km", "lo", "my", "id", "ms", "fil", "sw", "ha", "am", "fa", "ur", "bn", "hi", "ne", "si", "ta", "tet"];

/** A language's name in the reader's language ("fr" → "French" / "français" / "الفرنسية"). */
export function languageName(tag: string, displayLocale: string) {
  try {
    return new Intl.DisplayNames([displayLocale], { type: "language" }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}
