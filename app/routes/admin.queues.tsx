import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { queueOverview, retryFailedJobs } from "~/utils/jobs.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formatDate } from "~/i18n/format.server";
import { resolveLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/use-t";
import { requireRole } from "~/utils/auth.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm, replyWithErrors } from "~/utils/forms.server";
import { pageTitle } from "~/utils/meta";
import { RetryJobsSchema } from "~/validation/admin";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { TableScroll } from "~/components/table-scroll";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "queues.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "ADMIN");
  const locale = await resolveLocale(request, admin);
  const queues = await queueOverview();
  return {
    queues: queues.map((q) => ({
      ...q,
      failed: q.failed.map((f) => ({
        ...f,
        data: JSON.stringify(f.data),
        failedOn: f.failedAt ? formatDate(new Date(f.failedAt), locale, true) : "",
      })),
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  await requireRole(request, "ADMIN");
  const submission = await parseForm(request, RetryJobsSchema);
  if (submission.status !== "success") return replyWithErrors(submission);
  const count = await retryFailedJobs(submission.value.queue, submission.value.jobId ?? null);
  return redirectWithFlash("/admin/queues", { type: "success", key: "queues.retried", params: { count } });
}

export default function Queues() {
  const t = useT();
  const { queues } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="queues-title">
      <Breadcrumbs
        items={[{ label: t("certificates.admin.title"), to: "/admin/certificates" }, { label: t("queues.title") }]}
      />
      <h1 id="queues-title">{t("queues.title")}</h1>
      <p className="hint">{t("queues.intro")}</p>
      <TableScroll label={t("queues.title")}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("queues.queue")}</th>
              <th scope="col">{t("queues.waiting")}</th>
              <th scope="col">{t("queues.active")}</th>
              <th scope="col">{t("queues.delayed")}</th>
              <th scope="col">{t("queues.completed")}</th>
              <th scope="col">{t("queues.failed")}</th>
            </tr>
          </thead>
          <tbody>
            {queues.map((q) => (
              <tr key={q.name}>
                <th scope="row">{q.name}</th>
                <td>{q.counts.waiting}</td>
                <td>{q.counts.active}</td>
                <td>{q.counts.delayed}</td>
                <td>{q.counts.completed}</td>
                <td>{q.counts.failed}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {queues
        .filter((q) => q.failed.length > 0)
        .map((q) => (
          <section key={q.name} aria-labelledby={`failed-${q.name}`}>
            <h2 id={`failed-${q.name}`}>{t("queues.failedJobs", { queue: q.name })}</h2>
            <Form method="post">
              <input type="hidden" name="queue" value={q.name} />
              <button type="submit" className="button small">
                {t("queues.retryAll")}
              </button>
            </Form>
            <TableScroll label={t("queues.failedJobs", { queue: q.name })}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("queues.job")}</th>
                    <th scope="col">{t("queues.error")}</th>
                    <th scope="col">{t("queues.tries")}</th>
                    <th scope="col">{t("queues.failedOn")}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t("bank.actions")}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {q.failed.map((f) => (
                    <tr key={f.id}>
                      <td dir="ltr">
                        <code>{f.data}</code>
                      </td>
                      <td dir="ltr">{f.error}</td>
                      <td>{f.attempts}</td>
                      <td className="nowrap">{f.failedOn}</td>
                      <td>
                        <Form method="post">
                          <input type="hidden" name="queue" value={q.name} />
                          <input type="hidden" name="jobId" value={f.id} />
                          <button
                            type="submit"
                            className="button small secondary"
                            aria-label={t("queues.retryJob", { id: f.id })}
                          >
                            {t("queues.retry")}
                          </button>
                        </Form>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </section>
        ))}
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
