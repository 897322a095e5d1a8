/**
 * Cross-site request forgery defence, applied by server.ts to every request that can
 * change state. A browser always sends Origin on cross-site POSTs; when it is absent
 * we fall back to Referer, and when both are absent we refuse (scripts must send Origin).
 */
export const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function originOf(value: string | undefined | null) {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return { origin: url.origin, host: url.host };
  } catch {
    return undefined;
  }
}

export function isSameOriginRequest(input: {
  method: string;
  origin?: string | null;
  referer?: string | null;
  /** Host header the request was sent to (what the browser shows in the address bar). */
  host?: string | null;
  appUrl: string;
}): boolean {
  if (SAFE_METHODS.has(input.method.toUpperCase())) return true;
  const claimed = input.origin && input.origin !== "null" ? originOf(input.origin) : originOf(input.referer);
  if (!claimed) return false;
  if (claimed.origin === new URL(input.appUrl).origin) return true;
  return Boolean(input.host) && claimed.host === input.host;
}
