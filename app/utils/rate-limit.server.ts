import type { Redis } from "ioredis";
import { RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { env } from "./env.server";
import { redis as sharedRedis } from "./redis.server";

/**
 * Login throttling (docs/decisions/013-login-throttling.md), with rate-limiter-flexible's
 * Redis limiters: each `consume` is one Lua script (increment and read in one step), so an
 * attempt takes its place in the count *before* the password is checked, and N concurrent
 * guesses are N counted guesses.
 *
 * - per (account, client) pair: blocked after `perClient` failures for `windowSeconds`. The
 *   client is the known-device cookie when the browser has one for this account, otherwise
 *   the IP address;
 * - per IP address (unknown clients only): blocked after `perIp` failures;
 * - per account, from unknown clients: after `perAccount` failures, slowed to one attempt
 *   every `accountIntervalSeconds`; never blocked, and never applied to a known device.
 *
 * A successful login gives back what its attempt took and clears its pair's failures.
 */
export type LoginLimits = {
  perClient: number;
  perIp: number;
  perAccount: number;
  accountIntervalSeconds: number;
  windowSeconds: number;
};

export function loginLimitsFromEnv(): LoginLimits {
  const e = env();
  return {
    perClient: e.LOGIN_MAX_FAILURES_PER_CLIENT,
    perIp: e.LOGIN_MAX_FAILURES_PER_IP,
    perAccount: e.LOGIN_MAX_FAILURES_PER_ACCOUNT,
    accountIntervalSeconds: e.LOGIN_ACCOUNT_INTERVAL_SECONDS,
    windowSeconds: e.LOGIN_WINDOW_SECONDS,
  };
}

export type LoginGate = { allowed: true } | { allowed: false; reason: "blocked" | "slowed"; retryAfterSeconds: number };

const limiters = new Map<string, RateLimiterRedis>();

/** One limiter per configuration (each defines its Lua command on the client once). */
function limiter(redis: Redis, keyPrefix: string, points: number, duration: number) {
  const id = `${keyPrefix}:${points}:${duration}`;
  let found = limiters.get(id);
  if (!found || (found as unknown as { client: Redis }).client !== redis) {
    // ioredis is detected by the library; `useRedisPackage` is only for node-redis clients.
    found = new RateLimiterRedis({ storeClient: redis, keyPrefix, points, duration });
    limiters.set(id, found);
  }
  return found;
}

const retryAfter = (res: RateLimiterRes) => Math.max(1, Math.ceil(res.msBeforeNext / 1000));

/** Consumes one point; a rejection (over the limit) comes back as a value, Redis errors are thrown. */
async function take(l: RateLimiterRedis, key: string): Promise<{ ok: true } | { ok: false; res: RateLimiterRes }> {
  try {
    await l.consume(key);
    return { ok: true };
  } catch (error) {
    if (error instanceof RateLimiterRes) return { ok: false, res: error };
    throw error;
  }
}

function loginLimiters(limits: LoginLimits, redis: Redis) {
  return {
    pair: limiter(redis, "ratelimit:login:pair", limits.perClient, limits.windowSeconds),
    ip: limiter(redis, "ratelimit:login:ip", limits.perIp, limits.windowSeconds),
    account: limiter(redis, "ratelimit:login:account", limits.perAccount, limits.windowSeconds),
    interval: limiter(redis, "ratelimit:login:account-interval", 1, limits.accountIntervalSeconds),
  };
}

export type LoginClient = { email: string; ip: string; device: string | null };

const normalise = (email: string) => email.trim().toLowerCase();
const pairKey = ({ email, ip, device }: LoginClient) =>
  `${normalise(email)}|${device ? `device:${device}` : `ip:${ip}`}`;

/**
 * Takes this attempt's place in every count that applies, atomically, before the password
 * is checked. When it is refused nothing is checked; when allowed, report the outcome with
 * `loginSucceeded` (a failure needs no call: it is already counted).
 */
export async function beginLoginAttempt(
  client: LoginClient,
  limits: LoginLimits = loginLimitsFromEnv(),
  redis: Redis = sharedRedis,
): Promise<LoginGate> {
  const l = loginLimiters(limits, redis);
  const email = normalise(client.email);
  const pair = pairKey(client);
  if (!client.device) {
    const ip = await take(l.ip, client.ip);
    if (!ip.ok) return { allowed: false, reason: "blocked", retryAfterSeconds: retryAfter(ip.res) };
  }
  const paired = await take(l.pair, pair);
  if (!paired.ok) return { allowed: false, reason: "blocked", retryAfterSeconds: retryAfter(paired.res) };
  if (client.device) return { allowed: true };

  // Unknown clients share one count per account; past it, one attempt per interval.
  const account = await l.account.penalty(email, 1);
  if (account.consumedPoints <= limits.perAccount) return { allowed: true };
  const slot = await take(l.interval, email);
  if (slot.ok) return { allowed: true };
  // Not tried: give back what the attempt took, so waiting costs the owner nothing.
  await Promise.all([l.ip.reward(client.ip, 1), l.pair.reward(pair, 1), l.account.reward(email, 1)]);
  return { allowed: false, reason: "slowed", retryAfterSeconds: retryAfter(slot.res) };
}

/** The right password: this attempt was not a failure, and its pair starts again from zero. */
export async function loginSucceeded(
  client: LoginClient,
  limits: LoginLimits = loginLimitsFromEnv(),
  redis: Redis = sharedRedis,
) {
  const l = loginLimiters(limits, redis);
  await l.pair.delete(pairKey(client));
  if (!client.device) await Promise.all([l.ip.reward(client.ip, 1), l.account.reward(normalise(client.email), 1)]);
}

/**
 * A generic fixed-window limit on failures (wrong enrolment keys, …). `attempt` takes a
 * place in the count before the guess is checked (atomic, so concurrent guesses cannot
 * overshoot the limit); `succeeded` clears it after a right guess.
 */
export function failureLimit(
  { bucket, limit, windowSeconds }: { bucket: string; limit: number; windowSeconds: number },
  redis: Redis = sharedRedis,
) {
  const l = limiter(redis, "ratelimit:failures", limit, windowSeconds);
  return {
    async attempt(): Promise<LoginGate> {
      const taken = await take(l, bucket);
      return taken.ok
        ? { allowed: true }
        : { allowed: false, reason: "blocked", retryAfterSeconds: retryAfter(taken.res) };
    },
    async succeeded() {
      await l.delete(bucket);
    },
  };
}
