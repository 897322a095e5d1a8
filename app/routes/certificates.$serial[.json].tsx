import type { LoaderFunctionArgs } from "@remix-run/node";
import { certificateDownload } from "~/models/certificates.server";
import { requireUser } from "~/utils/auth.server";

/** The signed Open Badges 3.0 credential, for its holder and administrators only. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const serial = params.serial!.toUpperCase();
  const { credential } = await certificateDownload({ serial, viewer: user });
  return new Response(JSON.stringify(credential, null, 2), {
    headers: {
      "Content-Type": "application/ld+json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${serial}.credential.json"`,
      "Cache-Control": "private, no-store",
    },
  });
}
