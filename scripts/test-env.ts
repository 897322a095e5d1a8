/**
 * Throwaway databases and Redis indexes for tests, on the servers that provisioning
 * found or started (DATABASE_URL / REDIS_URL). Used by vitest's global setup and by
 * the end-to-end preparation.
 */
import pg from "pg";
import { Redis } from "ioredis";
import { loadDotEnv } from "../app/utils/env.server";
import { run } from "./run";

loadDotEnv();

export function baseUrls() {
  const database = process.env.DATABASE_URL;
  const redis = process.env.REDIS_URL;
  if (!database || !redis) throw new Error("DATABASE_URL and REDIS_URL must be set: run `npm run provision` first.");
  return { database, redis };
}

export function withDatabase(url: string, name: string) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export function withRedisDb(url: string, index: number) {
  const u = new URL(url);
  u.pathname = `/${index}`;
  return u.toString();
}

async function admin<T>(work: (client: pg.Client) => Promise<T>) {
  const client = new pg.Client({ connectionString: withDatabase(baseUrls().database, "postgres") });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Drops (if present) and creates `name`, then applies every migration to it. */
export async function freshDatabase(name: string) {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`unsafe database name ${name}`);
  await admin(async (client) => {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  });
  const url = withDatabase(baseUrls().database, name);
  const { status } = run("npx", ["prisma", "migrate", "deploy"], { capture: true, env: { DATABASE_URL: url } });
  if (status !== 0) throw new Error(`prisma migrate deploy failed for ${name}`);
  return url;
}

export async function dropDatabase(name: string) {
  await admin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

export async function flushRedisDb(url: string) {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    await redis.flushdb();
  } finally {
    redis.disconnect();
  }
}
