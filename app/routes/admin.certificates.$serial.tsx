import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formErrors } from "~/components/forms";
import { formatDate } from "~/i18n/format.server";
import { resolveLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/use-t";
import {
  certificateAdminView,
  reissueCertificate,
  retryFailedCertificates,
  revokeCertificate,
} from "~/models/certificates.server";
import { requireRole } from "~/utils/auth.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm, replyWithErrors } from "~/utils/forms.server";
import { CertificateActionSchema } from "~/validation/certificates";
import { Breadcrumbs } from "~/components/breadcrumbs";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.serial} · Haidang` : "Haidang" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "ADMIN");
  const locale = await resolveLocale(request, admin);
  const c = await certificateAdminView({ serial: params.serial!.toUpperCase() });
  return {
    ...c,
    issuedOn: formatDate(c.issuedAt, locale, true),
    readyOn: formatDate(c.readyAt, locale, true),
    revokedOn: formatDate(c.revokedAt, locale, true),
    completedOn: formatDate(c.completedAt, locale),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireRole(request, "ADMIN");
  const serial = params.serial!.toUpperCase();
  const submission = await parseForm(request, CertificateActionSchema);
  if (submission.status !== "success") return replyWithErrors(submission);
  const here = `/admin/certificates/${serial}`;
  if (submission.value.intent === "revoke") {
    const result = await revokeCertificate({ admin, serial, reason: submission.value.reason });
    return redirectWithFlash(
      here,
      result.status === "revoked"
        ? { type: "success", key: "certificates.revoked" }
        : { type: "error", key: "certificates.error.alreadyRevoked" },
    );
  }
  if (submission.value.intent === "reissue") {
    const result = await reissueCertificate({ admin, serial });
    if (result.status === "reissued") {
      return redirectWithFlash(`/admin/certificates/${result.serial}`, {
        type: "success",
        key: "certificates.reissued",
        params: { serial },
      });
    }
    return redirectWithFlash(here, { type: "error", key: "certificates.error.alreadySuperseded" });
  }
  const c = await certificateAdminView({ serial });
  const ids = await retryFailedCertificates({ admin, certificateId: c.id });
  return redirectWithFlash(here, {
    type: "success",
    key: "certificates.batch.retried",
    params: { count: ids.length },
  });
}

export default function AdminCertificate() {
  const t = useT();
  const c = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const revokeError = formErrors(actionData?.result)[0];
  return (
    <section aria-labelledby="cert-title">
      <Breadcrumbs items={[{ label: t("certificates.admin.title"), to: "/admin/certificates" }, { label: c.serial }]} />
      <h1 id="cert-title" dir="ltr">
        {c.serial}
      </h1>
      <p className="status-line">
        {c.supersededBy ? (
          <>
            {t("verify.status.superseded")} {t("verify.supersededBy")}{" "}
            <Link to={`/admin/certificates/${c.supersededBy}`}>{c.supersededBy}</Link>
          </>
        ) : c.revokedAt ? (
          `${t("verify.status.revoked")} ${t("verify.revokedOn", { date: c.revokedOn, reason: c.revokedReason ?? "" })}`
        ) : (
          t(`certificateStatus.${c.status}`)
        )}
      </p>
      <dl className="facts verify-facts">
        <div>
          <dt>{t("verify.holder")}</dt>
          <dd dir="auto">
            {c.learnerName} <span className="muted">{c.email}</span>
          </dd>
        </div>
        <div>
          <dt>{t("verify.course")}</dt>
          <dd dir="auto">{c.courseTitle}</dd>
        </div>
        <div>
          <dt>{t("verify.completedOn")}</dt>
          <dd>{c.completedOn}</dd>
        </div>
        <div>
          <dt>{t("verify.issuedBy")}</dt>
          <dd dir="auto">
            {c.issuerName}, {c.issuerTitle}
          </dd>
        </div>
        <div>
          <dt>{t("verify.issuedOn")}</dt>
          <dd>{c.issuedOn}</dd>
        </div>
        <div>
          <dt>{t("certificates.attempts")}</dt>
          <dd>{c.attempts}</dd>
        </div>
      </dl>
      {c.error ? (
        <p className="form-errors" dir="ltr">
          {c.error}
        </p>
      ) : null}
      <p>
        <Link to={`/verify/${c.serial}`}>{t("certificates.publicPage")}</Link>
        {c.status === "READY" ? (
          <>
            {" · "}
            <a href={`/certificates/${c.serial}.pdf`}>{t("certificates.downloadPdf")}</a>
            {" · "}
            <a href={`/certificates/${c.serial}.json`}>{t("certificates.downloadCredential")}</a>
            {c.pdfBytes ? <span className="muted"> ({Math.round(c.pdfBytes / 1024)} KB)</span> : null}
          </>
        ) : null}
      </p>
      {c.status === "FAILED" ? (
        <Form method="post">
          <button type="submit" name="intent" value="retry" className="button">
            {t("certificates.batch.retry")}
          </button>
        </Form>
      ) : null}
      {!c.revokedAt ? (
        <>
          <h2>{t("certificates.revokeTitle")}</h2>
          <Form method="post" className="inline-form wrap">
            <label htmlFor="revoke-reason">{t("certificates.revokeReason")}</label>
            <input
              id="revoke-reason"
              name="reason"
              required
              maxLength={500}
              dir="auto"
              aria-invalid={revokeError ? true : undefined}
              aria-describedby={revokeError ? "revoke-error" : undefined}
            />
            <button type="submit" name="intent" value="revoke" className="button danger small">
              {t("certificates.revoke")}
            </button>
          </Form>
          {revokeError ? (
            <p id="revoke-error" className="field-error" role="alert">
              {t.key(revokeError)}
            </p>
          ) : null}
        </>
      ) : null}
      {!c.supersededBy ? (
        <>
          <h2>{t("certificates.reissueTitle")}</h2>
          <p className="hint">{t("certificates.reissueHelp")}</p>
          <Form method="post">
            <button type="submit" name="intent" value="reissue" className="button secondary">
              {t("certificates.reissue")}
            </button>
          </Form>
        </>
      ) : null}
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
