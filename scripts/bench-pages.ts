/**
 * npm run bench:pages [-- --url http://localhost:3000]
 * Prints the bytes transferred (gzip, as a browser would receive them) for the catalogue,
 * a course page and a module page: first view (HTML + every stylesheet, script, preload
 * and icon it references) and repeat view (HTML only: /build assets are immutable-cached).
 * Needs the app running (`npm start`).
 */
import { request } from "node:http";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { url: { type: "string", default: `http://localhost:${process.env.PORT ?? 3000}` } } });
const base = values.url!.replace(/\/$/, "");

function transferred(path: string): Promise<{ status: number; bytes: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { headers: { "Accept-Encoding": "gzip", Accept: "text/html,*/*" } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", async () => {
        const raw = Buffer.concat(chunks);
        const headerBytes = Object.entries(res.headers).reduce((n, [k, v]) => n + k.length + String(v).length + 4, 20);
        const { gunzipSync } = await import("node:zlib");
        const body = res.headers["content-encoding"] === "gzip" ? gunzipSync(raw).toString() : raw.toString();
        resolve({ status: res.statusCode ?? 0, bytes: raw.length + headerBytes, body });
      });
    });
    req.on("error", reject);
    req.end();
  });
}

function assetsOf(html: string) {
  const found = new Set<string>();
  for (const m of html.matchAll(/<(?:link|script)\b[^>]*(?:href|src)="([^"]+)"/g)) {
    const url = m[1]!;
    if (url.startsWith("/")) found.add(url.replace(/&amp;/g, "&"));
  }
  return [...found];
}

async function measure(label: string, path: string) {
  const page = await transferred(path);
  if (page.status !== 200) throw new Error(`${path} answered ${page.status}`);
  const assets = assetsOf(page.body);
  let assetBytes = 0;
  for (const asset of assets) assetBytes += (await transferred(asset)).bytes;
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  console.log(
    `${label.padEnd(10)} ${path.padEnd(58)} first view ${kb(page.bytes + assetBytes).padStart(9)} (${assets.length} assets, ${/<script/.test(page.body) ? "with" : "no"} JavaScript)   repeat view ${kb(page.bytes).padStart(8)}`,
  );
  return page.body;
}

try {
  const catalogue = await measure("catalogue", "/courses");
  const coursePath = catalogue.match(/href="(\/courses\/[a-z0-9-]+)"/)?.[1];
  if (!coursePath) throw new Error("no published course in the catalogue: run `npm start` (it imports courses/)");
  const course = await measure("course", coursePath);
  const modulePath = course.match(new RegExp(`href="(${coursePath}/[a-z0-9-]+)"`))?.[1];
  if (!modulePath) throw new Error("the course page links no readable module");
  await measure("module", modulePath);
} catch (error) {
  console.error(`bench:pages: ${error instanceof Error ? error.message : error}\n(is the app running at ${base}? start it with npm start)`);
  process.exit(1);
}
