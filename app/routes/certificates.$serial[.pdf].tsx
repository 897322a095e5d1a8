import type { LoaderFunctionArgs } from "@remix-run/node";
import { certificateDownload } from "~/models/certificates.server";
import { requireUser } from "~/utils/auth.server";

/** The PDF, for its holder and administrators only. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const serial = params.serial!.toUpperCase();
  const { pdf } = await certificateDownload({ serial, viewer: user });
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${serial}.pdf"`,
      "Cache-Control": "private, no-store",
    },
  });
}
