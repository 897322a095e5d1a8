import type { LoaderFunctionArgs } from "@remix-run/node";
import { namePreviewSvg } from "~/models/account.server";
import { requireUser } from "~/utils/auth.server";

/** The signed-in person's saved name drawn as their certificate would print it (glyph outlines only). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const svg = await namePreviewSvg({ userId: user.id });
  return new Response(svg, {
    headers: {
      "Content-Type": "image/svg+xml; charset=utf-8",
      "Cache-Control": "private, max-age=3600",
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
