/**
 * npm run bench:pages [-- --url http://localhost:3000]
 * Prints the bytes transferred (gzip, as a browser receives them, headers included) for the
 * catalogue, a course page and a module page: first view (HTML + every stylesheet, script,
 * preload and icon it references) and repeat view (HTML only: assets are cached).
 * Needs the app running (`npm start`).
 */
import { parseArgs } from "node:util";
import { pageWeight } from "./page-weight";

const { values } = parseArgs({
  options: { url: { type: "string", default: `http://localhost:${process.env.PORT ?? 3000}` } },
});
const base = values.url!.replace(/\/$/, "");
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

async function measure(label: string, path: string) {
  const w = await pageWeight(base, path);
  if (w.status !== 200) throw new Error(`${path} answered ${w.status}`);
  console.log(
    `${label.padEnd(10)} ${path.padEnd(60)} first view ${kb(w.firstView).padStart(8)} (${w.assets} assets, ${w.javascript ? "with" : "no"} JavaScript)   repeat view ${kb(w.repeatView).padStart(7)}`,
  );
  return w.body;
}

try {
  const catalogue = await measure("catalogue", "/courses");
  const coursePath = catalogue.match(/href="(\/courses\/[a-z0-9-]+)"/)?.[1];
  if (!coursePath) throw new Error("no published course in the catalogue: `npm start` imports courses/");
  const course = await measure("course", coursePath);
  const modulePath = course.match(new RegExp(`href="(${coursePath}/[a-z0-9-]+)"`))?.[1];
  if (!modulePath) throw new Error("the course page links no readable module");
  await measure("module", modulePath);
} catch (error) {
  console.error(
    `bench:pages: ${error instanceof Error ? error.message : error}\n(is the app running at ${base}? start it with npm start)`,
  );
  process.exit(1);
}
