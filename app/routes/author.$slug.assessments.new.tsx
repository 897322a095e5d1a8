import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { AssessmentBuilder } from "~/components/assessment-builder";
import { AuthorNav } from "~/components/author-nav";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { resolveLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/use-t";
import { requireEditableCourse } from "~/models/course-authoring.server";
import { builderContext } from "~/models/question-bank.server";
import { requireRole } from "~/utils/auth.server";
import { saveAssessmentAction } from "~/actions/save-assessment.server";
import { pageTitle } from "~/utils/meta";
import { Breadcrumbs } from "~/components/breadcrumbs";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "assessments.form.newTitle");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "TRAINER", "ADMIN");
  const course = await requireEditableCourse({ slug: params.slug!, user });
  const context = await builderContext({ course, locale: await resolveLocale(request, user) });
  return {
    slug: course.slug,
    title: course.title,
    published: Boolean(course.currentRevisionId),
    modules: context.modules,
    bank: context.bank,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "TRAINER", "ADMIN");
  const course = await requireEditableCourse({ slug: params.slug!, user });
  const result = await saveAssessmentAction({ request, course, user, existingSlug: null });
  return data(result, { status: 400 });
}

export default function NewAssessment() {
  const t = useT();
  const { slug, title, published, modules, bank } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const values = actionData?.values ?? {
    title: "",
    slug: "",
    attach: "practice",
    passMark: 70,
    attempts: null,
    timeLimit: null,
    feedback: "after-last" as const,
    shuffle: true,
    perPage: 5,
    fixed: [],
    draws: {},
  };
  return (
    <section aria-labelledby="new-assessment-title">
      <Breadcrumbs
        items={[
          { label: t("author.title"), to: "/author" },
          { label: title, to: `/author/${slug}` },
          { label: t("author.tab.assessments"), to: `/author/${slug}/assessments` },
          { label: t("assessments.form.newTitle") },
        ]}
      />
      <h1 dir="auto">{title}</h1>
      <AuthorNav slug={slug} published={published} />
      <h2 id="new-assessment-title">{t("assessments.form.newTitle")}</h2>
      <AssessmentBuilder
        key={JSON.stringify(actionData?.errors ?? [])}
        values={values}
        isNew
        modules={modules}
        bank={bank}
        errors={actionData?.errors ?? []}
        readOnly={false}
      />
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
