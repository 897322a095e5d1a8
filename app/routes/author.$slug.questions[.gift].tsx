import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireEditableCourse } from "~/models/course-authoring.server";
import { exportBankGift } from "~/models/question-bank.server";
import { requireRole } from "~/utils/auth.server";

/** The course's question bank as a GIFT file (optionally one category: ?category=Evidence). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "TRAINER", "ADMIN");
  const course = await requireEditableCourse({ slug: params.slug!, user });
  const category = new URL(request.url).searchParams.get("category");
  const gift = await exportBankGift({ courseId: course.id, category });
  return new Response(gift, {
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "Content-Disposition": `attachment; filename="${course.slug}-questions.gift"`,
      "Cache-Control": "private, no-store",
    },
  });
}
