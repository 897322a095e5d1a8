import type { LoaderFunctionArgs } from "@remix-run/node";
import { getCourseMedia } from "~/models/courses.server";

/** RFC 6266 filename: an ASCII fallback and the exact UTF-8 name. */
function attachment(name: string) {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * Course images and PDF handouts (decision 024). Content-addressed by ETag; SVG is sandboxed
 * so it can never run script; PDFs download under their own name.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const version = new URL(request.url).searchParams.get("v");
  const media = await getCourseMedia({ slug: params.slug!, name: params.name!, version });
  if (!media) throw new Response("Not found", { status: 404 });
  const etag = `"${media.sha256.slice(0, 32)}"`;
  const headers: Record<string, string> = {
    "Content-Type": media.mime,
    ETag: etag,
    "Cache-Control": "public, max-age=86400",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    "X-Content-Type-Options": "nosniff",
  };
  if (media.kind === "pdf") headers["Content-Disposition"] = attachment(media.name);
  if (request.headers.get("If-None-Match") === etag) return new Response(null, { status: 304, headers });
  return new Response(media.bytes, { headers });
}
