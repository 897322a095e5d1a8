import { Redis } from "ioredis";
import { env } from "./env.server";
import { onShutdown } from "./shutdown.server";
import { singleton } from "./singleton.server";

/** Shared Redis connection for rate limits and health checks (bull keeps its own). */
export const redis = singleton("redis", () => {
  const client = new Redis(env().REDIS_URL, {
    maxRetriesPerRequest: 2,
    enableOfflineQueue: true,
    lazyConnect: false,
  });
  client.on("error", (error) => {
    if (env().LOG_LEVEL !== "silent") console.error("redis:", error.message);
  });
  onShutdown("redis", () => client.quit().catch(() => client.disconnect()));
  return client;
});
