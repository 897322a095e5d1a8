import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { AssessmentBuilder } from "~/components/assessment-builder";
import { AuthorNav } from "~/components/author-nav";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { resolveLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/use-t";
import { requireEditableCourse } from "~/models/course-authoring.server";
import { assessmentForEditing, builderContext } from "~/models/question-bank.server";
import { requireRole } from "~/utils/auth.server";
import { saveAssessmentAction } from "~/actions/save-assessment.server";
import { pageTitle } from "~/utils/meta";
import { Breadcrumbs } from "~/components/breadcrumbs";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "assessments.form.settings");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "TRAINER", "ADMIN");
  const course = await requireEditableCourse({ slug: params.slug!, user });
  const context = await builderContext({ course, locale: await resolveLocale(request, user) });
  const assessment = await assessmentForEditing({ courseId: course.id, slug: params.assessment! });
  return {
    slug: course.slug,
    title: course.title,
    published: Boolean(course.currentRevisionId),
    modules: context.modules,
    bank: context.bank,
    assessment,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "TRAINER", "ADMIN");
  const course = await requireEditableCourse({ slug: params.slug!, user });
  const result = await saveAssessmentAction({ request, course, user, existingSlug: params.assessment! });
  return data(result, { status: 400 });
}

export default function AssessmentSettings() {
  const t = useT();
  const { slug, title, published, modules, bank, assessment } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const fromFiles = assessment.origin === "file";
  return (
    <section aria-labelledby="settings-title">
      <Breadcrumbs
        items={[
          { label: t("author.title"), to: "/author" },
          { label: title, to: `/author/${slug}` },
          { label: t("author.tab.assessments"), to: `/author/${slug}/assessments` },
          { label: assessment.title, to: `/author/${slug}/assessments/${assessment.slug}` },
          { label: t("assessments.form.settings") },
        ]}
      />
      <h1 dir="auto">{title}</h1>
      <AuthorNav slug={slug} published={published} />
      <h2 id="settings-title">{t("assessments.form.settings")}</h2>
      {fromFiles ? (
        <p className="note-banner">{t("assessments.form.fromFiles", { file: `assessments/${assessment.slug}.yml` })}</p>
      ) : null}
      <AssessmentBuilder
        key={JSON.stringify(actionData?.errors ?? [])}
        values={actionData?.values ?? assessment}
        isNew={false}
        modules={modules}
        bank={bank}
        errors={actionData?.errors ?? []}
        readOnly={fromFiles}
      />
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
