/** Before the Playwright run: a fresh e2e database with demo accounts, an empty Redis index and outbox. */
import { rm } from "node:fs/promises";
import { flushRedisDb, freshDatabase } from "../scripts/test-env";
import { run } from "../scripts/run";
import pg from "pg";
import { E2E_DATABASE, E2E_OUTBOX, e2eEnv } from "./env";
import { NOMINATION } from "./nomination-data";

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
// Nominations (e2e/nomination-data.ts): a focal point of one agency, its officers, and an officer of another.
const people = [NOMINATION.focal, ...Object.values(NOMINATION.officers), NOMINATION.outsider];
for (const person of people) {
  const made = run(
    "npx",
    ["tsx", "scripts/user-create.ts", "--email", person.email, "--name", person.name, "--password", person.password],
    { capture: true, env: e2eEnv },
  );
  if (made.status !== 0) throw new Error(`creating ${person.email} failed:\n${made.stdout}`);
}
{
  const db = new pg.Client({ connectionString: e2eEnv.DATABASE_URL });
  await db.connect();
  try {
    const agency = async (name: string, country: string) =>
      (
        await db.query(
          `INSERT INTO "Agency" (id, name, country, type, "updatedAt") VALUES (gen_random_uuid(), $1, $2, 'POLICE', now()) RETURNING id`,
          [name, country],
        )
      ).rows[0].id as string;
    const mine = await agency(NOMINATION.agency, "VN");
    const other = await agency(NOMINATION.otherAgency, "KH");
    const ours = [NOMINATION.focal, ...Object.values(NOMINATION.officers)].map((p) => p.email);
    await db.query(
      `UPDATE "User" SET "agencyId" = $1, country = 'VN', "emailVerifiedAt" = now() WHERE email = ANY($2)`,
      [mine, ours],
    );
    await db.query(`UPDATE "User" SET "agencyId" = $1, country = 'KH', "emailVerifiedAt" = now() WHERE email = $2`, [
      other,
      NOMINATION.outsider.email,
    ]);
    await db.query(`UPDATE "User" SET role = 'FOCAL_POINT' WHERE email = $1`, [NOMINATION.focal.email]);
    await db.query(
      `INSERT INTO "FocalPointScope" (id, "userId", "agencyId") SELECT gen_random_uuid(), id, $1 FROM "User" WHERE email = $2`,
      [mine, NOMINATION.focal.email],
    );
  } finally {
    await db.end();
  }
}
console.log(`e2e: database ${E2E_DATABASE} ready`);
