/**
 * The web process: Express in front of the Remix build. It adds what every request
 * needs before Remix sees it, in this order: security headers with a per-request CSP nonce
 * (so the refusals below carry them too), a 400 for a request target that cannot be decoded
 * or holds a NUL byte, the Origin check on state-changing requests (403), the body size
 * limit (413), compression, cache headers for fingerprinted assets, and graceful shutdown.
 */
import "./app/utils/env-check.server"; // first: a bad configuration stops the server before anything connects
import { randomBytes } from "node:crypto";
import type { Transform } from "node:stream";
import {
  createReadableStreamFromReadable,
  createRequestHandler,
  writeReadableStreamToWritable,
  type ServerBuild,
} from "@remix-run/node";
import compression from "compression";
import express from "express";
import { bodyLimitFor, declaredLength, discardUnread, hasBody, limitedBody } from "./app/utils/body-limit.server";
import { env, loadDotEnv } from "./app/utils/env.server";
import { isSameOriginRequest } from "./app/utils/origin.server";
import { refuse } from "./app/utils/refusal.server";
import { isAcceptableRequestTarget } from "./app/utils/request-guard.server";
import { securityHeaders } from "./app/utils/security-headers.server";
import { runShutdown } from "./app/utils/shutdown.server";

loadDotEnv();
const config = env();
const limits = { default: config.BODY_LIMIT_DEFAULT, upload: config.BODY_LIMIT_UPLOAD };

const build = (await import(new URL("./build/index.js", import.meta.url).href)) as ServerBuild;

const app = express();
app.disable("x-powered-by");
app.set("trust proxy", config.TRUST_PROXY);

app.use((_req, res, next) => {
  const nonce = randomBytes(16).toString("base64");
  res.locals.cspNonce = nonce;
  res.set(securityHeaders({ nonce, appUrl: config.APP_URL }));
  next();
});

app.use((req, res, next) => {
  if (!isAcceptableRequestTarget(req.originalUrl)) return void refuse(req, res, "bad-input");
  next();
});

app.use((req, res, next) => {
  if (
    !isSameOriginRequest({
      method: req.method,
      origin: req.get("origin"),
      referer: req.get("referer"),
      host: req.get("host"),
      appUrl: config.APP_URL,
    })
  ) {
    return void refuse(req, res, "cross-origin");
  }
  next();
});

app.use((req, res, next) => {
  if (req.method === "GET" || req.method === "HEAD" || !hasBody(req)) return next();
  const limit = bodyLimitFor(req.path, limits);
  const declared = declaredLength(req);
  if (declared !== undefined && !(declared <= limit)) return void refuse(req, res, "too-large", { limit });
  res.locals.body = limitedBody(req, limit, () => {
    res.locals.refused = true;
    void refuse(req, res, "too-large", { limit });
  });
  next();
});

app.use(compression());
app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
app.use(express.static("public", { maxAge: "1h" }));

const handleRequest = createRequestHandler(build, build.mode);

/**
 * Remix's own request adapter, with two differences: the body is the size-limited stream from
 * above, and the Origin header is not passed on. The Origin was checked above (403 otherwise);
 * Remix would check it again against X-Forwarded-Host or Host and throw (a 500) when they differ,
 * which a proxy that rewrites Host causes on every form, and so does "Origin: null".
 */
async function remix(req: express.Request, res: express.Response, next: express.NextFunction) {
  try {
    let url: URL;
    try {
      const forwardedPort = req.get("x-forwarded-host")?.split(":")[1];
      const hostPort = req.get("host")?.split(":")[1];
      const port = (config.TRUST_PROXY && forwardedPort) || hostPort;
      url = new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`);
    } catch {
      return void refuse(req, res, "bad-input");
    }
    const headers = new Headers();
    for (const [key, value] of Object.entries(req.headers)) {
      if (key === "origin" || value === undefined) continue;
      for (const one of Array.isArray(value) ? value : [value]) headers.append(key, one);
    }
    const controller = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished) controller.abort();
    });
    const body = res.locals.body as Transform | undefined;
    const request = new Request(url.href, {
      method: req.method,
      headers,
      signal: controller.signal,
      ...(body && req.method !== "GET" && req.method !== "HEAD"
        ? { body: createReadableStreamFromReadable(body), duplex: "half" }
        : {}),
    } as RequestInit);
    const response = await handleRequest(request, {
      cspNonce: res.locals.cspNonce as string,
      clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown",
    });
    // The body passed its limit while Remix was reading it: the 413 has been (or is being) sent.
    if (res.locals.refused || res.headersSent) return;
    res.statusMessage = response.statusText;
    res.status(response.status);
    for (const [key, value] of response.headers.entries()) res.append(key, value);
    if (response.body) await writeReadableStreamToWritable(response.body, res);
    else res.end();
    if (body) discardUnread(req, body, bodyLimitFor(req.path, limits));
  } catch (error) {
    next(error);
  }
}
app.all("*", (req, res, next) => void remix(req, res, next));

// Last resort: never a stack trace in the response.
app.use((error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
  if (res.locals.refused) return;
  console.error(error);
  if (!res.headersSent) res.status(500).type("text/plain").send("500 Internal Server Error");
});

const server = app.listen(config.PORT, () => {
  console.log(`web ready on ${config.APP_URL} (port ${config.PORT})`);
});

let stopping = false;
function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`web: ${signal} received, closing`);
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  server.close(() => void runShutdown().then(() => process.exit(0)));
  server.closeIdleConnections();
}
process.on("SIGTERM", () => stop("SIGTERM"));
process.on("SIGINT", () => stop("SIGINT"));
