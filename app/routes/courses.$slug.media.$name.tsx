import type { LoaderFunctionArgs } from "@remix-run/node";
import { getCourseMedia } from "~/models/courses.server";

/** Course images. Content-addressed by ETag; SVG is sandboxed so it can never run script. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const media = await getCourseMedia({ slug: params.slug!, name: params.name! });
  if (!media) throw new Response("Not found", { status: 404 });
  const etag = `"${media.sha256.slice(0, 32)}"`;
  const headers = {
    "Content-Type": media.mime,
    ETag: etag,
    "Cache-Control": "public, max-age=86400",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    "X-Content-Type-Options": "nosniff",
  };
  if (request.headers.get("If-None-Match") === etag) return new Response(null, { status: 304, headers });
  return new Response(media.bytes, { headers });
}
