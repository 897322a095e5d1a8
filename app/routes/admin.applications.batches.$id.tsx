import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ProgressBar } from "~/components/progress-bar";
import { formatDate } from "~/i18n/format.server";
import { resolveLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/use-t";
import { getDecisionBatch } from "~/models/nominations.server";
import { requireRole } from "~/utils/auth.server";
import { pageTitle } from "~/utils/meta";
import { usePollWhile } from "~/utils/use-poll-while";
import { TableScroll } from "~/components/table-scroll";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "applications.batch.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "TRAINER", "ADMIN");
  const locale = await resolveLocale(request, user);
  const batch = await getDecisionBatch({ actor: user, batchId: params.id! });
  return {
    batch: {
      id: batch.id,
      decision: batch.decision as "accept" | "decline",
      reason: batch.reason,
      status: batch.status,
      total: batch.total,
      done: batch.done,
      failed: batch.failed,
      error: batch.error,
      finished: batch.finished,
      createdAt: formatDate(batch.createdAt, locale, true),
      by: batch.createdBy?.name ?? "—",
      rows: batch.rows,
    },
  };
}

export default function DecisionBatchPage() {
  const t = useT();
  const { batch } = useLoaderData<typeof loader>();
  usePollWhile(!batch.finished);
  const handled = batch.done + batch.failed;
  const label = t("applications.batch.progress", {
    handled,
    total: batch.total,
    done: batch.done,
    failed: batch.failed,
  });
  return (
    <section aria-labelledby="decision-batch-title">
      <p className="breadcrumb">
        <Link to="/admin/applications">{t("applications.batch.back")}</Link>
      </p>
      <h1 id="decision-batch-title">{t("applications.batch.title")}</h1>
      <dl className="facts">
        <div>
          <dt>{t("applications.batch.decision")}</dt>
          <dd>{t(`applications.batch.decision.${batch.decision}`)}</dd>
        </div>
        <div>
          <dt>{t("applications.batch.by")}</dt>
          <dd dir="auto">{batch.by}</dd>
        </div>
        <div>
          <dt>{t("batch.sentAt")}</dt>
          <dd>{batch.createdAt}</dd>
        </div>
      </dl>
      <p role="status" className="batch-status">
        {t(`applications.batch.status.${batch.status}`)}
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
          <Link to={`/admin/applications/batches/${batch.id}`} className="button small secondary">
            {t("applications.batch.refresh")}
          </Link>{" "}
          <span className="muted">{t("applications.batch.refreshHint")}</span>
        </p>
      )}
      {batch.status === "FAILED" ? (
        <p className="form-errors" role="alert">
          {t("applications.batch.failed", { error: batch.error ?? "?" })}
        </p>
      ) : null}
      <TableScroll label={t("applications.batch.title")}>
        <table>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t("nomination.col.officer")}</th>
              <th scope="col">{t("nomination.col.course")}</th>
              <th scope="col">{t("bulk.col.result")}</th>
            </tr>
          </thead>
          <tbody>
            {batch.rows.map((r) => (
              <tr key={r.position}>
                <th scope="row">{r.position}</th>
                <td dir="auto">{r.name}</td>
                <td dir="auto">{r.course}</td>
                <td>{t.key(`applications.outcome.${r.outcome ?? "pending"}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
