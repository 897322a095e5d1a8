import type { LoaderFunctionArgs } from "@remix-run/node";
import { currentStatusList } from "~/models/credentials.server";

/** The signed revocation list (W3C Bitstring Status List). Public; one list today. */
export async function loader({ params }: LoaderFunctionArgs) {
  if (params.list !== "1") throw new Response("Not found", { status: 404 });
  return Response.json(await currentStatusList(), {
    headers: { "Content-Type": "application/ld+json", "Cache-Control": "public, max-age=60" },
  });
}
