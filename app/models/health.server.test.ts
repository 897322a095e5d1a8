import { Redis } from "ioredis";
import { expect, test } from "vitest";
import { checkHealth } from "./health.server";

test("healthy when PostgreSQL and Redis both answer", async () => {
  const health = await checkHealth();
  expect(health.ok).toBe(true);
  expect(health.postgres.ok).toBe(true);
  expect(health.redis.ok).toBe(true);
});

test("unhealthy when Redis does not answer", async () => {
  const unreachable = new Redis("redis://127.0.0.1:1", {
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    lazyConnect: true,
  });
  unreachable.on("error", () => {});
  const health = await checkHealth({ redis: unreachable });
  expect(health.ok).toBe(false);
  expect(health.postgres.ok).toBe(true);
  expect(health.redis.ok).toBe(false);
  unreachable.disconnect();
});
