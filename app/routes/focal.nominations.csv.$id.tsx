import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ProgressBar } from "~/components/progress-bar";
import { useT } from "~/i18n/use-t";
import { getBulkBatch } from "~/models/bulk-enrolment.server";
import { requireRole } from "~/utils/auth.server";
import { pageTitle } from "~/utils/meta";
import { usePollWhile } from "~/utils/use-poll-while";
import { BULK_OUTCOMES } from "~/validation/enrolment-csv";
import { TableScroll } from "~/components/table-scroll";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, "batch.title", { file: data?.batch.fileName ?? "" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "FOCAL_POINT");
  const batch = await getBulkBatch({ actor: user, batchId: params.id! });
  return { batch: { ...batch, createdAt: undefined, startedAt: undefined, finishedAt: undefined } };
}

/** A focal point's nomination file: progress while it runs, then the row-by-row report. */
export default function NominationBatch() {
  const t = useT();
  const { batch } = useLoaderData<typeof loader>();
  usePollWhile(!batch.finished);
  const handled = batch.done + batch.failed;
  const remaining = Math.max(0, batch.total - handled);
  const label = t("batch.progress", { handled, total: batch.total, done: batch.done, failed: batch.failed, remaining });
  return (
    <section aria-labelledby="nomination-batch-title">
      <p className="breadcrumb">
        <Link to="/focal/nominations/csv">{t("nomination.csv.back")}</Link>
      </p>
      <h1 id="nomination-batch-title" dir="auto">
        {t("batch.title", { file: batch.fileName })}
      </h1>
      <p dir="auto">{batch.course.title}</p>
      <p role="status" className="batch-status">
        {t(`batch.status.${batch.status}`)}
      </p>
      <ProgressBar
        value={handled}
        max={batch.total}
        label={label}
        segments={[
          { value: batch.done, tone: "ok" },
          { value: batch.failed, tone: "bad" },
        ]}
      />
      <p>{label}</p>
      {batch.finished ? null : (
        <p>
          <Link to={`/focal/nominations/csv/${batch.id}`} className="button small secondary">
            {t("batch.refresh")}
          </Link>{" "}
          <span className="muted">{t("batch.refreshHint")}</span>
        </p>
      )}
      {batch.finished ? (
        <section aria-labelledby="report-title" className="bulk-report">
          <h2 id="report-title" dir="auto">
            {t("bulk.report", { file: batch.fileName })}
          </h2>
          <ul className="bulk-counts">
            {BULK_OUTCOMES.map((k) =>
              batch.counts[k] ? (
                <li key={k}>
                  {t(`bulk.outcome.${k}`)}: <strong>{batch.counts[k]}</strong>
                </li>
              ) : null,
            )}
          </ul>
          {batch.rowsTruncated ? <p className="muted">{t("batch.rowsTruncated", { total: batch.total })}</p> : null}
          <TableScroll label={t("batch.title", { file: batch.fileName })}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("bulk.col.line")}</th>
                  <th scope="col">{t("admin.users.email")}</th>
                  <th scope="col">{t("admin.users.name")}</th>
                  <th scope="col">{t("bulk.col.result")}</th>
                </tr>
              </thead>
              <tbody>
                {batch.rows.map((r) => (
                  <tr key={r.line} className={r.problems.length ? "row-bad" : undefined}>
                    <th scope="row">{r.line}</th>
                    <td dir="ltr">{r.email}</td>
                    <td dir="auto">{r.name}</td>
                    <td>
                      {t(`bulk.outcome.${r.outcome ?? "pending"}`)}
                      {r.problems.length ? `: ${r.problems.map((p) => t.key(`csv.${p.code}`)).join(" ")}` : ""}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </section>
      ) : null}
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
