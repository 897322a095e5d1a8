import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formErrors } from "~/components/forms";
import { formatDate } from "~/i18n/format.server";
import { resolveLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/use-t";
import {
  approvalQueue,
  approveCompletions,
  declineCompletions,
  recentCertificates,
  setSignatoryTitle,
  signatoryTitle,
  waitingCompletionIds,
} from "~/models/certificates.server";
import { requireRole } from "~/utils/auth.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { pageTitle } from "~/utils/meta";
import { readFormData } from "~/utils/request.server";
import { CertificateDecisionSchema, SignatoryTitleSchema } from "~/validation/certificates";
import { TableScroll } from "~/components/table-scroll";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "certificates.admin.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "ADMIN");
  const locale = await resolveLocale(request, admin);
  const q = new URL(request.url).searchParams.get("q")?.trim().slice(0, 100) ?? "";
  const [groups, recent, title] = await Promise.all([
    approvalQueue(),
    recentCertificates({ q }),
    signatoryTitle({ userId: admin.id }),
  ]);
  return {
    q,
    title,
    groups: groups.map((g) => ({
      ...g,
      items: g.items.map((i) => ({
        id: i.id,
        name: i.enrolment.user.name,
        email: i.enrolment.user.email,
        agency: i.enrolment.user.agency,
        completedOn: formatDate(i.completedAt, locale),
      })),
    })),
    recent: recent.map((c) => ({
      ...c,
      issuedOn: formatDate(c.issuedAt, locale),
      superseded: Boolean(c.supersededById),
      supersededById: undefined,
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "ADMIN");
  const form = await readFormData(request);
  if (form.get("intent") === "title") {
    const title = parseWithZod(form, { schema: SignatoryTitleSchema });
    if (title.status !== "success")
      return data(
        { result: title.reply({ formErrors: ["certificates.error.title"] }), groupKey: "title" },
        { status: 400 },
      );
    await setSignatoryTitle({ userId: admin.id, title: title.value.title });
    return redirectWithFlash("/admin/certificates", { type: "success", key: "certificates.titleSaved" });
  }
  const submission = parseWithZod(form, { schema: CertificateDecisionSchema });
  if (submission.status !== "success") {
    // The group's own message (none ticked, reason required), else a general one.
    const issue = Object.values(submission.error ?? {})
      .flat()
      .find((message) => message?.startsWith("certificates."));
    return data(
      {
        result: submission.reply({ formErrors: [issue ?? "certificates.error.invalid"] }),
        groupKey: `${form.get("courseId")}:${form.get("cohortId") ?? ""}`,
      },
      { status: 400 },
    );
  }
  const { intent, courseId, cohortId, reason } = submission.value;
  const ids =
    intent === "approve-cohort" ? await waitingCompletionIds({ courseId, cohortId }) : submission.value.completionId;
  if (intent === "decline") {
    const result = await declineCompletions({ admin, completionIds: ids, courseId, reason });
    return redirectWithFlash("/admin/certificates", {
      type: "success",
      key: "certificates.declined",
      params: { count: result.count },
    });
  }
  const result = await approveCompletions({ admin, completionIds: ids, courseId, cohortId });
  if (result.batchId) return redirect(`/admin/certificates/batches/${result.batchId}`);
  return redirectWithFlash("/admin/certificates", {
    type: "success",
    key: "certificates.approved",
    params: { count: result.certificateIds.length },
  });
}

export default function AdminCertificates() {
  const t = useT();
  const { q, title, groups, recent } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const error = formErrors(actionData?.result)[0];
  return (
    <section aria-labelledby="certificates-title">
      <h1 id="certificates-title">{t("certificates.admin.title")}</h1>
      <p>
        <Link to="/admin/queues">{t("queues.title")}</Link>
      </p>
      <Form method="post" className="inline-form wrap">
        <label htmlFor="signatory-title">{t("certificates.titleLabel")}</label>
        <input
          id="signatory-title"
          name="title"
          defaultValue={title ?? ""}
          required
          maxLength={120}
          dir="auto"
          aria-invalid={actionData?.groupKey === "title" ? true : undefined}
          aria-describedby={actionData?.groupKey === "title" ? "title-error" : undefined}
        />
        <button type="submit" name="intent" value="title" className="button small secondary">
          {t("certificates.titleSave")}
        </button>
      </Form>
      {error && actionData?.groupKey === "title" ? (
        <p id="title-error" className="field-error" role="alert">
          {t.key(error)}
        </p>
      ) : null}
      <h2 id="queue-title">{t("certificates.queue.title")}</h2>
      {groups.length === 0 ? <p>{t("certificates.queue.empty")}</p> : null}
      {groups.map((g) => {
        const key = `${g.courseId}:${g.cohortId ?? ""}`;
        const formId = `decide-${key}`;
        return (
          <article key={key} className="course-card" aria-labelledby={`${formId}-title`}>
            <h3 id={`${formId}-title`} dir="auto">
              {g.courseTitle} · {g.cohortName ?? t("certificates.queue.noCohort")}{" "}
              <span className="muted">({g.items.length})</span>
            </h3>
            {error && actionData?.groupKey === key ? (
              <p className="form-errors" role="alert">
                {t.key(error)}
              </p>
            ) : null}
            <Form method="post" id={formId}>
              <input type="hidden" name="courseId" value={g.courseId} />
              <input type="hidden" name="cohortId" value={g.cohortId ?? ""} />
              <TableScroll label={`${g.courseTitle} · ${g.cohortName ?? t("certificates.queue.noCohort")}`}>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">
                        <span className="visually-hidden">{t("certificates.queue.select")}</span>
                      </th>
                      <th scope="col">{t("report.learner")}</th>
                      <th scope="col">{t("certificates.queue.completed")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {g.items.map((i) => (
                      <tr key={i.id}>
                        <td>
                          <input type="checkbox" name="completionId" value={i.id} id={`c-${i.id}`} />
                        </td>
                        <th scope="row">
                          <label htmlFor={`c-${i.id}`} dir="auto">
                            {i.name}
                          </label>{" "}
                          <span className="muted">
                            {i.email}
                            {i.agency ? ` · ${i.agency}` : ""}
                          </span>
                        </th>
                        <td className="nowrap">{i.completedOn}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
              <div className="attempt-actions">
                <button type="submit" name="intent" value="approve-cohort" className="button">
                  {t("certificates.queue.approveAll", { count: g.items.length })}
                </button>
                <button type="submit" name="intent" value="approve" className="button secondary">
                  {t("certificates.queue.approveSelected")}
                </button>
              </div>
              <p className="inline-form wrap">
                <label htmlFor={`${formId}-reason`}>{t("certificates.queue.reason")}</label>
                <input id={`${formId}-reason`} name="reason" maxLength={500} dir="auto" />
                <button type="submit" name="intent" value="decline" className="button small danger">
                  {t("certificates.queue.declineSelected")}
                </button>
              </p>
            </Form>
          </article>
        );
      })}

      <h2 id="recent-title">{t("certificates.recent.title")}</h2>
      <Form method="get" className="search-form">
        <p className="field">
          <label htmlFor="cert-q">{t("certificates.recent.search")}</label>
          <input id="cert-q" name="q" defaultValue={q} maxLength={100} />
        </p>
        <button type="submit" className="button small">
          {t("grid.show")}
        </button>
      </Form>
      <TableScroll label={t("certificates.recent.title")}>
        <table aria-labelledby="recent-title">
          <thead>
            <tr>
              <th scope="col">{t("verify.serial")}</th>
              <th scope="col">{t("verify.holder")}</th>
              <th scope="col">{t("verify.course")}</th>
              <th scope="col">{t("assessment.statusLabel")}</th>
              <th scope="col">{t("verify.issuedOn")}</th>
            </tr>
          </thead>
          <tbody>
            {recent.map((c) => (
              <tr key={c.serial}>
                <td dir="ltr" className="nowrap">
                  <Link to={`/admin/certificates/${c.serial}`}>{c.serial}</Link>
                </td>
                <td dir="auto">{c.learnerName}</td>
                <td dir="auto">{c.courseTitle}</td>
                <td>
                  {c.superseded
                    ? t("verify.status.superseded")
                    : c.revokedAt
                      ? t("verify.status.revoked")
                      : t(`certificateStatus.${c.status}`)}
                </td>
                <td className="nowrap">{c.issuedOn}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
