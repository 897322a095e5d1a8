import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { AuthorNav } from "~/components/author-nav";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { CohortFields } from "~/components/cohort-fields";
import { useT } from "~/i18n/use-t";
import { requireEditableCourse } from "~/models/course-authoring.server";
import { getCohort, updateCohort } from "~/models/enrolments.server";
import { requireRole } from "~/utils/auth.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { pageTitle } from "~/utils/meta";
import { readFormData } from "~/utils/request.server";
import { CohortSchema } from "~/validation/enrolment";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "cohort.edit");

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : "");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "TRAINER", "ADMIN");
  const course = await requireEditableCourse({ slug: params.slug!, user });
  const cohort = await getCohort({ courseId: course.id, cohortId: params.id! });
  return {
    slug: course.slug,
    title: course.title,
    published: Boolean(course.currentRevisionId),
    cohort: {
      name: cohort.name,
      enrolmentOpensAt: day(cohort.enrolmentOpensAt),
      enrolmentClosesAt: day(cohort.enrolmentClosesAt),
      startsAt: day(cohort.startsAt),
      endsAt: day(cohort.endsAt),
      capacity: cohort.capacity ? String(cohort.capacity) : "",
      enrolmentKey: cohort.enrolmentKey ?? "",
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "TRAINER", "ADMIN");
  const course = await requireEditableCourse({ slug: params.slug!, user });
  const submission = parseWithZod(await readFormData(request), { schema: CohortSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const result = await updateCohort({ actor: user, courseId: course.id, cohortId: params.id!, input: submission.value });
  if (result.status === "name-taken") return data({ result: submission.reply({ fieldErrors: { name: ["validation.cohortName.taken"] } }) }, { status: 400 });
  return redirectWithFlash(`/author/${course.slug}/cohorts`, {
    type: "success",
    key: result.promoted ? "cohort.savedPromoted" : "cohort.saved",
    params: { count: result.promoted },
  });
}

export default function EditCohort() {
  const t = useT();
  const { slug, title, published, cohort } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "cohort-edit",
    lastResult: actionData?.result,
    constraint: getZodConstraint(CohortSchema),
    defaultValue: cohort,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CohortSchema }),
  });
  return (
    <section aria-labelledby="cohort-edit-title">
      <p className="breadcrumb">
        <Link to="/author">{t("author.title")}</Link> › <Link to={`/author/${slug}/cohorts`}>{title}</Link>
      </p>
      <h1 id="cohort-edit-title" dir="auto">
        {t("cohort.edit")}: {cohort.name}
      </h1>
      <AuthorNav slug={slug} published={published} />
      <Form method="post" {...getFormProps(form)} className="editor-form">
        <CohortFields fields={fields} />
        <button type="submit" className="button">
          {t("cohort.save")}
        </button>
      </Form>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
