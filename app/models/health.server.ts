import type { Redis } from "ioredis";
import { prisma } from "~/utils/db.server";
import { redis as sharedRedis } from "~/utils/redis.server";

function withTimeout<T>(promise: Promise<T>, ms: number) {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms).unref()),
  ]);
}

async function probe(check: () => Promise<unknown>) {
  const started = performance.now();
  try {
    await withTimeout(check(), 2_000);
    return { ok: true, ms: Math.round(performance.now() - started) };
  } catch (error) {
    return {
      ok: false,
      ms: Math.round(performance.now() - started),
      error: error instanceof Error ? error.message : String(error),
    };
  }
}

/** Both dependencies answered, with their round-trip times. */
export async function checkHealth({ redis = sharedRedis }: { redis?: Pick<Redis, "ping"> } = {}) {
  const [database, cache] = await Promise.all([
    probe(() => prisma.$queryRaw`SELECT 1`),
    probe(async () => {
      if ((await redis.ping()) !== "PONG") throw new Error("unexpected PING reply");
    }),
  ]);
  return { ok: database.ok && cache.ok, postgres: database, redis: cache };
}
