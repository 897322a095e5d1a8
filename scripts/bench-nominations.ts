/**
 * npx tsx scripts/bench-nominations.ts [-- --rows 5000 --decide 500]
 * In a throwaway database: a focal point's nomination CSV of N rows (half officers of their
 * agency who have an account, half new people invited into it) through the batch as the worker
 * runs it; then the centre's queue (/admin/applications) over those N nominations, and a bulk
 * decision of D of them (docs/decisions/027).
 */
import { parseArgs } from "node:util";
import { loadDotEnv } from "../app/utils/env.server";
import { baseUrls, dropDatabase, flushRedisDb, freshDatabase, withRedisDb } from "./test-env";

loadDotEnv();
const { values } = parseArgs({
  options: { rows: { type: "string", default: "5000" }, decide: { type: "string", default: "500" } },
});
const rows = Number(values.rows);
const decide = Number(values.decide);
const name = `haidang_bench_nominations_${process.pid}`;
process.env.DATABASE_URL = await freshDatabase(name);
process.env.REDIS_URL = withRedisDb(baseUrls().redis, Number(process.env.HAIDANG_TEST_REDIS_DB ?? 5));
process.env.LOG_LEVEL = "silent";
await flushRedisDb(process.env.REDIS_URL);

const { createNominationBatch, getBulkBatch } = await import("../app/models/bulk-enrolment.server");
const { runBulkEnrolment } = await import("../jobs/processors/bulk-enrolment");
const { centreQueue, createDecisionBatch, runDecisionBatch } = await import("../app/models/nominations.server");
const { publishCourseDocument } = await import("../app/models/courses.server");
const { registerUser } = await import("../app/models/users.server");
const { prisma } = await import("../app/utils/db.server");
const { runShutdown } = await import("../app/utils/shutdown.server");
const { courseDocument } = await import("../test/factories");

try {
  const make = async (email: string, role: "ADMIN" | "LEARNER") => {
    const r = await registerUser(
      { name: email.split("@")[0]!, email, password: "correct horse battery staple", locale: "en", role },
      { welcomeEmail: false },
    );
    if (r.status !== "created") throw new Error(r.status);
    return r.user;
  };
  const admin = await make("bench-admin@example.org", "ADMIN");
  const focalUser = await make("bench-focal@example.org", "LEARNER");
  const agency = await prisma.agency.create({ data: { name: "Bench Cybercrime Unit", country: "VN", type: "POLICE" } });
  await prisma.user.update({ where: { id: focalUser.id }, data: { role: "FOCAL_POINT" } });
  await prisma.focalPointScope.create({ data: { userId: focalUser.id, agencyId: agency.id } });
  const focal = { id: focalUser.id, role: "FOCAL_POINT" as const };
  const published = await publishCourseDocument({
    doc: courseDocument("bench-nomination", { enrolment: "nomination" }),
    origin: "import",
  });
  if (published.status !== "published") throw new Error(published.status);
  await prisma.cohort.create({ data: { courseId: published.courseId, name: "Bench cohort", capacity: rows } });

  // Half the file: officers of the agency who already have an account.
  const existing = Math.floor(rows / 2);
  await prisma.user.createMany({
    data: Array.from({ length: existing }, (_, i) => ({
      id: crypto.randomUUID(),
      email: `known${i}@bench.example.org`,
      name: `Known Officer ${i}`,
      agencyId: agency.id,
      country: "VN",
    })),
  });
  const csv = [
    "email,name,agency,cohort",
    ...Array.from({ length: rows }, (_, i) =>
      i < existing
        ? `known${i}@bench.example.org,Known Officer ${i},,Bench cohort`
        : `new${i}@bench.example.org,New Officer ${i},Bench Cybercrime Unit,Bench cohort`,
    ),
  ].join("\n");

  let started = performance.now();
  const created = await createNominationBatch({
    actor: focal,
    courseId: published.courseId,
    fileName: "bench.csv",
    bytes: new TextEncoder().encode(csv),
  });
  if (created.status !== "created") throw new Error(JSON.stringify(created));
  const uploadMs = performance.now() - started;
  await runBulkEnrolment({ batchId: created.batchId });
  const batchMs = performance.now() - started;
  const report = await getBulkBatch({ actor: { role: "ADMIN" }, batchId: created.batchId });
  console.log(
    `nomination CSV: ${rows} rows (${existing} officers with an account, ${rows - existing} invited): upload checked in ${uploadMs.toFixed(0)} ms, batch done in ${(batchMs / 1000).toFixed(1)} s = ${Math.round(rows / (batchMs / 1000))} rows/s (nominated ${report.counts.nominated}, invited ${report.counts.invited}, invalid ${report.counts.invalid}; emails written ${await prisma.email.count()})`,
  );

  const adminActor = { id: admin.id, role: "ADMIN" as const };
  for (const run of [1, 2, 3]) {
    started = performance.now();
    const queue = await centreQueue({ actor: adminActor, filters: { country: "VN" } });
    console.log(
      `centre queue (${queue.count} waiting, first ${queue.rows.length} shown), run ${run}: ${(performance.now() - started).toFixed(0)} ms`,
    );
  }
  const ids = (
    await prisma.enrolment.findMany({ where: { status: "PENDING" }, take: decide, select: { id: true } })
  ).map((e) => e.id);
  started = performance.now();
  const batch = await createDecisionBatch({ actor: adminActor, enrolmentIds: ids, decision: "accept" });
  if (batch.status !== "created") throw new Error(batch.status);
  await runDecisionBatch({ batchId: batch.batchId });
  const decideMs = performance.now() - started;
  console.log(
    `bulk decision: ${ids.length} accepted in ${(decideMs / 1000).toFixed(1)} s = ${Math.round(ids.length / (decideMs / 1000))} decisions/s`,
  );
} finally {
  await runShutdown();
  await dropDatabase(name);
}
