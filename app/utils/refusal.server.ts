/**
 * The pages Express answers itself, before Remix runs: 400 (a NUL byte or broken
 * percent-encoding in the address), 403 (a form sent from another site) and 413 (a body over
 * its limit). Translated like every other page (the locale cookie, then Accept-Language; the
 * session is not read for a request that is being refused), and sent with `Connection: close`
 * when a body is still arriving, so it is never read.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { directionOf, negotiateLocale, type Locale } from "~/i18n/i18n";
import { localeCookie, translatorFor } from "~/i18n/locale.server";

export type Refusal = "bad-input" | "cross-origin" | "too-large";

const STATUS: Record<Refusal, number> = { "bad-input": 400, "cross-origin": 403, "too-large": 413 };

const KEYS = {
  "bad-input": ["inputSafety.badInput.title", "inputSafety.badInput.body"],
  "cross-origin": ["inputSafety.crossOrigin.title", "inputSafety.crossOrigin.body"],
  "too-large": ["inputSafety.tooLarge.title", "inputSafety.tooLarge.body"],
} as const;

export async function localeFromHeaders(headers: { cookie?: string; "accept-language"?: string }): Promise<Locale> {
  let cookieLocale: unknown = null;
  try {
    cookieLocale = await localeCookie.parse(headers.cookie ?? null);
  } catch {
    // a tampered cookie reads as absent
  }
  return negotiateLocale({
    cookieLocale: typeof cookieLocale === "string" ? cookieLocale : null,
    acceptLanguage: headers["accept-language"],
  });
}

export function formatBytes(bytes: number, locale: Locale) {
  const megabytes = bytes / (1024 * 1024);
  return megabytes >= 1
    ? new Intl.NumberFormat(locale, { style: "unit", unit: "megabyte", maximumFractionDigits: 1 }).format(megabytes)
    : new Intl.NumberFormat(locale, { style: "unit", unit: "kilobyte", maximumFractionDigits: 0 }).format(bytes / 1024);
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export function refusalPage({ refusal, locale, limit }: { refusal: Refusal; locale: Locale; limit?: number }) {
  const t = translatorFor(locale);
  const [titleKey, bodyKey] = KEYS[refusal];
  const title = escapeHtml(t(titleKey));
  const body = escapeHtml(t(bodyKey, { limit: formatBytes(limit ?? 0, locale) }));
  const status = STATUS[refusal];
  return `<!DOCTYPE html>
<html lang="${locale}" dir="${directionOf(locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} | ${escapeHtml(t("app.name"))}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}</style>
</head>
<body>
<main>
<p>${status}</p>
<h1>${title}</h1>
<p>${body}</p>
<p><a href="/">${escapeHtml(t("inputSafety.backHome"))}</a></p>
</main>
</body>
</html>
`;
}

/** A request whose body has not been read (and must not be). */
export function hasUnreadBody(req: IncomingMessage) {
  return (
    !req.readableEnded && (req.headers["transfer-encoding"] !== undefined || Number(req.headers["content-length"]) > 0)
  );
}

/**
 * Answers the refusal. When a body is still coming it is never read: the page is written in
 * full at once (with `Connection: close`) and the rest of the body is discarded as it arrives,
 * never buffered, until it ends or `lingerMs` pass; then the connection is closed. The short
 * linger lets a client that is still sending read the answer instead of a reset connection.
 */
export async function refuse(
  req: IncomingMessage,
  res: ServerResponse,
  refusal: Refusal,
  { limit, lingerMs = 1000 }: { limit?: number; lingerMs?: number } = {},
) {
  const locale = await localeFromHeaders(req.headers);
  const html = refusalPage({ refusal, locale, limit });
  if (res.headersSent) {
    req.socket.destroy();
    return;
  }
  res.statusCode = STATUS[refusal];
  res.setHeader("Content-Type", "text/html; charset=utf-8");
  res.setHeader("Content-Length", Buffer.byteLength(html));
  // no-transform: the compression middleware would hold the page back until the end.
  res.setHeader("Cache-Control", "no-store, no-transform");
  res.setHeader("Content-Language", locale);
  if (!hasUnreadBody(req)) {
    res.end(html);
    return;
  }
  res.setHeader("Connection", "close");
  res.write(html);
  req.unpipe();
  const close = () => {
    clearTimeout(timer);
    if (!res.writableEnded) res.end();
  };
  const timer = setTimeout(() => {
    close();
    req.socket.destroy();
  }, lingerMs);
  timer.unref();
  req.once("end", close);
  req.once("error", close);
  req.resume();
}
