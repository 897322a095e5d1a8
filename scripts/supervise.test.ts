import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { parseArgs } from "./supervise";

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "supervise-"));
  // A child that records each start (its pid) and a graceful stop, like the web server and the worker.
  await writeFile(
    join(dir, "child.mjs"),
    `import { appendFileSync } from "node:fs";
const log = process.argv[2];
appendFileSync(log, "start " + process.pid + "\\n");
process.on("SIGTERM", () => { appendFileSync(log, "stop " + process.pid + "\\n"); process.exit(0); });
setInterval(() => {}, 1000);`,
  );
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const events = async (name: string) =>
  (await readFile(join(dir, `${name}.log`), "utf8").catch(() => ""))
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((line) => line.split(" ") as [string, string]);
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

test("arguments: children, copies and backoff flags", () => {
  expect(parseArgs(["--backoff-ms", "50", "web*2=tsx server.ts", "worker=tsx jobs/worker.ts"])).toEqual({
    options: { backoffMs: 50, maxBackoffMs: 30_000, stableMs: 10_000, graceMs: 15_000 },
    children: [
      { name: "web", command: "tsx", args: ["server.ts"], instances: 2 },
      { name: "worker", command: "tsx", args: ["jobs/worker.ts"], instances: 1 },
    ],
  });
  expect(() => parseArgs([])).toThrow();
  expect(() => parseArgs(["no command"])).toThrow();
});

test("a crashed child is restarted while the other keeps running, and SIGTERM stops them all", async () => {
  const child = join(dir, "child.mjs");
  const supervisor = spawn(
    "node_modules/.bin/tsx",
    [
      "scripts/supervise.ts",
      "--backoff-ms",
      "100",
      "--grace-ms",
      "3000",
      `web=node ${child} ${join(dir, "web.log")}`,
      `worker=node ${child} ${join(dir, "worker.log")}`,
    ],
    { stdio: ["ignore", "inherit", "pipe"] },
  );
  let stderr = "";
  supervisor.stderr.on("data", (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => supervisor.on("exit", (code) => resolve(code)));

  await expect.poll(async () => (await events("web")).length, { timeout: 15_000 }).toBe(1);
  await expect.poll(async () => (await events("worker")).length, { timeout: 15_000 }).toBe(1);
  const firstWeb = Number((await events("web"))[0]![1]);
  const worker = Number((await events("worker"))[0]![1]);

  // The web process crashes (no chance to clean up).
  process.kill(firstWeb, "SIGKILL");
  await expect.poll(async () => (await events("web")).length, { timeout: 10_000 }).toBe(2);
  const secondWeb = Number((await events("web"))[1]![1]);
  expect(secondWeb).not.toBe(firstWeb);
  expect(alive(secondWeb)).toBe(true);
  expect(alive(worker)).toBe(true);
  expect(await events("worker")).toEqual([["start", String(worker)]]);
  expect(stderr).toMatch(/web exited \(SIGKILL\).*restarting in 100 ms/);

  // And the worker crashing leaves the web process alone.
  process.kill(worker, "SIGKILL");
  await expect.poll(async () => (await events("worker")).length, { timeout: 10_000 }).toBe(2);
  expect(alive(secondWeb)).toBe(true);
  const secondWorker = Number((await events("worker"))[1]![1]);

  supervisor.kill("SIGTERM");
  expect(await exited).toBe(0);
  expect((await events("web")).at(-1)).toEqual(["stop", String(secondWeb)]);
  expect((await events("worker")).at(-1)).toEqual(["stop", String(secondWorker)]);
  expect(alive(secondWeb)).toBe(false);
  expect(alive(secondWorker)).toBe(false);
}, 40_000);
