import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ProgressBar } from "~/components/progress-bar";
import { formatDate } from "~/i18n/format.server";
import { resolveLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/use-t";
import { getBulkBatch } from "~/models/bulk-enrolment.server";
import { requireRole } from "~/utils/auth.server";
import { pageTitle } from "~/utils/meta";
import { usePollWhile } from "~/utils/use-poll-while";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { BatchRowsReport } from "~/components/batch-rows-report";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, "batch.title", { file: data?.batch.fileName ?? "" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "ADMIN");
  const locale = await resolveLocale(request, admin);
  const batch = await getBulkBatch({ actor: admin, batchId: params.id! });
  const seconds =
    batch.startedAt && batch.finishedAt
      ? ((batch.finishedAt.getTime() - batch.startedAt.getTime()) / 1000).toFixed(1)
      : null;
  return {
    batch: {
      ...batch,
      createdAt: formatDate(batch.createdAt, locale, true),
      startedAt: undefined,
      finishedAt: undefined,
      seconds,
    },
  };
}

export default function BulkBatch() {
  const t = useT();
  const { batch } = useLoaderData<typeof loader>();
  usePollWhile(!batch.finished);
  const handled = batch.done + batch.failed;
  const remaining = Math.max(0, batch.total - handled);
  const refused = batch.finished && batch.applied === false;
  const label = refused
    ? t("batch.progress.notApplied", { total: batch.total, failed: batch.failed, skipped: batch.counts.skipped })
    : t("batch.progress", { handled, total: batch.total, done: batch.done, failed: batch.failed, remaining });
  return (
    <section aria-labelledby="batch-title">
      <Breadcrumbs
        items={[
          { label: t("nav.bulk"), to: "/admin/enrolments" },
          { label: t("batch.title", { file: batch.fileName }) },
        ]}
      />
      <h1 id="batch-title" dir="auto">
        {t("batch.title", { file: batch.fileName })}
      </h1>
      <dl className="facts">
        <div>
          <dt>{t("batch.course")}</dt>
          <dd dir="auto">{batch.course.title}</dd>
        </div>
        <div>
          <dt>{t("batch.sentBy")}</dt>
          <dd dir="auto">{batch.createdBy?.name ?? "—"}</dd>
        </div>
        <div>
          <dt>{t("batch.sentAt")}</dt>
          <dd>{batch.createdAt}</dd>
        </div>
        <div>
          <dt>{t("batch.mode")}</dt>
          <dd>{batch.allOrNothing ? t("batch.mode.allOrNothing") : t("batch.mode.eachRow")}</dd>
        </div>
      </dl>
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
      <ul className="progress-legend">
        <li className="tone-ok">{t("batch.legend.done", { count: batch.done })}</li>
        <li className="tone-bad">{t("batch.legend.failed", { count: batch.failed })}</li>
        <li>
          {refused
            ? t("batch.legend.notApplied", { count: remaining })
            : t("batch.legend.remaining", { count: remaining })}
        </li>
      </ul>
      {batch.finished ? null : (
        <p>
          <Link to={`/admin/enrolments/batches/${batch.id}`} className="button small secondary">
            {t("batch.refresh")}
          </Link>{" "}
          <span className="muted">{t("batch.refreshHint")}</span>
        </p>
      )}
      {batch.status === "FAILED" ? (
        <p className="form-errors" role="alert">
          {t("batch.failed", { error: batch.error ?? "?" })}
        </p>
      ) : null}
      {batch.finished ? (
        <section aria-labelledby="report-title" className="bulk-report">
          <h2 id="report-title" dir="auto">
            {t("bulk.report", { file: batch.fileName })}
          </h2>
          {batch.status === "DONE" ? (
            <p className={batch.applied ? "flash flash-success" : "flash flash-error"}>
              {batch.applied
                ? t("bulk.applied", { count: batch.total, seconds: batch.seconds ?? "0" })
                : t("bulk.notApplied", { invalid: batch.failed })}
            </p>
          ) : null}
          <BatchRowsReport batch={batch} showCohort={true} />
        </section>
      ) : null}
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
