import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { AuthorNav } from "~/components/author-nav";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { CohortFields } from "~/components/cohort-fields";
import { FieldErrors, withoutKey } from "~/components/forms";
import { useT } from "~/i18n/use-t";
import { requireEditableCourse } from "~/models/course-authoring.server";
import { cohortPeople, deleteCohort, getCohort, updateCohort } from "~/models/enrolments.server";
import { requireRole } from "~/utils/auth.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { pageTitle } from "~/utils/meta";
import { readFormData } from "~/utils/request.server";
import { CohortSchema, DeleteCohortSchema } from "~/validation/enrolment";
import { Breadcrumbs } from "~/components/breadcrumbs";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "cohort.edit");

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : "");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "TRAINER", "ADMIN");
  const course = await requireEditableCourse({ slug: params.slug!, user });
  const cohort = await getCohort({ courseId: course.id, cohortId: params.id! });
  return {
    people: await cohortPeople({ courseId: course.id, cohortId: cohort.id }),
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
      quotaPerCountry: cohort.quotaPerCountry ? String(cohort.quotaPerCountry) : "",
      quotaPerAgency: cohort.quotaPerAgency ? String(cohort.quotaPerAgency) : "",
      quotasEndAt: day(cohort.quotasEndAt),
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "TRAINER", "ADMIN");
  const course = await requireEditableCourse({ slug: params.slug!, user });
  const formData = await readFormData(request);
  if (formData.get("intent") === "delete") {
    const submission = parseWithZod(formData, { schema: DeleteCohortSchema });
    if (submission.status !== "success")
      return data({ intent: "delete" as const, result: submission.reply(), hasPeople: null }, { status: 400 });
    const deleted = await deleteCohort({ actor: user, courseId: course.id, cohortId: params.id! });
    if (deleted.status === "has-people")
      return data({ intent: "delete" as const, result: submission.reply(), hasPeople: deleted.count }, { status: 409 });
    return redirectWithFlash(`/author/${course.slug}/cohorts`, {
      type: "success",
      key: "cohort.deleted",
      params: { name: deleted.name },
    });
  }
  const submission = parseWithZod(formData, { schema: CohortSchema });
  if (submission.status !== "success")
    return data({ intent: "edit" as const, result: submission.reply(), hasPeople: null }, { status: 400 });
  const result = await updateCohort({
    actor: user,
    courseId: course.id,
    cohortId: params.id!,
    input: submission.value,
  });
  if (result.status === "name-taken") {
    return data(
      {
        intent: "edit" as const,
        result: submission.reply({ fieldErrors: { name: ["validation.cohortName.taken"] } }),
        hasPeople: null,
      },
      { status: 400 },
    );
  }
  return redirectWithFlash(`/author/${course.slug}/cohorts`, {
    type: "success",
    key: result.promoted ? "cohort.savedPromoted" : "cohort.saved",
    params: { count: result.promoted },
  });
}

export default function EditCohort() {
  const t = useT();
  const { slug, title, published, cohort, people } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "cohort-edit",
    lastResult: actionData?.intent === "edit" ? actionData.result : undefined,
    constraint: getZodConstraint(CohortSchema),
    defaultValue: cohort,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CohortSchema }),
  });
  const [deleteForm, deleteFields] = useForm({
    id: "cohort-delete",
    lastResult: actionData?.intent === "delete" ? actionData.result : undefined,
    constraint: getZodConstraint(DeleteCohortSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: DeleteCohortSchema }),
  });
  const stillHeld = actionData?.hasPeople ?? people.count;
  return (
    <section aria-labelledby="cohort-edit-title">
      <Breadcrumbs
        items={[
          { label: t("author.title"), to: "/author" },
          { label: title, to: `/author/${slug}` },
          { label: t("author.tab.cohorts"), to: `/author/${slug}/cohorts` },
          { label: cohort.name },
        ]}
      />
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
      <section aria-labelledby="cohort-delete-title">
        <h2 id="cohort-delete-title">{t("cohort.delete.title")}</h2>
        {stillHeld ? (
          <>
            <p className="form-errors" role={actionData?.hasPeople ? "alert" : undefined}>
              {t("cohort.delete.hasPeople", { count: stillHeld })}
            </p>
            <h3>{t("cohort.delete.people")}</h3>
            <ul>
              {people.people.map((p) => (
                <li key={p.id}>
                  <Link to={`/author/${slug}/enrolments/${p.id}`} dir="auto">
                    {p.name}
                  </Link>{" "}
                  · {t(`enrolmentStatus.${p.status}`)}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <Form method="post" {...getFormProps(deleteForm)} className="editor-form">
            <input type="hidden" name="intent" value="delete" />
            <p>{t("cohort.delete.intro")}</p>
            <div className="field checkbox">
              <input {...withoutKey(getInputProps(deleteFields.confirm, { type: "checkbox" }))} />
              <label htmlFor={deleteFields.confirm.id}>{t("cohort.delete.confirm")}</label>
            </div>
            <FieldErrors id={deleteFields.confirm.errorId} errors={deleteFields.confirm.errors} />
            <button type="submit" className="button danger">
              {t("cohort.delete.submit")}
            </button>
          </Form>
        )}
      </section>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
