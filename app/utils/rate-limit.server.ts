import type { Redis } from "ioredis";
import { env } from "./env.server";
import { redis as sharedRedis } from "./redis.server";

/**
 * Failed-login counters in Redis, per account and per client IP, in a fixed window.
 * A login is refused (429) before the password is even checked once either count
 * reaches its limit; a successful login clears the account's counter.
 */
export type LoginLimits = { perAccount: number; perIp: number; windowSeconds: number };

function limitsFromEnv(): LoginLimits {
  const e = env();
  return {
    perAccount: e.LOGIN_MAX_FAILURES_PER_ACCOUNT,
    perIp: e.LOGIN_MAX_FAILURES_PER_IP,
    windowSeconds: e.LOGIN_WINDOW_SECONDS,
  };
}

const accountKey = (email: string) => `ratelimit:login:account:${email.trim().toLowerCase()}`;
const ipKey = (ip: string) => `ratelimit:login:ip:${ip}`;

export type LoginGate = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export async function checkLoginAllowed(
  { email, ip }: { email: string; ip: string },
  limits: LoginLimits = limitsFromEnv(),
  redis: Redis = sharedRedis,
): Promise<LoginGate> {
  const keys = [accountKey(email), ipKey(ip)];
  const [counts, ttls] = await Promise.all([redis.mget(...keys), Promise.all(keys.map((k) => redis.ttl(k)))]);
  const blocked = [Number(counts[0] ?? 0) >= limits.perAccount, Number(counts[1] ?? 0) >= limits.perIp];
  if (!blocked.some(Boolean)) return { allowed: true };
  const retryAfterSeconds = Math.max(
    1,
    ...ttls.map((ttl, i) => (blocked[i] ? (ttl > 0 ? ttl : limits.windowSeconds) : 0)),
  );
  return { allowed: false, retryAfterSeconds };
}

export async function recordLoginFailure(
  { email, ip }: { email: string; ip: string },
  limits: LoginLimits = limitsFromEnv(),
  redis: Redis = sharedRedis,
) {
  const multi = redis.multi();
  for (const key of [accountKey(email), ipKey(ip)]) {
    multi.incr(key);
    multi.expire(key, limits.windowSeconds, "NX");
  }
  await multi.exec();
}

export async function clearLoginFailures({ email }: { email: string }, redis: Redis = sharedRedis) {
  await redis.del(accountKey(email));
}

/**
 * A generic fixed-window limit on failures (wrong enrolment keys, …): `check` before
 * trying, `fail` after a wrong attempt.
 */
export function failureLimit(
  { bucket, limit, windowSeconds }: { bucket: string; limit: number; windowSeconds: number },
  redis: Redis = sharedRedis,
) {
  const key = `ratelimit:${bucket}`;
  return {
    async check(): Promise<LoginGate> {
      const [count, ttl] = await Promise.all([redis.get(key), redis.ttl(key)]);
      if (Number(count ?? 0) < limit) return { allowed: true };
      return { allowed: false, retryAfterSeconds: ttl > 0 ? ttl : windowSeconds };
    },
    async fail() {
      await redis.multi().incr(key).expire(key, windowSeconds, "NX").exec();
    },
  };
}
