import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SelectField, TextField } from "~/components/forms";
import { formatDate } from "~/i18n/format.server";
import { resolveLocale } from "~/i18n/locale.server";
import { useLanguageName, useT } from "~/i18n/use-t";
import { createCourse, listEditableCourses } from "~/models/course-authoring.server";
import { requireRole } from "~/utils/auth.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { CONTENT_LANGUAGES } from "~/utils/languages";
import { pageTitle } from "~/utils/meta";
import { readFormData } from "~/utils/request.server";
import { NewCourseSchema } from "~/validation/courses";
import { TableScroll } from "~/components/table-scroll";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "author.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "TRAINER", "ADMIN");
  const locale = await resolveLocale(request, user);
  const courses = await listEditableCourses({ user });
  return { courses: courses.map((c) => ({ ...c, publishedOn: formatDate(c.publishedAt, locale) })) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "TRAINER", "ADMIN");
  const submission = parseWithZod(await readFormData(request), { schema: NewCourseSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const result = await createCourse({ user, input: submission.value });
  if (result.status === "slug-taken") {
    return data({ result: submission.reply({ fieldErrors: { slug: ["validation.slug.taken"] } }) }, { status: 400 });
  }
  return redirectWithFlash(`/author/${submission.value.slug}`, { type: "success", key: "author.created" });
}

export default function AuthorIndex() {
  const t = useT();
  const languageName = useLanguageName();
  const { courses } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "new-course",
    lastResult: actionData?.result,
    constraint: getZodConstraint(NewCourseSchema),
    defaultValue: { sourceLocale: "en" },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NewCourseSchema }),
  });
  return (
    <section aria-labelledby="author-title">
      <h1 id="author-title">{t("author.title")}</h1>
      {courses.length === 0 ? (
        <p>{t("author.none")}</p>
      ) : (
        <TableScroll label={t("author.title")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("author.course")}</th>
                <th scope="col">{t("course.languages")}</th>
                <th scope="col">{t("author.published")}</th>
                <th scope="col">{t("author.draft")}</th>
              </tr>
            </thead>
            <tbody>
              {courses.map((c) => (
                <tr key={c.slug}>
                  <th scope="row">
                    <Link to={`/author/${c.slug}`} dir="auto">
                      {c.title}
                    </Link>
                  </th>
                  <td>{c.languages.map((l) => languageName(l)).join(", ")}</td>
                  <td>
                    {c.revision
                      ? t("author.revisionOn", { revision: c.revision, date: c.publishedOn })
                      : t("author.neverPublished")}
                  </td>
                  <td>{c.hasDraft ? t("author.unpublishedChanges") : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <h2>{t("author.new")}</h2>
      <Form method="post" {...getFormProps(form)} className="narrow">
        <TextField field={fields.title} label={t("author.field.title")} />
        <TextField field={fields.slug} label={t("author.field.slug")} hint={t("author.field.slug.hint")} />
        <TextField field={fields.summary} label={t("author.field.summary")} />
        <SelectField field={fields.sourceLocale} label={t("author.field.sourceLocale")}>
          {CONTENT_LANGUAGES.map((tag) => (
            <option key={tag} value={tag}>
              {languageName(tag)}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="button">
          {t("author.create")}
        </button>
      </Form>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
