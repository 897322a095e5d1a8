import { expect, test } from "vitest";
import { checkLoginAllowed, clearLoginFailures, recordLoginFailure } from "./rate-limit.server";

const limits = { perAccount: 3, perIp: 5, windowSeconds: 60 };
const unique = () => `${crypto.randomUUID()}@example.org`;
const ip = () => `10.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}-${crypto.randomUUID()}`;

test("an account is blocked after its limit, with a retry time, and other accounts are not", async () => {
  const email = unique();
  const address = ip();
  for (let i = 0; i < 3; i++) {
    expect((await checkLoginAllowed({ email, ip: address }, limits)).allowed).toBe(true);
    await recordLoginFailure({ email, ip: address }, limits);
  }
  const gate = await checkLoginAllowed({ email, ip: address }, limits);
  expect(gate).toMatchObject({ allowed: false });
  if (!gate.allowed) expect(gate.retryAfterSeconds).toBeGreaterThan(0);
  expect((await checkLoginAllowed({ email: unique(), ip: ip() }, limits)).allowed).toBe(true);
});

test("one address trying many accounts is blocked by the per-IP limit", async () => {
  const address = ip();
  for (let i = 0; i < 5; i++) await recordLoginFailure({ email: unique(), ip: address }, limits);
  expect((await checkLoginAllowed({ email: unique(), ip: address }, limits)).allowed).toBe(false);
});

test("a successful login clears the account's counter", async () => {
  const email = unique();
  const address = ip();
  for (let i = 0; i < 3; i++) await recordLoginFailure({ email, ip: address }, limits);
  await clearLoginFailures({ email });
  expect((await checkLoginAllowed({ email, ip: ip() }, limits)).allowed).toBe(true);
});

test("email case does not give extra attempts", async () => {
  const email = unique();
  for (let i = 0; i < 3; i++) await recordLoginFailure({ email: email.toUpperCase(), ip: ip() }, limits);
  expect((await checkLoginAllowed({ email, ip: ip() }, limits)).allowed).toBe(false);
});
