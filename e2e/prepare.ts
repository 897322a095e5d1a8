/** Before the Playwright run: a fresh e2e database with demo accounts, an empty Redis index and outbox. */
import { rm } from "node:fs/promises";
import { flushRedisDb, freshDatabase } from "../scripts/test-env";
import { run } from "../scripts/run";
import { E2E_DATABASE, E2E_OUTBOX, e2eEnv } from "./env";

await freshDatabase(E2E_DATABASE);
await flushRedisDb(e2eEnv.REDIS_URL);
await rm(E2E_OUTBOX, { recursive: true, force: true });
const imported = run("npx", ["tsx", "scripts/courses-import.ts", "courses"], { capture: true, env: e2eEnv });
if (imported.status !== 0) throw new Error(`importing courses/ into the e2e database failed:\n${imported.stdout}`);
// Test-only courses whose answers the journeys know (e2e/courses/).
const fixtures = run("npx", ["tsx", "scripts/courses-import.ts", "e2e/courses"], { capture: true, env: e2eEnv });
if (fixtures.status !== 0) throw new Error(`importing e2e/courses/ failed:\n${fixtures.stdout}`);
const seeded = run("npx", ["tsx", "prisma/seed.ts"], {
  capture: true,
  env: { ...e2eEnv, NODE_ENV: "test", HAIDANG_DEMO: "1", HAIDANG_QUIET_SEED: "1" },
});
if (seeded.status !== 0) throw new Error("seeding the e2e database failed");
// A trainer who maintains no course, for the authorisation matrix.
const other = run(
  "npx",
  [
    "tsx",
    "scripts/user-create.ts",
    "--email",
    "other-trainer@haidang.test",
    "--role",
    "trainer",
    "--name",
    "Other Trainer",
    "--password",
    "Hanoi-Beacon-O-2026",
  ],
  { capture: true, env: e2eEnv },
);
if (other.status !== 0) throw new Error("creating the second trainer failed");
console.log(`e2e: database ${E2E_DATABASE} ready`);
