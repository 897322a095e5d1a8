/** Both processes stop cleanly on SIGTERM (connections to PostgreSQL and Redis closed, exit code 0). */
import { spawn } from "node:child_process";
import { expect, test } from "@playwright/test";
import { e2eEnv } from "./env";

async function startAndStop(script: string, ready: RegExp, env: Record<string, string>) {
  const child = spawn("node_modules/.bin/tsx", [script], {
    env: { ...process.env, ...e2eEnv, ...env } as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  await expect
    .poll(() => ready.test(output), { timeout: 30_000, message: `${script} never said it was ready:\n${output}` })
    .toBe(true);
  const started = Date.now();
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  child.kill("SIGTERM");
  const code = await exited;
  return { code, ms: Date.now() - started, output };
}

test("the web server exits 0 on SIGTERM", async () => {
  const { code, ms, output } = await startAndStop("server.ts", /web ready/, {
    PORT: "3299",
    APP_URL: "http://localhost:3299",
  });
  expect(code, output).toBe(0);
  expect(ms).toBeLessThan(10_000);
});

test("the worker exits 0 on SIGTERM", async () => {
  const { code, ms, output } = await startAndStop("jobs/worker.ts", /worker ready/, {});
  expect(code, output).toBe(0);
  expect(output).toContain("SIGTERM received");
  expect(ms).toBeLessThan(15_000);
});
