import { expect, test } from "vitest";
import { courseDocument, makeUser, uid } from "../test/factories";
import { findStalePendingCertificates, retryFailedCertificates } from "../app/models/certificates.server";
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
  const failing = new Set<string>();
  // Other test files run at the same time on the same Redis index and enqueue their own
  // certificates (issuing enqueues): this processor only takes this test's course.
  let courseId = "";
  void queue.process(2, async (job) => {
    const data = CertificateJobSchema.parse(job.data);
    const owner = await prisma.certificate.findUnique({
      where: { id: data.certificateId },
      select: { courseId: true },
    });
    if (owner?.courseId !== courseId) return { status: "not-this-test" };
    processed.push(data.certificateId);
    if (failing.has(data.certificateId)) throw new Error("simulated failure");
    return generateCertificate(data);
  });

  const slug = `q-${uid()}`;
  const published = await publishCourseDocument({
    doc: courseDocument(slug, { modules: [{ slug: "only" }] }),
    origin: "import",
  });
  if (published.status !== "published") throw new Error("publish");
  courseId = published.courseId;
  const learner = await makeUser("LEARNER", "Александра Сергеевна Волкова");
  await enrol({ user: learner, courseSlug: slug });
  await completeModule({ userId: learner.id, courseSlug: slug, moduleSlug: "only" });
  const cert = await prisma.certificate.findFirstOrThrow({ where: { userId: learner.id } });
  await expect
    .poll(async () => (await prisma.certificate.findUniqueOrThrow({ where: { id: cert.id } })).status, {
      timeout: 20_000,
    })
    .toBe("READY");
  const ready = await prisma.certificate.findUniqueOrThrow({ where: { id: cert.id } });
  expect(Buffer.from(ready.pdf!).subarray(0, 5).toString()).toBe("%PDF-");

  // A PENDING row whose job never reached Redis: the reconciler's query finds it, and it is generated.
  const orphan = await prisma.certificate.create({
    data: {
      ...pick(ready),
      serial: `HDG-TEST-${uid().slice(0, 4).toUpperCase()}-ORPH`,
      generation: 2,
      status: "PENDING",
    },
  });
  await prisma.$executeRaw`UPDATE "Certificate" SET "updatedAt" = now() - interval '2 minutes' WHERE id = ${orphan.id}`;
  expect(await findStalePendingCertificates({ olderThanMs: 60_000 })).toContain(orphan.id);
  await enqueueCertificate(orphan.id);
  await expect
    .poll(async () => (await prisma.certificate.findUniqueOrThrow({ where: { id: orphan.id } })).status, {
      timeout: 20_000,
    })
    .toBe("READY");

  // Enqueuing again: at most a harmless early return, never a second email.
  await enqueueCertificate(orphan.id);
  await new Promise((r) => setTimeout(r, 500));
  expect(await prisma.email.count({ where: { userId: learner.id, template: "certificate-ready" } })).toBe(2);

  // A job that failed for good keeps its id in Redis; retrying the row must still run it again.
  const retried = await prisma.certificate.create({
    data: {
      ...pick(ready),
      serial: `HDG-TEST-${uid().slice(0, 4).toUpperCase()}-RTRY`,
      generation: 3,
      status: "PENDING",
    },
  });
  failing.add(retried.id);
  await queue.add({ certificateId: retried.id }, { jobId: retried.id, attempts: 1 });
  await expect.poll(async () => (await queue.getJob(retried.id))?.isFailed(), { timeout: 10_000 }).toBe(true);
  await prisma.certificate.update({ where: { id: retried.id }, data: { status: "FAILED" } });
  failing.delete(retried.id);
  const admin = await makeUser("ADMIN");
  await retryFailedCertificates({ admin, certificateId: retried.id }); // back to PENDING and queued again
  await expect
    .poll(async () => (await prisma.certificate.findUniqueOrThrow({ where: { id: retried.id } })).status, {
      timeout: 20_000,
    })
    .toBe("READY");
  await runShutdown();
}, 60_000);

function pick(c: {
  completionId: string;
  userId: string;
  courseId: string;
  learnerName: string;
  courseTitle: string;
  hours: number;
  completedAt: Date;
  locale: string;
  issuerName: string;
  issuerTitle: string;
}) {
  const {
    completionId,
    userId,
    courseId,
    learnerName,
    courseTitle,
    hours,
    completedAt,
    locale,
    issuerName,
    issuerTitle,
  } = c;
  return {
    completionId,
    userId,
    courseId,
    learnerName,
    courseTitle,
    hours,
    completedAt,
    locale,
    issuerName,
    issuerTitle,
  };
}
