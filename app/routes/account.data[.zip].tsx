import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { exportAccountData } from "~/models/account.server";
import { requireUser } from "~/utils/auth.server";

/** GET has nothing to give: the download is a POST (it is audited, and must not be prefetched). */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return new Response(null, { status: 405, headers: { Allow: "POST" } });
}

/** One ZIP of everything the platform holds about the signed-in person. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const zip = await exportAccountData({ userId: user.id, ip: context.clientIp });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(zip, {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="haidang-my-data-${day}.zip"`,
      "Cache-Control": "private, no-store",
    },
  });
}
