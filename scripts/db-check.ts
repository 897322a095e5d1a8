/**
 * Drift check: applies prisma/migrations to a throwaway shadow database and compares the
 * result with prisma/schema.prisma. Exits 1 with the SQL that is missing when they disagree.
 */
import { loadDotEnv } from "../app/utils/env.server";
import { run } from "./run";

loadDotEnv();
const diff = [
  "prisma",
  "migrate",
  "diff",
  "--from-migrations",
  "prisma/migrations",
  "--to-schema-datamodel",
  "prisma/schema.prisma",
];
const { status } = run("npx", [...diff, "--exit-code"], { capture: true });
if (status === 0) {
  console.log("db:check: prisma/migrations match prisma/schema.prisma");
} else if (status === 2) {
  console.error("db:check: schema.prisma and prisma/migrations disagree. The missing migration would be:\n");
  run("npx", [...diff, "--script"]);
  console.error("\nCreate it with: npm run db:migration -- <short-name>");
  process.exit(1);
} else {
  console.error("db:check: the comparison itself failed (is PostgreSQL running? try `npm run provision`).");
  process.exit(1);
}
