import { expect, test } from "vitest";
import { knownDevice, knownDeviceCookie } from "./known-device.server";

const requestWith = (setCookie: string) =>
  new Request("http://localhost/login", { headers: { Cookie: `other=1; ${setCookie.split(";")[0]}` } });

test("a device cookie is recognised for its own account only, and cannot be forged", () => {
  const cookie = knownDeviceCookie("Owner@Example.org ");
  expect(cookie).toMatch(/HttpOnly/);
  expect(cookie).toMatch(/SameSite=Lax/);
  const nonce = knownDevice(requestWith(cookie), "owner@example.org");
  expect(nonce).toMatch(/^[A-Za-z0-9_-]{16,}$/);
  expect(knownDevice(requestWith(cookie), "someone-else@example.org")).toBeNull();
  const forged = cookie.replace(/=([^.]+)\.[^;]+/, "=$1.forgedsignature");
  expect(knownDevice(requestWith(forged), "owner@example.org")).toBeNull();
  expect(knownDevice(new Request("http://localhost/login"), "owner@example.org")).toBeNull();
  // Re-issued at the next login, the device keeps its identity.
  expect(knownDevice(requestWith(knownDeviceCookie("owner@example.org", nonce!)), "owner@example.org")).toBe(nonce);
});
