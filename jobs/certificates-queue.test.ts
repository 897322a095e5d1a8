import { expect, test } from "vitest";
import { courseDocument, makeUser, uid } from "../test/factories";
import { findStalePendingCertificates } from "../app/models/certificates.server";
import { publishCourseDocument } from "../app/models/courses.server";
import { enrol } from "../app/models/enrolments.server";
import { completeModule } from "../app/models/progress.server";
import { prisma } from "../app/utils/db.server";
import { runShutdown } from "../app/utils/shutdown.server";
import { generateCertificate } from "./processors/generate-certificate";
import { CertificateJobSchema, certificatesQueue, enqueueCertificate } from "./queues";

test("completion → bull (real Redis) → processor → READY with a real PDF; a lost job is found by the reconciler; duplicates are harmless", async () => {
  const queue = certificatesQueue();
  const processed: string[] = [];
  void queue.process(2, async (job) => {
    const data = CertificateJobSchema.parse(job.data);
    processed.push(data.certificateId);
    return generateCertificate(data);
  });

  const slug = `q-${uid()}`;
  const published = await publishCourseDocument({ doc: courseDocument(slug, { modules: [{ slug: "only" }] }), origin: "import" });
  if (published.status !== "published") throw new Error("publish");
  const learner = await makeUser("LEARNER", "Александра Сергеевна Волкова");
  await enrol({ user: learner, courseSlug: slug });
  await completeModule({ userId: learner.id, courseSlug: slug, moduleSlug: "only" });
  const cert = await prisma.certificate.findFirstOrThrow({ where: { userId: learner.id } });
  await expect.poll(async () => (await prisma.certificate.findUniqueOrThrow({ where: { id: cert.id } })).status, { timeout: 20_000 }).toBe("READY");
  const ready = await prisma.certificate.findUniqueOrThrow({ where: { id: cert.id } });
  expect(Buffer.from(ready.pdf!).subarray(0, 5).toString()).toBe("%PDF-");

  // A PENDING row whose job never reached Redis: the reconciler's query finds it, and it is generated.
  const orphan = await prisma.certificate.create({
    data: { ...pick(ready), serial: `HDG-TEST-${uid().slice(0, 4).toUpperCase()}-ORPH`, generation: 2, status: "PENDING" },
  });
  await prisma.$executeRaw`UPDATE "Certificate" SET "updatedAt" = now() - interval '2 minutes' WHERE id = ${orphan.id}`;
  expect(await findStalePendingCertificates({ olderThanMs: 60_000 })).toContain(orphan.id);
  await enqueueCertificate(orphan.id);
  await expect.poll(async () => (await prisma.certificate.findUniqueOrThrow({ where: { id: orphan.id } })).status, { timeout: 20_000 }).toBe("READY");

  // Enqueuing again: at most a harmless early return, never a second email.
  await enqueueCertificate(orphan.id);
  await new Promise((r) => setTimeout(r, 500));
  expect(await prisma.email.count({ where: { userId: learner.id, template: "certificate-ready" } })).toBe(2);
  await runShutdown();
}, 60_000);

function pick(c: { completionId: string; userId: string; courseId: string; learnerName: string; courseTitle: string; hours: number; completedAt: Date; locale: string; issuerName: string; issuerTitle: string }) {
  const { completionId, userId, courseId, learnerName, courseTitle, hours, completedAt, locale, issuerName, issuerTitle } = c;
  return { completionId, userId, courseId, learnerName, courseTitle, hours, completedAt, locale, issuerName, issuerTitle };
}
