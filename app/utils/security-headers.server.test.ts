import { expect, test } from "vitest";
import { securityHeaders } from "./security-headers.server";

test("served over https, browsers are told to stay on https for a year, subdomains included", () => {
  const headers = securityHeaders({ nonce: "abc", appUrl: "https://haidang.example" });
  expect(headers["Strict-Transport-Security"]).toBe("max-age=31536000; includeSubDomains");
  expect(headers["Content-Security-Policy"]).toContain("script-src 'self' 'nonce-abc'");
});

test("over plain http (local development) there is no HSTS, the rest is the same", () => {
  const headers = securityHeaders({ nonce: "abc", appUrl: "http://localhost:3000" });
  expect(headers["Strict-Transport-Security"]).toBeUndefined();
  expect(headers["X-Frame-Options"]).toBe("DENY");
  expect(headers["Content-Security-Policy"]).toContain("frame-ancestors 'none'");
});
