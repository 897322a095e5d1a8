import type { LoaderFunctionArgs } from "@remix-run/node";
import { batchZip } from "~/models/certificates.server";
import { requireRole } from "~/utils/auth.server";

/** Every ready PDF of a batch in one ZIP. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "ADMIN");
  const zip = await batchZip({ batchId: params.id! });
  return new Response(zip, {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="certificates-${params.id!.slice(0, 8)}.zip"`,
      "Cache-Control": "private, no-store",
    },
  });
}
