import type { LoaderFunctionArgs } from "@remix-run/node";
import { resolveLocale } from "~/i18n/locale.server";
import { requireEditableCourse } from "~/models/course-authoring.server";
import { progressCsv, progressGrid } from "~/models/progress.server";
import { recordAudit } from "~/models/audit.server";
import { requireRole } from "~/utils/auth.server";

/** The progress grid as a spreadsheet-ready CSV (same authorisation as the grid). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, "TRAINER", "ADMIN");
  const course = await requireEditableCourse({ slug: params.slug!, user });
  const cohortId = new URL(request.url).searchParams.get("cohort");
  const grid = await progressGrid({ courseId: course.id, cohortId, locale: await resolveLocale(request, user) });
  // Personal data leaving the platform: who took it, of which course.
  await recordAudit({
    actorId: user.id,
    action: "export.progress-csv",
    detail: { course: course.slug, cohortId },
    ip: context.clientIp,
  });
  return new Response(progressCsv(grid), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${course.slug}-progress.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
