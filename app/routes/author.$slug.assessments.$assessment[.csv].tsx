import type { LoaderFunctionArgs } from "@remix-run/node";
import { attemptsReport, getAssessment } from "~/models/assessments.server";
import { requireEditableCourse } from "~/models/course-authoring.server";
import { recordAudit } from "~/models/audit.server";
import { requireRole } from "~/utils/auth.server";
import { writeCsv } from "~/utils/csv";

/** Every attempt at one assessment, for a spreadsheet (same authorisation as the report). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, "TRAINER", "ADMIN");
  const course = await requireEditableCourse({ slug: params.slug!, user });
  const assessment = await getAssessment({ courseSlug: course.slug, slug: params.assessment!, locale: "en" });
  const attempts = await attemptsReport({ assessmentId: assessment.id });
  const header = [
    "name",
    "email",
    "agency",
    "country",
    "attempt",
    "status",
    "started_at",
    "submitted_at",
    "closed_by",
    "points",
    "max_points",
    "percent",
    "passed",
  ];
  const rows = attempts.map((a) => [
    a.user.name,
    a.user.email,
    a.user.agency ?? "",
    a.user.country ?? "",
    String(a.number),
    a.status,
    a.startedAt.toISOString(),
    a.submittedAt?.toISOString() ?? "",
    a.closedBy ?? "",
    a.points?.toString() ?? "",
    a.maxPoints?.toString() ?? "",
    a.percent?.toString() ?? "",
    a.passed === null ? "" : a.passed ? "yes" : "no",
  ]);
  // Personal data leaving the platform: who took it, of which assessment.
  await recordAudit({
    actorId: user.id,
    action: "export.attempts-csv",
    detail: { course: course.slug, assessment: assessment.slug, rows: rows.length },
    ip: context.clientIp,
  });
  return new Response(writeCsv([header, ...rows]), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${course.slug}-${assessment.slug}-attempts.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
