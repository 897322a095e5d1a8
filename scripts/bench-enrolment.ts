/**
 * npm run bench:enrolment [-- --rows 5000 --learners 500]
 * In a throwaway database: bulk-enrols a CSV of N new people through a batch, as the worker runs
 * it (rows per second, check and chunked apply), then builds
 * the trainer's progress grid and its CSV for M learners with progress (milliseconds).
 */
import { parseArgs } from "node:util";
import { dropDatabase, freshDatabase, withRedisDb, baseUrls, flushRedisDb } from "./test-env";

const { values } = parseArgs({
  options: { rows: { type: "string", default: "5000" }, learners: { type: "string", default: "500" } },
});
const rows = Number(values.rows);
const learners = Number(values.learners);
const name = `haidang_bench_${process.pid}`;
process.env.DATABASE_URL = await freshDatabase(name);
process.env.REDIS_URL = withRedisDb(baseUrls().redis, 3);
process.env.LOG_LEVEL = "silent";
await flushRedisDb(process.env.REDIS_URL);

const { createBulkBatch, getBulkBatch } = await import("../app/models/bulk-enrolment.server");
const { runBulkEnrolment } = await import("../jobs/processors/bulk-enrolment");
const { publishCourseDocument } = await import("../app/models/courses.server");
const { completeModule, progressGrid, progressCsv } = await import("../app/models/progress.server");
const { registerUser } = await import("../app/models/users.server");
const { prisma } = await import("../app/utils/db.server");
const { runShutdown } = await import("../app/utils/shutdown.server");
const { courseDocument } = await import("../test/factories");

try {
  const admin = await registerUser(
    {
      name: "Bench Admin",
      email: "bench-admin@example.org",
      password: "correct horse battery staple",
      locale: "en",
      role: "ADMIN",
    },
    { welcomeEmail: false },
  );
  if (admin.status !== "created") throw new Error(admin.status);
  const modules = Array.from({ length: 12 }, (_, i) => ({ slug: `module-${i + 1}` }));
  const published = await publishCourseDocument({ doc: courseDocument("bench-course", { modules }), origin: "import" });
  if (published.status !== "published") throw new Error(published.status);

  const csv = [
    "email,name,country,agency,cohort",
    ...Array.from({ length: rows }, (_, i) => `officer${i}@bench.example.org,Officer ${i},VN,Agency ${i % 40},`),
  ].join("\n");
  let started = performance.now();
  const created = await createBulkBatch({
    actor: admin.user,
    courseId: published.courseId,
    fileName: "bench.csv",
    bytes: new TextEncoder().encode(csv),
    allOrNothing: true,
  });
  if (created.status !== "created") throw new Error(JSON.stringify(created));
  const uploadMs = performance.now() - started;
  await runBulkEnrolment({ batchId: created.batchId });
  const bulkMs = performance.now() - started;
  const report = await getBulkBatch({ actor: admin.user, batchId: created.batchId });
  console.log(
    `bulk enrolment: ${rows} rows (new accounts + invitations + emails): upload checked in ${uploadMs.toFixed(0)} ms, batch done in ${bulkMs.toFixed(0)} ms = ${Math.round(rows / (bulkMs / 1000))} rows/s (applied: ${report.applied}, invited: ${report.counts.invited})`,
  );

  // Progress for the first M learners: a varied number of completed modules each.
  const people = await prisma.user.findMany({
    where: { email: { endsWith: "@bench.example.org" } },
    take: learners,
    orderBy: { email: "asc" },
  });
  started = performance.now();
  // Ten learners at a time (the pool has ten connections), each completing modules in order.
  for (let start = 0; start < people.length; start += 10) {
    await Promise.all(
      people.slice(start, start + 10).map(async (p, j) => {
        const i = start + j;
        for (let m = 0; m < i % 12; m++)
          await completeModule({ userId: p.id, courseSlug: "bench-course", moduleSlug: `module-${m + 1}` });
      }),
    );
  }
  const completions = people.reduce((n, _p, i) => n + (i % 12), 0);
  console.log(`module completions: ${completions} in ${(performance.now() - started).toFixed(0)} ms`);

  for (const run of [1, 2, 3]) {
    started = performance.now();
    const grid = await progressGrid({ courseId: published.courseId, locale: "en" });
    const gridMs = performance.now() - started;
    started = performance.now();
    const text = progressCsv(grid);
    console.log(
      `progress grid (${grid.rows.length} learners × ${grid.modules.length} modules), run ${run}: ${gridMs.toFixed(0)} ms query+build, CSV ${(performance.now() - started).toFixed(0)} ms, ${(text.length / 1024).toFixed(0)} KB`,
    );
  }
} finally {
  await runShutdown();
  await dropDatabase(name);
}
