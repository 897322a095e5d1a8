import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ProgressBar } from "~/components/progress-bar";
import { useT } from "~/i18n/use-t";
import { getBulkBatch } from "~/models/bulk-enrolment.server";
import { requireRole } from "~/utils/auth.server";
import { pageTitle } from "~/utils/meta";
import { usePollWhile } from "~/utils/use-poll-while";
import { BatchRowsReport } from "~/components/batch-rows-report";

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
          <BatchRowsReport batch={batch} showCohort={false} />
        </section>
      ) : null}
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
