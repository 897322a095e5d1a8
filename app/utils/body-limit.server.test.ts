import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { text } from "node:stream/consumers";
import { afterAll, beforeAll, expect, test } from "vitest";
import { Agent } from "node:http";
import { bodyLimitFor, declaredLength, discardUnread, hasBody, limitedBody } from "./body-limit.server";
import { refuse } from "./refusal.server";

const limits = { default: 1024, upload: 8 * 1024 };

test("uploads and long Markdown get the larger limit, everything else the default", () => {
  for (const path of [
    "/admin/enrolments",
    "/admin/enrolments.data",
    "/author/electronic-evidence/questions",
    "/author/electronic-evidence/questions.data",
    "/verify",
    "/verify.data",
    "/verify/HDG-2026-ABCD-1234",
    "/author/electronic-evidence",
    "/author/electronic-evidence/",
    "/author/electronic-evidence/modules/intro",
    "/author/electronic-evidence/translations",
    "/author/electronic-evidence/preview",
  ])
    expect(bodyLimitFor(path, limits), path).toBe(limits.upload);
  for (const path of [
    "/",
    "/login",
    "/signup",
    "/_root.data",
    "/author/electronic-evidence/cohorts",
    "/admin/enrolments/batches/x",
    "/author/a/b/questions",
    "/admin/users",
  ])
    expect(bodyLimitFor(path, limits), path).toBe(limits.default);
});

// A tiny server doing what server.ts does: refuse a declared length over the limit, count a chunked one.
let origin = "";
let read: string[] = [];
const server = createServer((req: IncomingMessage, res: ServerResponse) => {
  if (!hasBody(req)) return void res.end("no body");
  if (req.url === "/ignore") {
    // A route that answers without reading the body (a redirect first, no action).
    const body = limitedBody(req, 1024 * 1024, () => {});
    res.end("ignored", () => discardUnread(req, body, 1024 * 1024));
    return;
  }
  const limit = 1024;
  const declared = declaredLength(req);
  if (declared !== undefined && !(declared <= limit)) return void refuse(req, res, "too-large", { limit });
  let refused = false;
  const body = limitedBody(req, limit, () => {
    refused = true;
    void refuse(req, res, "too-large", { limit, lingerMs: 200 });
  });
  text(body).then(
    (value) => {
      read.push(value);
      if (!refused) res.end(`read ${value.length}`);
    },
    () => read.push("error"),
  );
});
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Sends `chunks` (chunked unless `length` is given) and resolves at the response's headers. */
function send({
  chunks,
  length,
  headers = {},
}: {
  chunks: Buffer[];
  length?: number;
  headers?: Record<string, string>;
}) {
  return new Promise<{ status: number; body: string; headers: IncomingMessage["headers"]; ms: number }>(
    (resolve, reject) => {
      const started = Date.now();
      const req = httpRequest(`${origin}/`, {
        method: "POST",
        headers: { ...headers, ...(length !== undefined ? { "Content-Length": String(length) } : {}) },
      });
      req.on("response", (res) => {
        const ms = Date.now() - started;
        void text(res)
          .catch(() => "")
          .then((body) => resolve({ status: res.statusCode!, body, headers: res.headers, ms }));
      });
      req.on("error", reject);
      (async () => {
        for (const chunk of chunks) {
          if (!req.write(chunk)) await new Promise((r) => req.once("drain", r));
          if (req.destroyed) return;
        }
        req.end();
      })().catch(() => {});
    },
  );
}

test("a body under the limit reaches the reader whole", async () => {
  read = [];
  const ok = await send({ chunks: [Buffer.alloc(1000, "a")] });
  expect(ok.status).toBe(200);
  expect(ok.body).toBe("read 1000");
  const declared = await send({ chunks: [Buffer.alloc(1024, "a")], length: 1024 });
  expect(declared.body).toBe("read 1024");
});

test("a declared length over the limit is refused before a byte is read, translated, connection closed", async () => {
  read = [];
  const answer = await send({
    chunks: [Buffer.alloc(64 * 1024, "a")],
    length: 20 * 1024 * 1024,
    headers: { "Accept-Language": "fr-FR,fr;q=0.9" },
  });
  expect(answer.status).toBe(413);
  expect(answer.headers.connection).toBe("close");
  expect(answer.body).toContain('lang="fr"');
  expect(answer.body).toContain("L’envoi est trop volumineux");
  expect(read).toEqual([]);
});

test("a chunked body is stopped at the limit while it streams: 20 MB is answered fast and never read", async () => {
  read = [];
  const chunks = Array.from({ length: 320 }, () => Buffer.alloc(64 * 1024, "b")); // 20 MB
  const answer = await send({ chunks, headers: { "Accept-Language": "ar" } });
  expect(answer.status).toBe(413);
  expect(answer.ms).toBeLessThan(2000);
  expect(answer.headers.connection).toBe("close");
  expect(answer.body).toContain('dir="rtl"');
  await expect.poll(() => read).toEqual(["error"]);
});

test("a client that keeps sending after the refusal is cut off after a short linger, not read forever", async () => {
  const closed = await new Promise<{ status: number; ms: number }>((resolve, reject) => {
    const started = Date.now();
    let status = 0;
    const req = httpRequest(`${origin}/`, { method: "POST" });
    req.on("response", (res) => {
      status = res.statusCode!;
      res.resume();
    });
    req.on("error", () => {}); // the reset, expected
    req.on("close", () => resolve({ status, ms: Date.now() - started }));
    req.write(Buffer.alloc(2048, "c"));
    const drip = setInterval(() => {
      if (req.destroyed) return clearInterval(drip);
      req.write(Buffer.alloc(512, "d"));
    }, 20);
    setTimeout(() => reject(new Error("never cut off")), 5000).unref();
  });
  expect(closed.status).toBe(413);
  expect(closed.ms).toBeLessThan(2000);
});

test("a body the route did not read is discarded, so the kept-alive connection serves the next request", async () => {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const once = (method: string, path: string, payload?: Buffer) =>
    new Promise<{ status: number; reused: boolean; ms: number }>((resolve, reject) => {
      const started = Date.now();
      const req = httpRequest(`${origin}${path}`, { method, agent });
      req.on("response", (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode!, reused: req.reusedSocket, ms: Date.now() - started }));
      });
      req.on("error", reject);
      req.end(payload);
    });
  expect((await once("POST", "/ignore", Buffer.alloc(900 * 1024, "x"))).status).toBe(200);
  const next = await once("GET", "/");
  expect(next).toMatchObject({ status: 200, reused: true });
  expect(next.ms).toBeLessThan(1000);
  agent.destroy();
});
