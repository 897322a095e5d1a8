import type { LoaderFunctionArgs } from "@remix-run/node";
import { auditCsv, recordAudit } from "~/models/audit.server";
import { requireRole } from "~/utils/auth.server";
import { AuditFilterSchema } from "~/validation/admin";

/** The audit trail under the page's current filter, as CSV (formula-guarded cells). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "ADMIN");
  const { page: _page, ...filter } = AuditFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const csv = await auditCsv(filter);
  await recordAudit({ actorId: admin.id, action: "export.audit-csv", detail: { ...filter }, ip: context.clientIp });
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="audit.csv"',
      "Cache-Control": "no-store",
    },
  });
}
