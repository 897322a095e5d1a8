/**
 * npm run courses:export <slug> [dir]
 * Writes the course's current published revision as files (default: courses/<slug>), in
 * exactly the format courses:import reads, with everything made in the browser: questions
 * (assessments/browser-questions.gift), assessments (assessments/<slug>.yml) and media
 * (decision 024). Importing the result publishes the same content hash.
 */
import { join } from "node:path";
import { exportCourse } from "../app/models/courses.server";
import { loadDotEnv } from "../app/utils/env.server";
import { runShutdown } from "../app/utils/shutdown.server";

loadDotEnv();
const [slug, dir] = process.argv.slice(2);
if (!slug) {
  console.error("Usage: npm run courses:export <slug> [dir]");
  process.exit(1);
}
try {
  const result = await exportCourse({ slug, dir: dir ?? join("courses", slug) });
  if (result.status === "not-found") {
    console.error(`courses:export: no published course "${slug}"`);
    process.exitCode = 1;
  } else {
    console.log(`Exported ${slug} to ${result.dir}`);
  }
} finally {
  await runShutdown();
}
