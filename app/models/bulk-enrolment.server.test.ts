import { expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { makeCourse, makeUser } from "../../test/factories";
import {
  createBulkBatch,
  findStaleBulkBatches,
  getBulkBatch,
  listBulkBatches,
  markBulkBatchFailed,
} from "./bulk-enrolment.server";

const bytes = (text: string) => new TextEncoder().encode(text);

test("file-level problems are answered at once and nothing is written or queued", async () => {
  const admin = await makeUser("ADMIN");
  const course = await makeCourse();
  expect(
    await createBulkBatch({
      actor: admin,
      courseId: course.id,
      fileName: "a.csv",
      bytes: bytes("name,country\nA,VN\n"),
      allOrNothing: false,
    }),
  ).toEqual({
    status: "file-problems",
    fileProblems: [{ line: 1, code: "header.missing-email" }],
  });
  // "é" saved by a spreadsheet in Windows-1252.
  const latin1 = Uint8Array.from([...bytes("email,name\nx@example.org,Ren"), 0xe9, 0x0a]);
  expect(
    await createBulkBatch({ actor: admin, courseId: course.id, fileName: "b.csv", bytes: latin1, allOrNothing: false }),
  ).toEqual({
    status: "file-problems",
    fileProblems: [{ line: 1, code: "file.not-utf8" }],
  });
  expect(
    await createBulkBatch({
      actor: admin,
      courseId: course.id,
      fileName: "c.csv",
      bytes: bytes("email,name\n"),
      allOrNothing: false,
    }),
  ).toMatchObject({
    status: "file-problems",
    fileProblems: [{ code: "file.empty" }],
  });
  expect(
    await createBulkBatch({
      actor: admin,
      courseId: crypto.randomUUID(),
      fileName: "d.csv",
      bytes: bytes("email,name\nx@example.org,X\n"),
      allOrNothing: false,
    }),
  ).toEqual({
    status: "unknown-course",
  });
  expect(await prisma.bulkEnrolmentBatch.count({ where: { courseId: course.id } })).toBe(0);
});

test("an accepted upload is a PENDING batch with the file, its row count and its uploader", async () => {
  const admin = await makeUser("ADMIN");
  const course = await makeCourse();
  const result = await createBulkBatch({
    actor: admin,
    courseId: course.id,
    fileName: "officers.csv",
    bytes: bytes("\uFEFFemail,name\na@example.org,A\nb@example.org,B\n"),
    allOrNothing: true,
  });
  if (result.status !== "created") throw new Error(result.status);
  expect(result.total).toBe(2);
  expect(await prisma.bulkEnrolmentBatch.findUniqueOrThrow({ where: { id: result.batchId } })).toMatchObject({
    status: "PENDING",
    total: 2,
    done: 0,
    failed: 0,
    allOrNothing: true,
    createdById: admin.id,
    courseId: course.id,
    fileName: "officers.csv",
  });
  const listed = await listBulkBatches({ actor: admin });
  expect(listed[0]).toMatchObject({ id: result.batchId, fileName: "officers.csv", status: "PENDING" });
  expect(await getBulkBatch({ actor: admin, batchId: result.batchId })).toMatchObject({
    finished: false,
    rows: [],
    total: 2,
  });
  await expect(getBulkBatch({ actor: admin, batchId: crypto.randomUUID() })).rejects.toMatchObject({ status: 404 });
});

test("only administrators may send files or see batches", async () => {
  const course = await makeCourse();
  for (const role of ["TRAINER", "LEARNER"] as const) {
    const person = await makeUser(role);
    await expect(
      createBulkBatch({
        actor: person,
        courseId: course.id,
        fileName: "a.csv",
        bytes: bytes("email,name\nx@example.org,X\n"),
        allOrNothing: false,
      }),
    ).rejects.toMatchObject({ status: 403 });
    await expect(listBulkBatches({ actor: person })).rejects.toMatchObject({ status: 403 });
    await expect(getBulkBatch({ actor: person, batchId: crypto.randomUUID() })).rejects.toMatchObject({ status: 403 });
  }
});

test("the reconciler finds batches left PENDING, or RUNNING without progress, and a final failure marks FAILED", async () => {
  const admin = await makeUser("ADMIN");
  const course = await makeCourse();
  const make = async () => {
    const r = await createBulkBatch({
      actor: admin,
      courseId: course.id,
      fileName: "a.csv",
      bytes: bytes("email,name\nx@example.org,X\n"),
      allOrNothing: false,
    });
    if (r.status !== "created") throw new Error(r.status);
    return r.batchId;
  };
  const [fresh, stalePending, staleRunning, recentRunning] = [await make(), await make(), await make(), await make()];
  await prisma.$executeRaw`UPDATE "BulkEnrolmentBatch" SET "updatedAt" = now() - interval '2 minutes' WHERE id = ${stalePending}`;
  await prisma.$executeRaw`UPDATE "BulkEnrolmentBatch" SET status = 'RUNNING', "updatedAt" = now() - interval '20 minutes' WHERE id = ${staleRunning}`;
  await prisma.$executeRaw`UPDATE "BulkEnrolmentBatch" SET status = 'RUNNING', "updatedAt" = now() - interval '2 minutes' WHERE id = ${recentRunning}`;
  const found = await findStaleBulkBatches({ olderThanMs: 60_000 });
  expect(found).toContain(stalePending);
  expect(found).toContain(staleRunning);
  expect(found).not.toContain(fresh);
  expect(found).not.toContain(recentRunning);

  await markBulkBatchFailed({ batchId: staleRunning, error: new Error("database gone") });
  expect(await prisma.bulkEnrolmentBatch.findUniqueOrThrow({ where: { id: staleRunning } })).toMatchObject({
    status: "FAILED",
    error: "database gone",
  });
  expect(await findStaleBulkBatches({ olderThanMs: 60_000 })).not.toContain(staleRunning);
});
