/**
 * npm run courses:import [path]
 * Validates every course under `path` (default courses/) before writing anything; a broken
 * course is refused whole, with file:line messages, and the others still import. A path that
 * is itself a course folder (it has course.md) imports just that course.
 * Exits 1 when any course was refused.
 */
import { existsSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { importCourseFolder, importCourses, type ImportReport } from "../app/models/courses.server";
import { loadDotEnv } from "../app/utils/env.server";
import { runShutdown } from "../app/utils/shutdown.server";

loadDotEnv();
const target = process.argv[2] ?? "courses";
const display = relative(process.cwd(), target) || target;

let reports: ImportReport[] = [];
try {
  reports = existsSync(join(target, "course.md"))
    ? [await importCourseFolder({ dir: target, displayPath: display || basename(target) })]
    : await importCourses({ root: target, displayRoot: display });
} finally {
  await runShutdown();
}

for (const r of reports) {
  if (r.status === "refused") {
    console.error(`✗ ${r.slug}: refused`);
    for (const e of r.errors ?? []) console.error(`  ${e}`);
  } else {
    console.log(
      `✓ ${r.slug}: ${r.status === "published" ? `published revision ${r.revision}` : `unchanged (revision ${r.revision})`}`,
    );
  }
}
if (reports.length === 0) console.log(`courses:import: no course folders in ${display}`);
process.exit(reports.some((r) => r.status === "refused") ? 1 : 0);
