import { expect, test } from "vitest";
import { isSameOriginRequest } from "./origin.server";

const appUrl = "https://haidang.example";

test("reads are never blocked", () => {
  expect(isSameOriginRequest({ method: "GET", origin: "https://evil.example", appUrl })).toBe(true);
});

test("a POST from the app's own origin passes", () => {
  expect(isSameOriginRequest({ method: "POST", origin: "https://haidang.example", appUrl })).toBe(true);
});

test("a POST whose origin matches the Host it was sent to passes", () => {
  expect(isSameOriginRequest({ method: "POST", origin: "http://127.0.0.1:3000", host: "127.0.0.1:3000", appUrl })).toBe(
    true,
  );
});

test("a cross-site POST is refused even when the Host header is forged to match", () => {
  expect(isSameOriginRequest({ method: "POST", origin: "https://evil.example", host: "haidang.example", appUrl })).toBe(
    false,
  );
  expect(isSameOriginRequest({ method: "DELETE", origin: "https://haidang.example.evil.example", appUrl })).toBe(false);
});

test("without Origin the Referer decides, and without both the request is refused", () => {
  expect(isSameOriginRequest({ method: "POST", referer: "https://haidang.example/login", appUrl })).toBe(true);
  expect(isSameOriginRequest({ method: "POST", referer: "https://evil.example/x", appUrl })).toBe(false);
  expect(isSameOriginRequest({ method: "POST", appUrl })).toBe(false);
  expect(isSameOriginRequest({ method: "POST", origin: "null", appUrl })).toBe(false);
});

test('"Origin: null" (privacy settings, some redirects) falls back to a same-origin Referer', () => {
  expect(
    isSameOriginRequest({ method: "POST", origin: "null", referer: "https://haidang.example/login", appUrl }),
  ).toBe(true);
  expect(isSameOriginRequest({ method: "POST", origin: "null", referer: "https://evil.example/", appUrl })).toBe(false);
});
