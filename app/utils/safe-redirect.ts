/**
 * Where to send someone after login, sign-up or a language switch: only a path on this site.
 * Pure (no server imports) so the zod schemas in app/validation can normalise `redirectTo`
 * before an action writes anything.
 *
 * Browsers are lenient in ways that turn an innocent-looking path into another site: they drop
 * tabs and line breaks ("/\t/evil.example" is "//evil.example"), read "\" as "/", and a
 * path that starts with "//" is protocol-relative. So the value is refused when it, or its
 * percent-decoded path, holds a control character, a bidi override or a backslash, or starts
 * with "//"; then it is resolved against a placeholder origin with `new URL` and must still be
 * on it, and what comes back is the normalised path + search + hash.
 */
const PLACEHOLDER_ORIGIN = "http://haidang.invalid";
const MAX_LENGTH = 2048;
// C0 controls, DEL, C1 controls, bidi embeddings/overrides/isolates, and the backslash.

const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\\]/;
// A percent-encoded slash, backslash or control character encoded a second time ("%252F").
const DOUBLE_ENCODED = /%25(?:2f|5c|[01][0-9a-f]|7f)/i;

function decodeStrictly(value: string) {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || to.length === 0 || to.length > MAX_LENGTH) return fallback;
  if (!to.startsWith("/") || to.startsWith("//") || UNSAFE.test(to)) return fallback;
  const cut = to.search(/[?#]/);
  const path = cut === -1 ? to : to.slice(0, cut);
  const rest = cut === -1 ? "" : to.slice(cut);
  const decodedPath = decodeStrictly(path);
  if (decodedPath === null || UNSAFE.test(decodedPath) || /^\/[/\\]/.test(decodedPath)) return fallback;
  if (DOUBLE_ENCODED.test(path)) return fallback;
  const decodedRest = decodeStrictly(rest.replace(/\+/g, " "));
  if (decodedRest === null || UNSAFE.test(decodedRest)) return fallback;
  let url: URL;
  try {
    url = new URL(to, PLACEHOLDER_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== PLACEHOLDER_ORIGIN) return fallback;
  const result = `${url.pathname}${url.search}${url.hash}`;
  // "/.//evil.example" normalises to "//evil.example".
  if (!result.startsWith("/") || /^\/[/\\]/.test(result)) return fallback;
  if (/^\/[/\\]/.test(decodeStrictly(url.pathname) ?? "//")) return fallback;
  return result;
}
