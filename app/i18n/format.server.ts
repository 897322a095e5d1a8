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
