/**
 * Generates one certificate: the PDF and the signed Open Badges credential, then marks the
 * row READY and queues the "certificate ready" email. Plain function: tests call it, the
 * worker wires it to the `certificates` queue. Safe to run twice: a READY row returns early,
 * and marking READY is conditional, so a duplicate job finishing second changes nothing.
 */
import { createHash } from "node:crypto";
import { loadIssuerKey, signCertificateCredential } from "../../app/certificates/credential.server";
import { renderCertificatePdf } from "../../app/certificates/pdf.server";
import { translatorFor } from "../../app/i18n/catalogues.server";
import { isLocale } from "../../app/i18n/i18n";
import { formatDate } from "../../app/i18n/format.server";
import {
  certificateForGeneration,
  markCertificateReady,
  recordCertificateAttempt,
} from "../../app/models/certificates.server";
import { createEmailRow, dispatchEmail } from "../../app/models/email.server";
import { env } from "../../app/utils/env.server";
import type { CertificateJob } from "../queues";

export type GenerateResult = { status: "ready"; bytes: number } | { status: "already-ready" } | { status: "missing" };

/** How numbers of hours read: "12", "7.5" (the locale's decimal sign). */
const hoursText = (hours: number, locale: string) =>
  new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(hours);

export async function generateCertificate(
  { certificateId }: CertificateJob,
  render = renderCertificatePdf,
): Promise<GenerateResult> {
  const row = await certificateForGeneration(certificateId);
  if (!row) return { status: "missing" };
  if (row.status === "READY") return { status: "already-ready" };

  const config = env();
  const locale = isLocale(row.locale) ? row.locale : "en";
  const t = translatorFor(locale);
  const verifyUrl = `${config.APP_URL}/verify/${row.serial}`;
  const band = row.scoreBand as "distinction" | "merit" | "pass" | null;
  const pdf = await render({
    locale,
    labels: {
      title: t("certificate.pdf.title"),
      certifies: t("certificate.pdf.certifies"),
      completed: t("certificate.pdf.completed"),
      hours: t("certificate.pdf.hours", { hours: hoursText(row.hours, locale) }),
      completedOn: t("certificate.pdf.completedOn", { date: formatDate(row.completedAt, locale) }),
      score: band ? t("certificate.pdf.score", { band: t(`certificate.band.${band}`) }) : null,
      serial: t("certificate.pdf.serial", { serial: row.serial }),
      issuedBy: t("certificate.pdf.issuedBy"),
      verify: t("certificate.pdf.verify"),
    },
    centreName: config.CENTRE_NAME,
    learnerName: row.learnerName,
    courseTitle: row.courseTitle,
    hours: hoursText(row.hours, locale),
    completedOn: formatDate(row.completedAt, locale),
    scoreBand: band ? t(`certificate.band.${band}`) : null,
    serial: row.serial,
    issuerName: row.issuerName,
    issuerTitle: row.issuerTitle,
    verifyUrl,
  });
  const course = row.course;
  const summary =
    (course.texts as Record<string, { summary?: string }>)[course.sourceLocale]?.summary ?? row.courseTitle;
  const credential = await signCertificateCredential({
    baseUrl: config.APP_URL,
    issuerName: config.CENTRE_NAME,
    key: await loadIssuerKey(),
    credentialId: `${config.APP_URL}/credentials/${row.serial}`,
    serial: row.serial,
    learner: { name: row.learnerName },
    achievement: {
      id: `${config.APP_URL}/courses/${course.slug}`,
      name: row.courseTitle,
      description: summary,
      criteriaNarrative: t("certificate.criteria", { hours: hoursText(row.hours, locale) }),
      hours: row.hours,
      locale,
    },
    validFrom: row.issuedAt,
    validUntil: row.validUntil,
    status: { listCredentialUrl: `${config.APP_URL}/credentials/status/1`, index: row.statusIndex },
  });
  const sha256 = createHash("sha256").update(pdf).digest("hex");
  // The email row is written in the transaction that makes the certificate READY.
  const email = await markCertificateReady({
    certificateId,
    pdf,
    sha256,
    credential,
    onReady: (tx) =>
      createEmailRow(tx, {
        userId: row.userId,
        to: row.user.email,
        template: "certificate-ready",
        locale,
        data: {
          name: row.user.name,
          course: row.courseTitle,
          serial: row.serial,
          dashboardUrl: `${config.APP_URL}/dashboard`,
          verifyUrl,
        },
      }),
  });
  if (!email) return { status: "already-ready" };
  await dispatchEmail(email.id).catch(() => undefined); // the email reconciler picks it up if Redis is away
  return { status: "ready", bytes: pdf.byteLength };
}

/** Each failed try is recorded on the row; the last one marks it FAILED with the error. */
export async function certificateAttemptFailed({
  certificateId,
  error,
  final,
}: {
  certificateId: string;
  error: unknown;
  final: boolean;
}) {
  await recordCertificateAttempt({
    certificateId,
    error: error instanceof Error ? error.message : String(error),
    final,
  });
}
