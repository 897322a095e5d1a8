/**
 * Authors the next migration offline: the SQL that takes the existing migrations to the
 * current schema.prisma, written to prisma/migrations/<timestamp>_<name>/migration.sql.
 * Usage: npm run db:migration -- add-courses
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { loadDotEnv } from "../app/utils/env.server";
import { run } from "./run";

loadDotEnv();
const name = (process.argv[2] ?? "")
  .toLowerCase()
  .replace(/[^a-z0-9]+/g, "_")
  .replace(/^_|_$/g, "");
if (!name) {
  console.error("Usage: npm run db:migration -- <short-name>");
  process.exit(1);
}
const { status, stdout } = run(
  "npx",
  [
    "prisma",
    "migrate",
    "diff",
    "--from-migrations",
    "prisma/migrations",
    "--to-schema-datamodel",
    "prisma/schema.prisma",
    "--script",
    "--exit-code",
  ],
  { capture: true },
);
if (status === 0) {
  console.log("Nothing to migrate: prisma/migrations already match schema.prisma.");
  process.exit(0);
}
if (status !== 2) process.exit(status);
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = `prisma/migrations/${stamp}_${name}`;
mkdirSync(dir, { recursive: true });
writeFileSync(`${dir}/migration.sql`, stdout);
console.log(`Wrote ${dir}/migration.sql. Review it, then apply with: npm run db:migrate`);
