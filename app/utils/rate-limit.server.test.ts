import { expect, test } from "vitest";
import { beginLoginAttempt, failureLimit, loginSucceeded, type LoginLimits } from "./rate-limit.server";

const limits: LoginLimits = { perClient: 3, perIp: 6, perAccount: 5, accountIntervalSeconds: 2, windowSeconds: 60 };
const unique = () => `${crypto.randomUUID()}@example.org`;
const ip = () => `10.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}-${crypto.randomUUID()}`;
const client = (email = unique(), address = ip(), device: string | null = null) => ({ email, ip: address, device });

test("an (account, client) pair is blocked after its limit with a retry time; the account elsewhere is not", async () => {
  const c = client();
  for (let i = 0; i < 3; i++) expect((await beginLoginAttempt(c, limits)).allowed).toBe(true);
  const gate = await beginLoginAttempt(c, limits);
  expect(gate).toMatchObject({ allowed: false, reason: "blocked" });
  if (!gate.allowed) expect(gate.retryAfterSeconds).toBeGreaterThan(0);
  expect((await beginLoginAttempt({ ...c, ip: ip() }, limits)).allowed).toBe(true);
});

test("check and count are one step: of ten concurrent attempts exactly the limit get through", async () => {
  const c = client();
  const gates = await Promise.all(Array.from({ length: 10 }, () => beginLoginAttempt(c, limits)));
  expect(gates.filter((g) => g.allowed)).toHaveLength(3);
});

test("one address trying many accounts is blocked by the per-IP limit", async () => {
  const address = ip();
  for (let i = 0; i < 6; i++) await beginLoginAttempt(client(unique(), address), limits);
  expect(await beginLoginAttempt(client(unique(), address), limits)).toMatchObject({
    allowed: false,
    reason: "blocked",
  });
});

test("a successful login clears its pair's failures", async () => {
  const c = client();
  for (let i = 0; i < 2; i++) await beginLoginAttempt(c, limits);
  await beginLoginAttempt(c, limits);
  await loginSucceeded(c, limits);
  for (let i = 0; i < 3; i++) expect((await beginLoginAttempt(c, limits)).allowed).toBe(true);
});

test("email case does not give extra attempts", async () => {
  const email = unique();
  const address = ip();
  for (let i = 0; i < 3; i++) await beginLoginAttempt(client(email.toUpperCase(), address), limits);
  expect((await beginLoginAttempt(client(email, address), limits)).allowed).toBe(false);
});

test("past the account's limit unknown clients get one attempt per interval; known devices are exempt", async () => {
  const email = unique();
  for (let i = 0; i < 5; i++) await beginLoginAttempt(client(email), limits);
  expect((await beginLoginAttempt(client(email), limits)).allowed).toBe(true);
  const slowed = await beginLoginAttempt(client(email), limits);
  expect(slowed).toMatchObject({ allowed: false, reason: "slowed" });
  if (!slowed.allowed) expect(slowed.retryAfterSeconds).toBeLessThanOrEqual(2);
  expect((await beginLoginAttempt(client(email, ip(), "device-nonce"), limits)).allowed).toBe(true);
  await new Promise((resolve) => setTimeout(resolve, 2_100));
  expect((await beginLoginAttempt(client(email), limits)).allowed).toBe(true); // slowed, never blocked
});

test("a known device is counted as its own client, apart from its IP address", async () => {
  const email = unique();
  const address = ip();
  for (let i = 0; i < 3; i++) await beginLoginAttempt(client(email, address), limits);
  expect((await beginLoginAttempt(client(email, address), limits)).allowed).toBe(false);
  expect((await beginLoginAttempt(client(email, address, "device-nonce"), limits)).allowed).toBe(true);
});

test("a failure limit counts concurrent guesses atomically and a right guess clears it", async () => {
  const limit = failureLimit({ bucket: `test:${crypto.randomUUID()}`, limit: 4, windowSeconds: 60 });
  const gates = await Promise.all(Array.from({ length: 9 }, () => limit.attempt()));
  expect(gates.filter((g) => g.allowed)).toHaveLength(4);
  await limit.succeeded();
  expect((await limit.attempt()).allowed).toBe(true);
});
