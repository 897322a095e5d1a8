/**
 * The request target (path and query) as Express receives it, checked before anything
 * decodes it: broken percent-encoding ("/%ff") makes decodeURIComponent throw, and a NUL
 * byte ("%00") reaches PostgreSQL, which refuses it. Both were 500s; they are the client's
 * mistake, so 400. Control characters have no place in a path either (they would end up in
 * redirects and log lines); in the query only NUL is refused, the forms check the rest.
 */

const CONTROL = /[\u0000-\u001f\u007f]/;

function decode(part: string) {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

export function isAcceptableRequestTarget(target: string): boolean {
  const cut = target.indexOf("?");
  const path = cut === -1 ? target : target.slice(0, cut);
  const query = cut === -1 ? "" : target.slice(cut + 1);
  const decodedPath = decode(path);
  if (decodedPath === null || CONTROL.test(decodedPath)) return false;
  if (!query) return true;
  for (const pair of query.split("&")) {
    const decoded = decode(pair.replace(/\+/g, " "));
    if (decoded === null || decoded.includes("\u0000")) return false;
  }
  return true;
}
