/**
 * Dates are formatted on the server only: the browser's time zone and ICU data can differ
 * from the server's, and a different string would break React's hydration.
 */
export function formatDate(date: Date | null | undefined, locale: string, withTime = false) {
  if (!date) return "";
  return (
    new Intl.DateTimeFormat(
      locale,
      withTime
        ? { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }
        : { dateStyle: "medium", timeZone: "UTC" },
    ).format(date) + (withTime ? " UTC" : "")
  );
}

/** A clock time (hours and minutes, UTC) in the locale's way of writing it, e.g. "14:35 UTC". */
export function formatClock(date: Date | null | undefined, locale: string) {
  if (!date) return "";
  return `${new Intl.DateTimeFormat(locale, { timeStyle: "short", timeZone: "UTC" }).format(date)} UTC`;
}
