import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FieldErrors, FormErrors, withoutKey } from "~/components/forms";
import { formatDate } from "~/i18n/format.server";
import { resolveLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/use-t";
import { createNominationBatch, listBulkBatches } from "~/models/bulk-enrolment.server";
import { nominationCourses } from "~/models/nominations.server";
import { requireRole } from "~/utils/auth.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { pageTitle } from "~/utils/meta";
import { readFormData } from "~/utils/request.server";
import { BulkUploadSchema } from "~/validation/enrolment-csv";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "nomination.csv.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "FOCAL_POINT");
  const locale = await resolveLocale(request, user);
  const [courses, batches] = await Promise.all([nominationCourses(), listBulkBatches({ actor: user })]);
  return {
    courses: courses.map((c) => ({ id: c.id, title: c.title })),
    batches: batches.map((b) => ({ ...b, createdAt: formatDate(b.createdAt, locale, true) })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "FOCAL_POINT");
  const submission = parseWithZod(await readFormData(request), { schema: BulkUploadSchema });
  if (submission.status !== "success")
    return data({ result: submission.reply({ hideFields: ["file"] }), fileProblems: null }, { status: 400 });
  const { courseId, file } = submission.value;
  const result = await createNominationBatch({
    actor: user,
    courseId,
    fileName: file.name,
    bytes: new Uint8Array(await file.arrayBuffer()),
  });
  if (result.status === "unknown-course")
    return data(
      {
        result: submission.reply({ fieldErrors: { courseId: ["bulk.error.course"] }, hideFields: ["file"] }),
        fileProblems: null,
      },
      { status: 400 },
    );
  if (result.status === "file-problems")
    return data(
      {
        result: submission.reply({ hideFields: ["file"] }),
        fileProblems: { fileName: file.name, problems: result.fileProblems },
      },
      { status: 400 },
    );
  return redirectWithFlash(`/focal/nominations/csv/${result.batchId}`, {
    type: "info",
    key: "nomination.csv.queued",
    params: { count: result.total },
  });
}

export default function NominationCsv() {
  const t = useT();
  const { courses, batches } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "nomination-csv",
    lastResult: actionData?.result,
    constraint: getZodConstraint(BulkUploadSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: BulkUploadSchema }),
  });
  return (
    <section aria-labelledby="nomination-csv-title">
      <p className="breadcrumb">
        <Link to="/focal/nominations">{t("nomination.title")}</Link>
      </p>
      <h1 id="nomination-csv-title">{t("nomination.csv.title")}</h1>
      <p>{t("nomination.csv.intro")}</p>
      <pre className="csv-example" tabIndex={0} aria-label={t("bulk.example")}>
        email,name,agency,cohort{"\n"}lan.nguyen@police.gov.vn,Nguyễn Thị Lan,Cybercrime Division,&quot;Hanoi, March
        2027&quot;
      </pre>
      <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="editor-form">
        <FormErrors id={form.errorId} errors={form.errors} />
        <div className="field">
          <label htmlFor={fields.courseId.id}>{t("nomination.csv.course")}</label>
          <select {...withoutKey(getSelectProps(fields.courseId))}>
            <option value="">—</option>
            {courses.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </select>
          <FieldErrors id={fields.courseId.errorId} errors={fields.courseId.errors} />
        </div>
        <div className="field">
          <label htmlFor={fields.file.id}>{t("nomination.csv.file")}</label>
          <input {...withoutKey(getInputProps(fields.file, { type: "file" }))} accept=".csv,text/csv" />
          <FieldErrors id={fields.file.errorId} errors={fields.file.errors} />
        </div>
        <button type="submit" className="button">
          {t("nomination.csv.submit")}
        </button>
      </Form>
      {actionData?.fileProblems ? (
        <section aria-labelledby="report-title" className="bulk-report">
          <h2 id="report-title">{t("bulk.report", { file: actionData.fileProblems.fileName })}</h2>
          <ul className="form-errors" role="alert">
            {actionData.fileProblems.problems.map((p) => (
              <li key={`${p.line}-${p.code}`}>{t("bulk.line", { line: p.line, problem: t.key(`csv.${p.code}`) })}</li>
            ))}
          </ul>
        </section>
      ) : null}
      <h2>{t("nomination.csv.recent")}</h2>
      {batches.length === 0 ? (
        <p>{t("bulk.recent.none")}</p>
      ) : (
        <ul>
          {batches.map((b) => (
            <li key={b.id}>
              <Link to={`/focal/nominations/csv/${b.id}`} dir="auto">
                {b.fileName}
              </Link>{" "}
              · <span dir="auto">{b.course.title}</span> · {b.createdAt} · {t(`batch.status.${b.status}`)} · {b.done} /{" "}
              {b.failed} / {b.total}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
