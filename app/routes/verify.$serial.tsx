import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { CredentialCheck } from "~/components/credential-check";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formErrors } from "~/components/forms";
import { formatDate } from "~/i18n/format.server";
import { resolveLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/use-t";
import { countVerification, verificationRecord } from "~/models/certificates.server";
import { getUser } from "~/utils/auth.server";
import { checkCredentialFromForm } from "~/actions/verify-credential.server";

/** Public and light: a court clerk may open it from a QR code on a phone. */
export const handle = { hydrate: false };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.record?.serial ?? ""} · Haidang` : "Haidang" },
  { name: "robots", content: "noindex" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const locale = await resolveLocale(request, user);
  const serial = params.serial!.toUpperCase().slice(0, 40);
  const record = await verificationRecord({ serial });
  if (!record) return data({ serial, record: null }, { status: 404 });
  await countVerification({ serial, viewerId: user?.id ?? null });
  return {
    serial,
    record: {
      ...record,
      completedOn: formatDate(record.completedAt, locale),
      issuedOn: formatDate(record.issuedAt, locale),
      validUntilText: record.validUntil ? formatDate(record.validUntil, locale) : null,
      revokedOn: record.revokedAt ? formatDate(record.revokedAt, locale) : null,
      hoursText: new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(record.hours),
    },
  };
}

export async function action({ request }: ActionFunctionArgs) {
  return checkCredentialFromForm(request);
}

export default function VerifySerial() {
  const t = useT();
  const { serial, record } = useLoaderData<typeof loader>();
  const checked = useActionData<typeof action>();
  return (
    <article aria-labelledby="verify-title" className="verify-page">
      <h1 id="verify-title">{t("verify.title")}</h1>
      {!record ? (
        <p className="flash flash-error" role="status">
          {t("verify.notFound", { serial })}
        </p>
      ) : (
        <>
          <p className={`verify-status verify-${record.status}`} role="status">
            <strong>{t(`verify.status.${record.status}`)}</strong>
            {record.status === "revoked"
              ? ` ${t("verify.revokedOn", { date: record.revokedOn ?? "", reason: record.revokedReason ?? "" })}`
              : ""}
            {record.status === "superseded" && record.supersededBy ? (
              <>
                {" "}
                {t("verify.supersededBy")} <Link to={`/verify/${record.supersededBy}`}>{record.supersededBy}</Link>
              </>
            ) : null}
            {record.status === "expired" ? ` ${t("verify.expiredOn", { date: record.validUntilText ?? "" })}` : ""}
          </p>
          <dl className="facts verify-facts">
            <div>
              <dt>{t("verify.holder")}</dt>
              <dd dir="auto">{record.learnerName}</dd>
            </div>
            <div>
              <dt>{t("verify.course")}</dt>
              <dd dir="auto">{record.courseTitle}</dd>
            </div>
            <div>
              <dt>{t("verify.hours")}</dt>
              <dd>{record.hoursText}</dd>
            </div>
            <div>
              <dt>{t("verify.completedOn")}</dt>
              <dd>{record.completedOn}</dd>
            </div>
            {record.scoreBand ? (
              <div>
                <dt>{t("verify.score")}</dt>
                <dd>{t.key(`certificate.band.${record.scoreBand}`)}</dd>
              </div>
            ) : null}
            <div>
              <dt>{t("verify.serial")}</dt>
              <dd dir="ltr">{record.serial}</dd>
            </div>
            <div>
              <dt>{t("verify.issuedBy")}</dt>
              <dd dir="auto">
                {record.issuerName}, {record.issuerTitle}
              </dd>
            </div>
            <div>
              <dt>{t("verify.issuedOn")}</dt>
              <dd>{record.issuedOn}</dd>
            </div>
            {record.validUntilText ? (
              <div>
                <dt>{t("verify.validUntil")}</dt>
                <dd>{record.validUntilText}</dd>
              </div>
            ) : null}
          </dl>
        </>
      )}
      <CredentialCheck result={checked?.verification ?? null} text={checked?.text ?? ""} />
      {formErrors(checked?.result).length ? (
        <p className="field-error" role="alert">
          {t.key(formErrors(checked?.result)[0]!)}
        </p>
      ) : null}
      <p>
        <Link to="/verify">{t("verify.another")}</Link>
      </p>
    </article>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
