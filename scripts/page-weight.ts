/** Bytes a browser transfers for a page (gzip), with and without the assets it references. */
import { request } from "node:http";
import { gunzipSync } from "node:zlib";

export function fetchTransferred(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; bytes: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { "Accept-Encoding": "gzip", Accept: "text/html,*/*", ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const raw = Buffer.concat(chunks);
        const headerBytes = res.rawHeaders.reduce((n, h) => n + h.length + 2, 20);
        const body = res.headers["content-encoding"] === "gzip" ? gunzipSync(raw).toString() : raw.toString();
        resolve({ status: res.statusCode ?? 0, bytes: raw.length + headerBytes, body });
      });
    });
    req.on("error", reject);
    req.end();
  });
}

export function assetsOf(html: string) {
  const found = new Set<string>();
  for (const m of html.matchAll(/<(?:link|script)\b[^>]*(?:href|src)="([^"]+)"/g)) {
    if (m[1]!.startsWith("/")) found.add(m[1]!.replace(/&amp;/g, "&"));
  }
  return [...found];
}

export async function pageWeight(base: string, path: string, headers: Record<string, string> = {}) {
  const page = await fetchTransferred(`${base}${path}`, headers);
  const assets = assetsOf(page.body);
  let assetBytes = 0;
  for (const asset of assets) assetBytes += (await fetchTransferred(`${base}${asset}`)).bytes;
  return {
    status: page.status,
    body: page.body,
    firstView: page.bytes + assetBytes,
    repeatView: page.bytes,
    assets: assets.length,
    javascript: /<script/.test(page.body),
  };
}
