import type { ActionFunctionArgs } from "@remix-run/node";
import { previewMarkdown, requireEditableCourse } from "~/models/course-authoring.server";
import { requireRole } from "~/utils/auth.server";
import { parseForm, replyWithErrors } from "~/utils/forms.server";
import { PreviewSchema } from "~/validation/courses";

/** Live preview for the module editor (JavaScript only; the editor's Preview button covers no-JS). */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "TRAINER", "ADMIN");
  const course = await requireEditableCourse({ slug: params.slug!, user });
  const submission = await parseForm(request, PreviewSchema);
  if (submission.status !== "success") return replyWithErrors(submission);
  return previewMarkdown({ course, markdown: submission.value.markdown });
}
