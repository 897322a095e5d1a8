import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SegmentedBar } from "~/components/segmented-bar";
import { useT } from "~/i18n/use-t";
import { batchProgress, retryFailedCertificates } from "~/models/certificates.server";
import { requireRole } from "~/utils/auth.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { pageTitle } from "~/utils/meta";
import { readFormData } from "~/utils/request.server";
import { Breadcrumbs } from "~/components/breadcrumbs";

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, "certificates.batch.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "ADMIN");
  const p = await batchProgress({ batchId: params.id! });
  return {
    id: p.batch.id,
    course: p.batch.course.title,
    total: p.total,
    ready: p.ready,
    failed: p.failed,
    pending: p.pending,
    finished: p.finished,
    failures: p.failures,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireRole(request, "ADMIN");
  await readFormData(request);
  const ids = await retryFailedCertificates({ admin, batchId: params.id! });
  return redirectWithFlash(`/admin/certificates/batches/${params.id}`, {
    type: "success",
    key: "certificates.batch.retried",
    params: { count: ids.length },
  });
}

export default function CertificateBatch() {
  const t = useT();
  const b = useLoaderData<typeof loader>();
  const revalidator = useRevalidator();
  // With JavaScript: follow the batch live until it is finished.
  useEffect(() => {
    if (b.finished) return;
    const id = setInterval(() => revalidator.state === "idle" && revalidator.revalidate(), 1000);
    return () => clearInterval(id);
  }, [b.finished, revalidator]);
  const label = t("certificates.batch.progress", {
    ready: b.ready,
    failed: b.failed,
    pending: b.pending,
    total: b.total,
  });
  return (
    <section aria-labelledby="batch-title">
      <Breadcrumbs
        items={[
          { label: t("certificates.admin.title"), to: "/admin/certificates" },
          { label: t("certificates.batch.heading", { course: b.course }) },
        ]}
      />
      <h1 id="batch-title" dir="auto">
        {t("certificates.batch.heading", { course: b.course })}
      </h1>
      <SegmentedBar done={b.ready} failed={b.failed} total={b.total} label={label} />
      <ul className="legend" aria-hidden="true">
        <li>
          <span className="swatch segment-done" />
          {t("certificates.batch.ready", { count: b.ready })}
        </li>
        <li>
          <span className="swatch segment-failed" />
          {t("certificates.batch.failed", { count: b.failed })}
        </li>
        <li>
          <span className="swatch" style={{ background: "#dde4ea" }} />
          {t("certificates.batch.pending", { count: b.pending })}
        </li>
      </ul>
      <p role="status" className="status-line">
        {b.finished ? t("certificates.batch.finished") : t("certificates.batch.running")} {label}
      </p>
      {!b.finished ? (
        // Without JavaScript, reloading shows the progress (no timed refresh: WCAG 2.2.1, decision 009).
        <p>
          <Link to=".">{t("certificates.batch.refresh")}</Link>
        </p>
      ) : null}
      {b.ready > 0 ? (
        <p>
          <a className="button" href={`/admin/certificates/batches/${b.id}.zip`} download>
            {t("certificates.batch.zip", { count: b.ready })}
          </a>
        </p>
      ) : null}
      {b.failures.length ? (
        <>
          <h2>{t("certificates.batch.failuresTitle")}</h2>
          <ul>
            {b.failures.map((f) => (
              <li key={f.id}>
                <span dir="auto">{f.learnerName}</span> ({f.serial}): <span dir="ltr">{f.error}</span>
              </li>
            ))}
          </ul>
          <Form method="post">
            <button type="submit" className="button">
              {t("certificates.batch.retry")}
            </button>
          </Form>
        </>
      ) : null}
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
