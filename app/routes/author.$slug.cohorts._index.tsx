import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { AuthorNav } from "~/components/author-nav";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { CohortFields } from "~/components/cohort-fields";
import { formatDate } from "~/i18n/format.server";
import { resolveLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/use-t";
import { requireEditableCourse } from "~/models/course-authoring.server";
import { createCohort, listCohorts } from "~/models/enrolments.server";
import { requireRole } from "~/utils/auth.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { pageTitle } from "~/utils/meta";
import { readFormData } from "~/utils/request.server";
import { CohortSchema } from "~/validation/enrolment";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { TableScroll } from "~/components/table-scroll";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "author.tab.cohorts");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "TRAINER", "ADMIN");
  const course = await requireEditableCourse({ slug: params.slug!, user });
  const locale = await resolveLocale(request, user);
  const cohorts = await listCohorts({ courseId: course.id });
  return {
    slug: course.slug,
    title: course.title,
    published: Boolean(course.currentRevisionId),
    cohorts: cohorts.map((c) => ({
      id: c.id,
      name: c.name,
      window: c.window,
      enrolment: `${formatDate(c.enrolmentOpensAt, locale) || "…"} – ${formatDate(c.enrolmentClosesAt, locale) || "…"}`,
      runs: `${formatDate(c.startsAt, locale) || "…"} – ${formatDate(c.endsAt, locale) || "…"}`,
      capacity: c.capacity,
      key: c.enrolmentKey,
      taken: c.taken,
      waiting: c.waiting,
      pending: c.pending,
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "TRAINER", "ADMIN");
  const course = await requireEditableCourse({ slug: params.slug!, user });
  const submission = parseWithZod(await readFormData(request), { schema: CohortSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const result = await createCohort({ actor: user, courseId: course.id, input: submission.value });
  if (result.status === "name-taken") {
    return data(
      { result: submission.reply({ fieldErrors: { name: ["validation.cohortName.taken"] } }) },
      { status: 400 },
    );
  }
  return redirectWithFlash(`/author/${course.slug}/cohorts`, { type: "success", key: "cohort.created" });
}

export default function Cohorts() {
  const t = useT();
  const { slug, title, published, cohorts } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "cohort",
    lastResult: actionData?.result,
    constraint: getZodConstraint(CohortSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CohortSchema }),
  });
  return (
    <section aria-labelledby="cohorts-title">
      <Breadcrumbs
        items={[
          { label: t("author.title"), to: "/author" },
          { label: title, to: `/author/${slug}` },
          { label: t("author.tab.cohorts") },
        ]}
      />
      <h1 id="cohorts-title" dir="auto">
        {title}
      </h1>
      <AuthorNav slug={slug} published={published} />
      <h2>{t("author.tab.cohorts")}</h2>
      {cohorts.length === 0 ? (
        <p>{t("cohort.none")}</p>
      ) : (
        <TableScroll label={t("author.tab.cohorts")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("cohort.name")}</th>
                <th scope="col">{t("cohort.enrolmentWindow")}</th>
                <th scope="col">{t("cohort.runs")}</th>
                <th scope="col">{t("cohort.places")}</th>
                <th scope="col">{t("cohort.waiting")}</th>
                <th scope="col">{t("cohort.pending")}</th>
                <th scope="col">{t("cohort.key")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("cohort.edit")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {cohorts.map((c) => (
                <tr key={c.id}>
                  <th scope="row" dir="auto">
                    <Link to={`/author/${slug}/progress?cohort=${c.id}`}>{c.name}</Link>
                  </th>
                  <td>
                    {c.enrolment} <span className="muted">({t(`cohort.window.${c.window}`)})</span>
                  </td>
                  <td>{c.runs}</td>
                  <td>{c.capacity ? `${c.taken} / ${c.capacity}` : c.taken}</td>
                  <td>{c.waiting}</td>
                  <td>{c.pending ? <Link to={`/author/${slug}/applications`}>{c.pending}</Link> : 0}</td>
                  <td>
                    <code>{c.key ?? "—"}</code>
                  </td>
                  <td>
                    <Link to={`/author/${slug}/cohorts/${c.id}`} aria-label={`${t("cohort.edit")}: ${c.name}`}>
                      {t("cohort.edit")}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <h2>{t("cohort.new")}</h2>
      {/* Keyed by the number of cohorts: after a creation the form starts empty again. */}
      <Form method="post" {...getFormProps(form)} key={cohorts.length} className="editor-form">
        <CohortFields fields={fields} />
        <button type="submit" className="button">
          {t("cohort.create")}
        </button>
      </Form>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
