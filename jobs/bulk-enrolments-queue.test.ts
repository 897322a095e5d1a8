import { expect, test } from "vitest";
import { createBulkBatch, findStaleBulkBatches } from "../app/models/bulk-enrolment.server";
import { prisma } from "../app/utils/db.server";
import { runShutdown } from "../app/utils/shutdown.server";
import { makeCourse, makeUser, uid } from "../test/factories";
import { runBulkEnrolment } from "./processors/bulk-enrolment";
import { BulkEnrolmentJobSchema, bulkEnrolmentsQueue, enqueueBulkEnrolment } from "./queues";

test("upload → bull (real Redis) → processor → DONE, and a batch whose job was lost is found by the reconciler", async () => {
  const admin = await makeUser("ADMIN");
  const course = await makeCourse();
  const mine = new Set<string>();
  const processed: string[] = [];
  // Other test files enqueue batches on the same Redis index and run them themselves: only ours are processed here.
  void bulkEnrolmentsQueue().process(async (job) => {
    const data = BulkEnrolmentJobSchema.parse(job.data);
    if (!mine.has(data.batchId)) return;
    processed.push(data.batchId);
    return runBulkEnrolment(data);
  });

  const upload = async () => {
    const csv = `email,name\n${Array.from({ length: 3 }, (_, i) => `q${i}-${uid()}@example.org,Queued ${i}`).join("\n")}\n`;
    const result = await createBulkBatch({
      actor: admin,
      courseId: course.id,
      fileName: "queued.csv",
      bytes: new TextEncoder().encode(csv),
      allOrNothing: false,
    });
    if (result.status !== "created") throw new Error(result.status);
    mine.add(result.batchId);
    return result.batchId;
  };
  const status = async (id: string) => (await prisma.bulkEnrolmentBatch.findUniqueOrThrow({ where: { id } })).status;

  // The action's path: the batch row, then its id on the queue (createBulkBatch enqueues it).
  const queued = await upload();
  await expect.poll(() => status(queued), { timeout: 10_000 }).toBe("DONE");
  expect(await prisma.bulkEnrolmentBatch.findUniqueOrThrow({ where: { id: queued } })).toMatchObject({
    done: 3,
    failed: 0,
    applied: true,
  });
  expect(processed).toEqual([queued]);

  // A batch whose job never reached Redis (enqueue failed after the commit) stays PENDING, and the reconciler finds it.
  const orphan = await prisma.bulkEnrolmentBatch.create({
    data: {
      courseId: course.id,
      createdById: admin.id,
      fileName: "orphan.csv",
      csvText: `email,name\norphan-${uid()}@example.org,Orphan\n`,
      total: 1,
    },
  });
  mine.add(orphan.id);
  await prisma.$executeRaw`UPDATE "BulkEnrolmentBatch" SET "updatedAt" = now() - interval '2 minutes' WHERE id = ${orphan.id}`;
  const stale = await findStaleBulkBatches({ olderThanMs: 60_000 });
  expect(stale).toContain(orphan.id);
  expect(stale).not.toContain(queued);
  await enqueueBulkEnrolment(orphan.id);
  await expect.poll(() => status(orphan.id), { timeout: 10_000 }).toBe("DONE");
  expect(processed).toEqual([queued, orphan.id]);

  // Enqueuing a batch that is already done does not run it twice.
  const runs = processed.length;
  await enqueueBulkEnrolment(queued);
  await new Promise((r) => setTimeout(r, 300));
  expect(processed).toHaveLength(runs);
  await runShutdown();
});
