/** The assessment builder's action, shared by the "new" and "settings" routes: parse, save, redirect or explain. */
import type { Role } from "~/generated/prisma/enums";
import type { BuilderValues } from "~/components/assessment-builder";
import { messagesFor, translatorFor } from "~/i18n/catalogues.server";
import type { MessageKey } from "~/i18n/locales/en";
import { isLocale } from "~/i18n/i18n";
import { resolveLocale } from "~/i18n/locale.server";
import { builderContext, saveBrowserAssessment } from "~/models/question-bank.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { readFormData } from "~/utils/request.server";
import { AssessmentFormSchema, assessmentFormValues } from "~/validation/questions";

export async function saveAssessmentAction({
  request,
  course,
  user,
  existingSlug,
}: {
  request: Request;
  course: { id: string; slug: string; currentRevisionId: string | null; draft: unknown };
  user: { id: string; role: Role; locale?: string | null };
  existingSlug: string | null;
}): Promise<{ values: BuilderValues; errors: string[] }> {
  const locale = await resolveLocale(request, user.locale ? { locale: user.locale } : null);
  const messages = messagesFor(isLocale(locale) ? locale : "en");
  const t = translatorFor(isLocale(locale) ? locale : "en");
  const tKey = (key: string) => (key in messages ? t(key as MessageKey) : t("form.submitError"));
  const raw = assessmentFormValues(await readFormData(request));
  const values: BuilderValues = {
    title: String(raw.title),
    slug: existingSlug ?? String(raw.slug),
    attach: String(raw.attach),
    passMark: Number(raw.passMark) || 0,
    attempts: raw.attempts === "" ? null : Number(raw.attempts),
    timeLimit: raw.timeLimit === "" ? null : Number(raw.timeLimit),
    feedback: (["immediately", "after-last", "never"].includes(String(raw.feedback))
      ? raw.feedback
      : "after-last") as BuilderValues["feedback"],
    shuffle: raw.shuffle,
    perPage: Number(raw.perPage) || 5,
    fixed: raw.fixed,
    draws: Object.fromEntries(raw.draws.map((d) => [d.category, d.count])),
  };
  const parsed = AssessmentFormSchema.safeParse({ ...raw, slug: existingSlug ?? raw.slug });
  if (!parsed.success) {
    const errors = [
      ...new Set(
        parsed.error.issues.map((i) =>
          i.message.startsWith("assessments.")
            ? tKey(i.message)
            : t("assessments.form.error.field", { field: String(i.path[0]) }),
        ),
      ),
    ];
    return { values, errors };
  }
  const context = await builderContext({ course, locale });
  const result = await saveBrowserAssessment({
    courseId: course.id,
    existingSlug,
    input: parsed.data,
    moduleSlugs: context.modules.map((m) => m.slug),
    sourceLocale: context.sourceLocale,
  });
  if (result.status === "saved") {
    throw await redirectWithFlash(`/author/${course.slug}/assessments/${result.slug}`, {
      type: "success",
      key: "assessments.form.saved",
    });
  }
  const error =
    result.status === "bank-too-small"
      ? t("assessments.form.error.bank-too-small", {
          category: result.category || t("bank.topCategory"),
          available: result.available,
          wanted: result.wanted,
        })
      : tKey(`assessments.form.error.${result.status}`);
  return { values, errors: [error] };
}
