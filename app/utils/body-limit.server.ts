/**
 * Every request body has a size limit, enforced by server.ts before Remix reads a byte:
 * a small default (forms) and a larger one on the few routes that take files or long
 * Markdown. A declared Content-Length over the limit is refused at once; a chunked body is
 * counted as it streams and refused the moment it passes the limit. Nothing is buffered here:
 * Remix reads the counted stream, and the refusal (413) closes the connection.
 */
import type { IncomingMessage } from "node:http";
import { Transform, type Writable } from "node:stream";

export type BodyLimits = {
  /** Forms: BODY_LIMIT_DEFAULT. */
  default: number;
  /** File uploads and long Markdown: BODY_LIMIT_UPLOAD. */
  upload: number;
};

/**
 * Routes that need the larger limit. Each route also accepts its `.data` twin (single fetch
 * posts there when JavaScript runs) and a trailing slash.
 * - /admin/enrolments: the bulk-enrolment CSV (up to 2 MB, MAX_CSV_BYTES)
 * - /author/<course>/questions: a GIFT or Aiken file or pasted text (up to 2 MB of text)
 * - /author/<course>/media: an image (up to 2 MB) or a PDF handout (up to 5 MB)
 * - /verify and /verify/<serial>: a credential file or pasted credential (up to 256 KB)
 * - /author/<course>, its modules, translations and the live preview: Markdown of up to
 *   200,000 characters, which percent-encoding can make 1.8 MB in a form
 */
export const UPLOAD_ROUTES: RegExp[] = [
  /^\/admin\/enrolments$/,
  /^\/focal\/nominations\/csv$/,
  /^\/admin\/agencies\/import$/,
  /^\/author\/[^/]+\/questions$/,
  /^\/author\/[^/]+\/media$/,
  /^\/verify$/,
  /^\/verify\/[^/]+$/,
  /^\/author\/[^/]+$/,
  /^\/author\/[^/]+\/modules\/[^/]+$/,
  /^\/author\/[^/]+\/translations$/,
  /^\/author\/[^/]+\/preview$/,
];

export function bodyLimitFor(pathname: string, limits: BodyLimits): number {
  const route = pathname.replace(/\.data$/, "").replace(/(.)\/+$/, "$1");
  return UPLOAD_ROUTES.some((pattern) => pattern.test(route)) ? limits.upload : limits.default;
}

/** The declared length, or undefined for a chunked body (or none). NaN when it is not a number. */
export function declaredLength(req: IncomingMessage): number | undefined {
  const header = req.headers["content-length"];
  if (header === undefined) return undefined;
  return /^\d+$/.test(header) ? Number(header) : Number.NaN;
}

export function hasBody(req: IncomingMessage) {
  return req.headers["transfer-encoding"] !== undefined || (declaredLength(req) ?? 0) > 0;
}

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`request body over ${limit} bytes`);
  }
}

/**
 * The request body as a stream that passes at most `limit` bytes: one more and `onTooLarge`
 * runs (once), the request is unpiped and the stream ends with a BodyTooLargeError, so
 * whoever reads it stops there.
 */
export function limitedBody(req: IncomingMessage, limit: number, onTooLarge: () => void) {
  let seen = 0;
  let over = false;
  const counted = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (over) return callback();
      seen += chunk.length;
      if (seen > limit) {
        over = true;
        req.unpipe(counted);
        onTooLarge();
        return callback(new BodyTooLargeError(limit));
      }
      callback(null, chunk);
    },
  });
  req.on("error", (error) => counted.destroy(error));
  req.on("aborted", () => counted.destroy(new Error("request aborted")));
  req.pipe(counted);
  return counted;
}

/**
 * After the response, whatever the route did not read (an action that redirected first, a
 * route with no action) is discarded as it arrives, never buffered, so the connection can
 * serve its next request; past `limit` more bytes the connection is closed instead.
 */
export function discardUnread(req: IncomingMessage, body: Writable, limit: number) {
  if (req.readableEnded || req.destroyed) return;
  req.unpipe(body);
  let seen = 0;
  req.on("data", (chunk: Buffer) => {
    seen += chunk.length;
    if (seen > limit) req.socket.destroy();
  });
  req.resume();
}
