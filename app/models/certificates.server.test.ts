import { expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { courseDocument, makeUser, uid } from "../../test/factories";
import { certificateAttemptFailed, generateCertificate } from "../../jobs/processors/generate-certificate";
import {
  countVerification,
  certificatesOfUser,
  approvalQueue,
  approveCompletions,
  batchProgress,
  batchZip,
  certificateDownload,
  declineCompletions,
  newSerial,
  reissueCertificate,
  retryFailedCertificates,
  revokeCertificate,
  scoreBand,
  setSignatoryTitle,
  verificationRecord,
  waitingCompletionIds,
} from "./certificates.server";
import { checkCredentialText } from "./credentials.server";
import { publishCourseDocument } from "./courses.server";
import { enrol } from "./enrolments.server";
import { completeModule } from "./progress.server";

/** A tiny stand-in PDF: these tests are about issuing, not drawing (pdf.server.test.ts draws). */
const fakeRender = async () => Buffer.from("%PDF-1.7\n% test\n");

async function courseWithPolicy(certificate: "automatic" | "approval") {
  const slug = `cert-${uid()}`;
  const doc = courseDocument(slug, { modules: [{ slug: "only" }] });
  doc.meta.certificate = certificate;
  const result = await publishCourseDocument({ doc, origin: "import" });
  if (result.status !== "published") throw new Error(JSON.stringify(result));
  return { slug, id: result.courseId };
}

async function complete(course: { slug: string }, name?: string) {
  const learner = await makeUser("LEARNER", name);
  await enrol({ user: learner, courseSlug: course.slug });
  await completeModule({ userId: learner.id, courseSlug: course.slug, moduleSlug: "only" });
  return learner;
}

test("serials are readable and unique enough; bands follow the final score", () => {
  const serials = new Set(Array.from({ length: 2000 }, () => newSerial(new Date("2026-11-26"))));
  expect(serials.size).toBe(2000);
  for (const s of serials) expect(s).toMatch(/^HDG-2026-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
  expect([scoreBand(null), scoreBand(95), scoreBand(80), scoreBand(70)]).toEqual([
    null,
    "distinction",
    "merit",
    "pass",
  ]);
});

test("automatic policy: completing the course writes a PENDING certificate in the same transaction; the processor makes it READY once", async () => {
  const course = await courseWithPolicy("automatic");
  const learner = await complete(course, "Nguyễn Thị Thu Hương");
  const rows = await prisma.certificate.findMany({ where: { userId: learner.id } });
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({
    status: "PENDING",
    learnerName: "Nguyễn Thị Thu Hương",
    generation: 1,
    issuedById: null,
  });

  const first = await generateCertificate({ certificateId: rows[0]!.id }, fakeRender);
  expect(first.status).toBe("ready");
  // A duplicate job (lost ack, reconciler, replay) changes nothing and sends no second email.
  expect(await generateCertificate({ certificateId: rows[0]!.id }, fakeRender)).toEqual({ status: "already-ready" });
  const ready = await prisma.certificate.findUniqueOrThrow({ where: { id: rows[0]!.id } });
  expect(ready).toMatchObject({ status: "READY", pdfBytes: 16 });
  expect(ready.pdfSha256).toMatch(/^[0-9a-f]{64}$/);
  expect(await prisma.email.count({ where: { userId: learner.id, template: "certificate-ready" } })).toBe(1);

  // The credential verifies; one changed character does not.
  const credential = JSON.stringify(ready.credential);
  expect((await checkCredentialText(credential)).ok).toBe(true);
  const altered = await checkCredentialText(credential.replace("Nguyễn", "Nguyen"));
  expect(altered).toMatchObject({ ok: false, altered: true });

  // Only the holder (or an administrator) downloads it.
  const other = await makeUser();
  await expect(certificateDownload({ serial: ready.serial, viewer: other })).rejects.toMatchObject({ status: 404 });
  expect((await certificateDownload({ serial: ready.serial, viewer: learner })).pdf.byteLength).toBe(16);
});

test("a failing render is recorded on the row; the last try marks it FAILED; a retry puts it back to PENDING", async () => {
  const course = await courseWithPolicy("automatic");
  const learner = await complete(course);
  const cert = await prisma.certificate.findFirstOrThrow({ where: { userId: learner.id } });
  const broken = async () => {
    throw new Error("font file missing");
  };
  await expect(generateCertificate({ certificateId: cert.id }, broken)).rejects.toThrow("font file missing");
  await certificateAttemptFailed({ certificateId: cert.id, error: new Error("font file missing"), final: false });
  expect(await prisma.certificate.findUniqueOrThrow({ where: { id: cert.id } })).toMatchObject({
    status: "PENDING",
    attempts: 1,
    error: "font file missing",
  });
  await certificateAttemptFailed({ certificateId: cert.id, error: new Error("font file missing"), final: true });
  expect((await prisma.certificate.findUniqueOrThrow({ where: { id: cert.id } })).status).toBe("FAILED");
  const admin = await makeUser("ADMIN");
  expect(await retryFailedCertificates({ admin, certificateId: cert.id })).toEqual([cert.id]);
  expect(await generateCertificate({ certificateId: cert.id }, fakeRender)).toMatchObject({ status: "ready" });
});

test("approval policy: completions wait; approving a cohort twice (two administrators at once) gives each completion exactly one certificate", async () => {
  const course = await courseWithPolicy("approval");
  const learners = await Promise.all([1, 2, 3].map(() => complete(course)));
  expect(await prisma.certificate.count({ where: { courseId: course.id } })).toBe(0);
  const waiting = await waitingCompletionIds({ courseId: course.id, cohortId: null });
  expect(waiting).toHaveLength(3);
  expect((await approvalQueue()).find((g) => g.courseId === course.id)?.items).toHaveLength(3);

  const [a1, a2] = [await makeUser("ADMIN", "Admin One"), await makeUser("ADMIN", "Admin Two")];
  for (const a of [a1, a2]) await setSignatoryTitle({ userId: a.id, title: "Head of Training, UNODC" });
  const results = await Promise.all([
    approveCompletions({ admin: a1, completionIds: waiting, courseId: course.id }),
    approveCompletions({ admin: a2, completionIds: waiting, courseId: course.id }),
  ]);
  expect(results.reduce((n, r) => n + r.certificateIds.length, 0)).toBe(3);
  for (const l of learners) expect(await prisma.certificate.count({ where: { userId: l.id } })).toBe(1);
  const batchId = results.find((r) => r.batchId)!.batchId!;
  expect(await batchProgress({ batchId })).toMatchObject({ total: 3, ready: 0, pending: 3, finished: false });

  const certs = await prisma.certificate.findMany({ where: { batchId } });
  for (const c of certs) await generateCertificate({ certificateId: c.id }, fakeRender);
  expect(await batchProgress({ batchId })).toMatchObject({ ready: 3, finished: true });
  expect(certs[0]!.issuerName).toMatch(/Admin (One|Two)/);
  expect(certs[0]!.issuerTitle).toBe("Head of Training, UNODC");
  const zip = await batchZip({ batchId });
  expect(Buffer.from(zip.subarray(0, 2)).toString()).toBe("PK");

  // Learners are not administrators.
  await expect(
    approveCompletions({ admin: learners[0]!, completionIds: waiting, courseId: course.id }),
  ).rejects.toMatchObject({ status: 403 });
});

test("declining needs a reason and leaves no certificate", async () => {
  const course = await courseWithPolicy("approval");
  const learner = await complete(course);
  const admin = await makeUser("ADMIN");
  const ids = await waitingCompletionIds({ courseId: course.id, cohortId: null });
  expect(
    await declineCompletions({ admin, completionIds: ids, courseId: course.id, reason: "Attendance below 80%" }),
  ).toEqual({ status: "declined", count: 1 });
  expect(await prisma.certificate.count({ where: { userId: learner.id } })).toBe(0);
  expect(
    await prisma.courseCompletion.findFirstOrThrow({ where: { enrolment: { userId: learner.id } } }),
  ).toMatchObject({ certificateState: "DECLINED", declinedReason: "Attendance below 80%" });
});

test("revoking shows on the verification record and in the credential's status; re-issuing supersedes the old serial", async () => {
  const course = await courseWithPolicy("automatic");
  const learner = await complete(course);
  const admin = await makeUser("ADMIN");
  const cert = await prisma.certificate.findFirstOrThrow({ where: { userId: learner.id } });
  await generateCertificate({ certificateId: cert.id }, fakeRender);
  expect((await verificationRecord({ serial: cert.serial }))?.status).toBe("valid");

  const { credential } = await prisma.certificate.findUniqueOrThrow({ where: { id: cert.id } });
  expect(await revokeCertificate({ admin, serial: cert.serial, reason: "Issued in error" })).toEqual({
    status: "revoked",
  });
  expect(await revokeCertificate({ admin, serial: cert.serial, reason: "again" })).toEqual({
    status: "already-revoked",
  });
  expect(await verificationRecord({ serial: cert.serial })).toMatchObject({
    status: "revoked",
    revokedReason: "Issued in error",
  });
  expect(await checkCredentialText(JSON.stringify(credential))).toMatchObject({
    ok: false,
    status: "revoked",
    altered: false,
  });

  const course2 = await courseWithPolicy("automatic");
  const learner2 = await complete(course2);
  const old = await prisma.certificate.findFirstOrThrow({ where: { userId: learner2.id } });
  const reissued = await reissueCertificate({ admin, serial: old.serial });
  expect(reissued.status).toBe("reissued");
  const again = await reissueCertificate({ admin, serial: old.serial });
  expect(again.status).toBe("already-superseded");
  expect(await verificationRecord({ serial: old.serial })).toMatchObject({
    status: "superseded",
    supersededBy: (reissued as { serial: string }).serial,
  });
  expect(await prisma.certificate.count({ where: { completionId: old.completionId } })).toBe(2);
  expect(await verificationRecord({ serial: "HDG-0000-NONE-NONE" })).toBeNull();
});

test("an unknown batch is 404, for its ZIP as for its progress, not an empty ZIP", async () => {
  for (const batchId of [crypto.randomUUID(), "not-a-batch"]) {
    for (const call of [() => batchZip({ batchId }), () => batchProgress({ batchId })]) {
      const error = await call().then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(Response);
      expect((error as Response).status).toBe(404);
    }
  }
});

test("each look at /verify counts for the holder's dashboard, except the holder's own", async () => {
  const course = await courseWithPolicy("automatic");
  const learner = await complete(course);
  const { serial } = await prisma.certificate.findFirstOrThrow({ where: { userId: learner.id } });
  await countVerification({ serial, viewerId: null });
  await countVerification({ serial, viewerId: null });
  await countVerification({ serial, viewerId: learner.id });
  expect((await certificatesOfUser({ userId: learner.id }))[0]!.verificationCount).toBe(2);
});
