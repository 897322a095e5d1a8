import { isLocalOrigin } from "./env.server";

/**
 * Name and attributes for an app cookie. Over HTTPS the name carries the `__Host-` prefix,
 * which browsers honour only for Secure, Path=/ cookies without a Domain: no sibling
 * subdomain and no plain-http page can set or shadow it.
 */
export function appCookie(name: string, appUrl: string) {
  const https = new URL(appUrl).protocol === "https:";
  return {
    name: https ? `__Host-${name}` : name,
    secure: https || !isLocalOrigin(appUrl),
    path: "/" as const,
  };
}
