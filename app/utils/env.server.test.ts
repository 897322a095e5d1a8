import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, test } from "vitest";
import { EnvError, parseEnv } from "./env.server";

const valid = { DATABASE_URL: "postgresql://u:p@localhost:5432/db", REDIS_URL: "redis://localhost:6379/0" };

test("a good configuration parses, with defaults filled in", () => {
  const config = parseEnv({ ...valid, PORT: "4000", RECONCILE_EVERY_MS: "2000", HAIDANG_KEY_FILE: "  " });
  expect(config.PORT).toBe(4000);
  expect(config.APP_URL).toBe("http://localhost:4000");
  expect(config.RECONCILE_EVERY_MS).toBe(2000);
  expect(config.HAIDANG_KEY_FILE).toBeUndefined(); // blank counts as unset
  expect(config.HAIDANG_FONT_DIR).toBe("/usr/share/fonts");
});

test("a bad value is refused with a message naming the variable", () => {
  expect(() => parseEnv({ ...valid, PORT: "abc" })).toThrow(EnvError);
  expect(() => parseEnv({ ...valid, PORT: "abc" })).toThrow(/^\s+PORT: /m);
});

test("every problem is listed at once", () => {
  const error = (() => {
    try {
      parseEnv({ DATABASE_URL: "not a url", REDIS_URL: valid.REDIS_URL, WORKER_CERTIFICATE_CONCURRENCY: "-1" });
    } catch (e) {
      return e as Error;
    }
  })();
  expect(error?.message).toMatch(/DATABASE_URL/);
  expect(error?.message).toMatch(/WORKER_CERTIFICATE_CONCURRENCY/);
});

test.each([
  ["web", "server.ts", "PORT", "abc"],
  ["worker", "jobs/worker.ts", "RECONCILE_EVERY_MS", "soon"],
])("the %s process stops at start, naming the bad variable", { timeout: 30_000 }, async (_name, entry, name, value) => {
  const failure = await promisify(execFile)("npx", ["tsx", entry], {
    env: { ...process.env, ...valid, [name]: value },
    timeout: 25_000,
  }).then(
    () => null,
    (error: { code?: number; stderr?: string }) => error,
  );
  expect(failure?.code).toBe(1);
  expect(failure?.stderr).toMatch(new RegExp(`^Invalid environment configuration:\\n\\s+${name}: `, "m"));
  expect(failure?.stderr).not.toMatch(/\bat \S+ \(/); // a message, not a stack trace
});
