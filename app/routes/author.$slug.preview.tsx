import type { ActionFunctionArgs } from "@remix-run/node";
import { previewMarkdown, requireEditableCourse } from "~/models/course-authoring.server";
import { requireRole } from "~/utils/auth.server";
import { readFormData } from "~/utils/request.server";

/** Live preview for the module editor (JavaScript only; the editor's Preview button covers no-JS). */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "TRAINER", "ADMIN");
  const course = await requireEditableCourse({ slug: params.slug!, user });
  const markdown = String((await readFormData(request)).get("markdown") ?? "").slice(0, 200_001);
  return previewMarkdown({ course, markdown });
}
