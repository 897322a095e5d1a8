import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useT } from "~/i18n/use-t";
import { bulkEnrol, listCoursesForBulk } from "~/models/bulk-enrolment.server";
import { requireRole } from "~/utils/auth.server";
import { pageTitle } from "~/utils/meta";
import { readFormData } from "~/utils/request.server";
import { MAX_CSV_BYTES } from "~/validation/enrolment-csv";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "bulk.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "ADMIN");
  return { courses: await listCoursesForBulk() };
}

/** Shown in full up to this many rows; beyond, only rows with problems (the counts cover all). */
const ROWS_SHOWN = 200;

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "ADMIN");
  const formData = await readFormData(request);
  const courseId = String(formData.get("courseId") ?? "");
  const file = formData.get("file");
  if (!courseId) return data({ error: "bulk.error.course" as const, report: null }, { status: 400 });
  if (!(file instanceof File) || file.size === 0) return data({ error: "bulk.error.file" as const, report: null }, { status: 400 });
  if (file.size > MAX_CSV_BYTES) return data({ error: "bulk.error.tooLarge" as const, report: null }, { status: 400 });
  const started = performance.now();
  const report = await bulkEnrol({ actor: admin, courseId, csvText: await file.text(), allOrNothing: formData.get("allOrNothing") === "on" });
  const ms = Math.round(performance.now() - started);
  const rows = report.rows.length > ROWS_SHOWN ? report.rows.filter((r) => r.problems.length).slice(0, ROWS_SHOWN) : report.rows;
  return data({ error: null, report: { ...report, rows, total: report.rows.length, ms, fileName: file.name } }, { status: report.applied || !report.rows.length ? 200 : 400 });
}

export default function BulkEnrolment() {
  const t = useT();
  const { courses } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const report = result?.report;
  return (
    <section aria-labelledby="bulk-title">
      <h1 id="bulk-title">{t("bulk.title")}</h1>
      <p>{t("bulk.intro")}</p>
      <pre className="csv-example" tabIndex={0} aria-label={t("bulk.example")}>
        email,name,country,agency,cohort{"\n"}lan.nguyen@police.gov.vn,Nguyễn Thị Lan,VN,Cybercrime Division,"Hanoi, March 2027"
      </pre>
      {result?.error ? (
        <p className="form-errors" role="alert">
          {t(result.error)}
        </p>
      ) : null}
      <Form method="post" encType="multipart/form-data" className="editor-form">
        <div className="field">
          <label htmlFor="bulk-course">{t("bulk.course")}</label>
          <select id="bulk-course" name="courseId" required>
            <option value="">—</option>
            {courses.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="bulk-file">{t("bulk.file")}</label>
          <input id="bulk-file" name="file" type="file" accept=".csv,text/csv" required />
        </div>
        <div className="field checkbox">
          <input id="bulk-all" name="allOrNothing" type="checkbox" />
          <label htmlFor="bulk-all">{t("bulk.allOrNothing")}</label>
        </div>
        <button type="submit" className="button" disabled={busy}>
          {busy ? t("bulk.working") : t("bulk.submit")}
        </button>
      </Form>
      {report ? (
        <section aria-labelledby="report-title" className="bulk-report">
          <h2 id="report-title">{t("bulk.report", { file: report.fileName })}</h2>
          {report.fileProblems.length ? (
            <ul className="form-errors" role="alert">
              {report.fileProblems.map((p) => (
                <li key={`${p.line}-${p.code}`}>{t("bulk.line", { line: p.line, problem: t.key(`csv.${p.code}`) })}</li>
              ))}
            </ul>
          ) : (
            <>
              <p role="status" className={report.applied ? "flash flash-success" : "flash flash-error"}>
                {report.applied ? t("bulk.applied", { count: report.total, ms: report.ms }) : t("bulk.notApplied", { invalid: report.counts.invalid })}
              </p>
              <ul className="bulk-counts">
                {(["enrolled", "invited", "waitlisted", "already", "invalid", "skipped"] as const).map((k) =>
                  report.counts[k] ? (
                    <li key={k}>
                      {t(`bulk.outcome.${k}`)}: <strong>{report.counts[k]}</strong>
                    </li>
                  ) : null,
                )}
              </ul>
              <div className="table-scroll">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t("bulk.col.line")}</th>
                      <th scope="col">{t("admin.users.email")}</th>
                      <th scope="col">{t("admin.users.name")}</th>
                      <th scope="col">{t("enrolment.cohort")}</th>
                      <th scope="col">{t("bulk.col.result")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {report.rows.map((r) => (
                      <tr key={r.line} className={r.problems.length ? "row-bad" : undefined}>
                        <th scope="row">{r.line}</th>
                        <td dir="ltr">{r.email}</td>
                        <td dir="auto">{r.name}</td>
                        <td dir="auto">{r.cohort}</td>
                        <td>
                          {t(`bulk.outcome.${r.outcome}`)}
                          {r.problems.length ? `: ${r.problems.map((p) => t.key(`csv.${p.code}`)).join(" ")}` : ""}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </section>
      ) : null}
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
