/**
 * The web process: Express in front of the Remix build. It adds what every request
 * needs before Remix sees it: the Origin check on state-changing requests, security
 * headers with a per-request CSP nonce, compression, cache headers for fingerprinted
 * assets, and graceful shutdown.
 */
import "./app/utils/env-check.server"; // first: a bad configuration stops the server before anything connects
import { randomBytes } from "node:crypto";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { env, loadDotEnv } from "./app/utils/env.server";
import { isSameOriginRequest } from "./app/utils/origin.server";
import { runShutdown } from "./app/utils/shutdown.server";

loadDotEnv();
const config = env();

const build = (await import(new URL("./build/index.js", import.meta.url).href)) as ServerBuild;

const app = express();
app.disable("x-powered-by");
app.set("trust proxy", config.TRUST_PROXY);

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
    res.status(403).type("text/plain").send("403 Forbidden: this request did not come from Haidang's own pages.");
    return;
  }
  next();
});

app.use((_req, res, next) => {
  const nonce = randomBytes(16).toString("base64");
  res.locals.cspNonce = nonce;
  res.set({
    "Content-Security-Policy": [
      "default-src 'self'",
      `script-src 'self' 'nonce-${nonce}'`,
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "font-src 'self'",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join("; "),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
  });
  next();
});

app.use(compression());
app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
app.use(express.static("public", { maxAge: "1h" }));

app.all(
  "*",
  // eslint-disable-next-line @typescript-eslint/no-misused-promises -- the Remix handler catches its own errors and passes them to next()
  createRequestHandler({
    build,
    mode: build.mode,
    getLoadContext: (req, res) => ({
      cspNonce: res.locals.cspNonce as string,
      clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown",
    }),
  }),
);

// Last resort: never a stack trace in the response.
app.use((error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
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
