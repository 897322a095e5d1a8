/**
 * One throwaway PostgreSQL database per vitest run (dropped afterwards) and Redis
 * index 1 (flushed first). Workers inherit the environment set here.
 */
import { baseUrls, dropDatabase, flushRedisDb, freshDatabase, withRedisDb } from "../scripts/test-env";

export default async function setup() {
  // Pure unit tests can run without services: HAIDANG_TEST_NO_DB=1 npx vitest run app/content
  if (process.env.HAIDANG_TEST_NO_DB === "1") return;
  const { redis } = baseUrls();
  const name = `haidang_test_${process.pid}_${Date.now().toString(36)}`;
  process.env.DATABASE_URL = await freshDatabase(name);
  process.env.REDIS_URL = withRedisDb(redis, Number(process.env.HAIDANG_TEST_REDIS_DB ?? 1));
  await flushRedisDb(process.env.REDIS_URL);
  return async () => {
    await dropDatabase(name);
  };
}
