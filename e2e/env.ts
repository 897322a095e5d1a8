/** Where the end-to-end run lives: its own database, Redis index, port and outbox. */
import { baseUrls, withDatabase, withRedisDb } from "../scripts/test-env";

const { database, redis } = baseUrls();
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3210);
export const E2E_DATABASE = process.env.HAIDANG_E2E_DB ?? "haidang_e2e";
export const E2E_OUTBOX = process.env.HAIDANG_E2E_OUTBOX ?? ".cache/e2e-outbox";
export const E2E_ORIGIN = `http://localhost:${E2E_PORT}`;

export const e2eEnv = {
  NODE_ENV: "production",
  PORT: String(E2E_PORT),
  APP_URL: `http://localhost:${E2E_PORT}`,
  DATABASE_URL: withDatabase(database, E2E_DATABASE),
  REDIS_URL: withRedisDb(redis, Number(process.env.HAIDANG_E2E_REDIS_DB ?? 2)),
  OUTBOX_DIR: E2E_OUTBOX,
  // A fixed secret is fine here: the e2e database and its invitations are thrown away.
  APP_SECRET: "e2e-only-secret-0123456789abcdef0123456789abcdef",
  LOGIN_MAX_FAILURES_PER_CLIENT: "5",
  LOGIN_MAX_FAILURES_PER_ACCOUNT: "5",
  LOGIN_MAX_FAILURES_PER_IP: "1000",
  // Every journey signs up and asks for mails from 127.0.0.1: the per-client limit is tested in model tests.
  ACCOUNT_MAIL_MAX_PER_CLIENT: "10000",
  RECONCILE_EVERY_MS: "2000",
  // Rows (emails, bulk-enrolment batches) whose job was lost are picked up after 5 s, not a minute.
  RECONCILE_STALE_AFTER_MS: "5000",
};
