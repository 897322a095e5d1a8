import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FieldErrors, FormErrors, withoutKey } from "~/components/forms";
import { formatDate } from "~/i18n/format.server";
import { resolveLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/use-t";
import { createBulkBatch, listBulkBatches, listCoursesForBulk } from "~/models/bulk-enrolment.server";
import { requireRole } from "~/utils/auth.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { pageTitle } from "~/utils/meta";
import { readFormData } from "~/utils/request.server";
import { BulkUploadSchema } from "~/validation/enrolment-csv";
import { TableScroll } from "~/components/table-scroll";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "bulk.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "ADMIN");
  const locale = await resolveLocale(request, admin);
  const batches = await listBulkBatches({ actor: admin });
  return {
    courses: await listCoursesForBulk(),
    batches: batches.map((b) => ({ ...b, createdAt: formatDate(b.createdAt, locale, true) })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "ADMIN");
  const submission = parseWithZod(await readFormData(request), { schema: BulkUploadSchema });
  if (submission.status !== "success")
    return data({ result: submission.reply({ hideFields: ["file"] }), fileProblems: null }, { status: 400 });
  const { courseId, file, allOrNothing } = submission.value;
  const result = await createBulkBatch({
    actor: admin,
    courseId,
    fileName: file.name,
    bytes: new Uint8Array(await file.arrayBuffer()),
    allOrNothing,
  });
  if (result.status === "unknown-course") {
    return data(
      {
        result: submission.reply({ fieldErrors: { courseId: ["bulk.error.course"] }, hideFields: ["file"] }),
        fileProblems: null,
      },
      { status: 400 },
    );
  }
  if (result.status === "file-problems") {
    return data(
      {
        result: submission.reply({ hideFields: ["file"] }),
        fileProblems: { fileName: file.name, problems: result.fileProblems },
      },
      { status: 400 },
    );
  }
  return redirectWithFlash(`/admin/enrolments/batches/${result.batchId}`, {
    type: "info",
    key: "bulk.queued",
    params: { count: result.total },
  });
}

export default function BulkEnrolment() {
  const t = useT();
  const { courses, batches } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    id: "bulk",
    lastResult: actionData?.result,
    constraint: getZodConstraint(BulkUploadSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: BulkUploadSchema }),
  });
  const fileProblems = actionData?.fileProblems;
  return (
    <section aria-labelledby="bulk-title">
      <h1 id="bulk-title">{t("bulk.title")}</h1>
      <p>{t("bulk.intro")}</p>
      <pre className="csv-example" tabIndex={0} aria-label={t("bulk.example")}>
        email,name,country,agency,cohort{"\n"}lan.nguyen@police.gov.vn,Nguyễn Thị Lan,VN,Cybercrime
        Division,&quot;Hanoi, March 2027&quot;
      </pre>
      <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="editor-form">
        <FormErrors id={form.errorId} errors={form.errors} />
        <div className="field">
          <label htmlFor={fields.courseId.id}>{t("bulk.course")}</label>
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
          <label htmlFor={fields.file.id}>{t("bulk.file")}</label>
          <input {...withoutKey(getInputProps(fields.file, { type: "file" }))} accept=".csv,text/csv" />
          <FieldErrors id={fields.file.errorId} errors={fields.file.errors} />
        </div>
        <div className="field checkbox">
          <input {...withoutKey(getInputProps(fields.allOrNothing, { type: "checkbox" }))} />
          <label htmlFor={fields.allOrNothing.id}>{t("bulk.allOrNothing")}</label>
        </div>
        <button type="submit" className="button" disabled={busy}>
          {busy ? t("bulk.working") : t("bulk.submit")}
        </button>
      </Form>
      {fileProblems ? (
        <section aria-labelledby="report-title" className="bulk-report">
          <h2 id="report-title">{t("bulk.report", { file: fileProblems.fileName })}</h2>
          <ul className="form-errors" role="alert">
            {fileProblems.problems.map((p) => (
              <li key={`${p.line}-${p.code}`}>{t("bulk.line", { line: p.line, problem: t.key(`csv.${p.code}`) })}</li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="recent-title">
        <h2 id="recent-title">{t("bulk.recent")}</h2>
        {batches.length === 0 ? (
          <p>{t("bulk.recent.none")}</p>
        ) : (
          <TableScroll label={t("bulk.recent")}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("bulk.col.file")}</th>
                  <th scope="col">{t("bulk.course")}</th>
                  <th scope="col">{t("bulk.col.sent")}</th>
                  <th scope="col">{t("bulk.col.sentBy")}</th>
                  <th scope="col">{t("bulk.col.status")}</th>
                  <th scope="col">{t("bulk.col.rows")}</th>
                </tr>
              </thead>
              <tbody>
                {batches.map((b) => (
                  <tr key={b.id}>
                    <th scope="row" dir="auto">
                      <Link to={`/admin/enrolments/batches/${b.id}`}>{b.fileName}</Link>
                    </th>
                    <td dir="auto">{b.course.title}</td>
                    <td className="nowrap">{b.createdAt}</td>
                    <td dir="auto">{b.createdBy?.name ?? "—"}</td>
                    <td>{t(`batch.status.${b.status}`)}</td>
                    <td>
                      {b.done} / {b.failed} / {b.total}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
