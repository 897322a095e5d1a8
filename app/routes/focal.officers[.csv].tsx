import type { LoaderFunctionArgs } from "@remix-run/node";
import { resolveLocale } from "~/i18n/locale.server";
import { recordAudit } from "~/models/audit.server";
import { agencyName } from "~/models/agencies.server";
import { focalOfficersCsv } from "~/models/focal.server";
import { focalScopeOf } from "~/models/focal-scope.server";
import { requireRole } from "~/utils/auth.server";
import { FocalOfficerFilterSchema } from "~/validation/agencies";

/** The focal point's officers (under the page's filter), one row per enrolment, as CSV. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const focal = await requireRole(request, "FOCAL_POINT");
  const locale = await resolveLocale(request, focal);
  const scope = await focalScopeOf(focal.id);
  const { page: _page, ...filter } = FocalOfficerFilterSchema.parse(
    Object.fromEntries(new URL(request.url).searchParams),
  );
  const csv = await focalOfficersCsv({ scope, filter, agencyLabel: (a) => agencyName(a, locale) });
  await recordAudit({
    actorId: focal.id,
    action: "export.focal-officers-csv",
    detail: { ...filter },
    ip: context.clientIp,
  });
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="officers.csv"',
      "Cache-Control": "no-store",
    },
  });
}
