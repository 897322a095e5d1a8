/**
 * npm run bench:certificates [-- --count 1000 --workers 1 --concurrency 2 --redis-port 63811]
 * How fast the worker turns an approved cohort into downloadable certificates, in a throwaway
 * database and a redis-server of its own (appendonly, port --redis-port, data under .cache/):
 *   1. a fresh database (migrated), e2e/courses imported; the certificate policy of e2e-quiz set
 *      to "approval" for the run; N officers (names in Vietnamese, Arabic, Russian, Chinese, Thai,
 *      Khmer and Latin scripts; locales en/fr/ar) whose completions wait for approval;
 *   2. the real worker (jobs/worker.ts, NODE_ENV=production) started as --workers processes,
 *      each with WORKER_CERTIFICATE_CONCURRENCY=--concurrency (default: the worker's own, 2),
 *      and waited for until ready;
 *   3. measured from here: as /admin/certificates does it, waitingCompletionIds, approveCompletions
 *      (one batch; it queues the jobs after its commit); then until every certificate is READY or FAILED.
 * `--workers 1,2` runs the whole thing once per value (new officers each round) to compare.
 * Prints per round: certificates per second overall and per worker process (from a trigger that
 * records which connection made each row READY), CPU per certificate, PDF sizes (median, largest,
 * by script), issuedAt → readyAt (p50, p95, max), failures. Exits 1 when a certificate is FAILED,
 * missing or doubled, or the run times out. Stops its processes, drops the database, removes
 * its directory under .cache/ (kept, with the worker logs, when something failed).
 * Needs PostgreSQL (`npm run provision`), redis-server on the PATH and the Noto fonts.
 */
import { mkdirSync, rmSync } from "node:fs";
import os from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { dropDatabase, freshDatabase } from "./test-env";
import { run } from "./run";
import {
  CERTIFICATE_LOG_SQL,
  cpuSeconds,
  groupBy,
  insertAwaitingCompletions,
  kb,
  ownRedis,
  pct,
  portIsFree,
  row,
  SCRIPTS,
  secs,
  sleep,
  startWorker,
  withApplicationName,
  type OwnRedis,
  type WorkerProcess,
} from "./bench-support";

const { values } = parseArgs({
  options: {
    count: { type: "string", default: "1000" },
    workers: { type: "string", default: "1" },
    concurrency: { type: "string" },
    "redis-port": { type: "string", default: process.env.BENCH_REDIS_PORT ?? "63811" },
    "timeout-min": { type: "string", default: "30" },
  },
});
const N = Number(values.count);
const ROUNDS = values.workers.split(",").map((w) => Number(w.trim()));
const CONCURRENCY = values.concurrency;
const REDIS_PORT = Number(values["redis-port"]);
const TIMEOUT_MS = Number(values["timeout-min"]) * 60_000;
if (!Number.isInteger(N) || N < 1) fail("--count must be a positive integer");
if (!ROUNDS.length || ROUNDS.some((w) => !Number.isInteger(w) || w < 1 || w > 16))
  fail("--workers must be a number of worker processes (1–16), or a list such as 1,2");
if (CONCURRENCY !== undefined && !(Number.isInteger(Number(CONCURRENCY)) && Number(CONCURRENCY) >= 1))
  fail("--concurrency must be a positive integer");
if (!Number.isInteger(REDIS_PORT) || REDIS_PORT < 1 || REDIS_PORT > 65535) fail("--redis-port must be a TCP port");
if (!(TIMEOUT_MS > 0)) fail("--timeout-min must be a positive number of minutes");

const COURSE = "e2e-quiz";

function fail(message: string): never {
  console.error(`bench:certificates: ${message}`);
  process.exit(1);
}

if (!(await portIsFree(REDIS_PORT)))
  fail(`port ${REDIS_PORT} is in use: choose another with --redis-port or BENCH_REDIS_PORT.`);
if (run("sh", ["-c", "command -v redis-server >/dev/null"]).status !== 0)
  fail("redis-server is not on the PATH (npm run provision installs it on Debian).");

// ------------------------------------------------------------------ throwaway database, own Redis

const dbName = `haidang_bench_certificates_${process.pid}`;
const runDir = resolve(".cache", `bench-certificates-${process.pid}`);
const redisDir = join(runDir, "redis");
const outbox = join(runDir, "outbox");
mkdirSync(redisDir, { recursive: true });
mkdirSync(outbox, { recursive: true });
const loadBefore = os.loadavg();
let redis: OwnRedis | null = null;
const workers: WorkerProcess[] = [];
let keepRunDir = false;
let cleaning: Promise<void> | null = null;

function cleanup() {
  cleaning ??= (async () => {
    await Promise.all(workers.map((w) => w.stop()));
    const { runShutdown } = await import("../app/utils/shutdown.server");
    await runShutdown();
    await redis?.stop("shutdown").catch(() => undefined);
    await dropDatabase(dbName).catch((error) =>
      console.error(`bench:certificates: could not drop ${dbName}: ${error}`),
    );
    if (keepRunDir) {
      rmSync(redisDir, { recursive: true, force: true });
      rmSync(outbox, { recursive: true, force: true });
      console.error(`bench:certificates: worker logs kept in ${runDir}`);
    } else rmSync(runDir, { recursive: true, force: true });
  })();
  return cleaning;
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    console.error(`\nbench:certificates: ${signal}: stopping the workers and Redis, dropping ${dbName}`);
    keepRunDir = true;
    void cleanup().finally(() => process.exit(130));
  });
}

let exitCode = 1;
try {
  exitCode = await main();
} catch (error) {
  keepRunDir = true;
  console.error(`bench:certificates: ${error instanceof Error ? (error.stack ?? error.message) : error}`);
  for (const w of workers) console.error(`--- ${w.label} (last 20 lines) ---\n${w.lines.slice(-20).join("\n")}`);
} finally {
  if (exitCode !== 0) keepRunDir = true;
  for (const w of workers) w.saveLog(join(runDir, `${w.label}.log`));
  await cleanup();
}
process.exit(exitCode);

// ------------------------------------------------------------------ the benchmark

type RoundResult = {
  workers: number;
  approveMs: number;
  enqueueMs: number;
  wallMs: number;
  firstReadyMs: number;
  ready: number;
  failed: number;
  missing: number;
  doubled: number;
  stuck: number;
  perWorker: { label: string; ready: number; cpu: number | null }[];
  pdf: number[];
  latency: number[];
  bad: boolean;
};

async function main(): Promise<number> {
  const databaseUrl = await freshDatabase(dbName);
  redis = await ownRedis({ port: REDIS_PORT, dir: redisDir });
  const keyFile = join(runDir, "issuer-ed25519.json");
  Object.assign(process.env, {
    DATABASE_URL: databaseUrl,
    REDIS_URL: redis.url,
    OUTBOX_DIR: outbox,
    HAIDANG_KEY_FILE: keyFile,
    LOG_LEVEL: "silent",
  });

  const imported = run("npx", ["tsx", "scripts/courses-import.ts", "e2e/courses"], { capture: true });
  if (imported.status !== 0) throw new Error(`importing e2e/courses failed:\n${imported.stdout}`);

  const { prisma } = await import("../app/utils/db.server");
  const { approveCompletions, waitingCompletionIds } = await import("../app/models/certificates.server");
  const { certificatesQueue } = await import("../jobs/queues");
  const { loadIssuerKey } = await import("../app/certificates/credential.server");
  await loadIssuerKey(); // written once here (0600, in the run directory), read by every worker

  const course = await prisma.course.update({
    where: { slug: COURSE },
    data: { certificatePolicy: "approval" },
    select: { id: true },
  });
  const admin = await prisma.user.create({
    data: {
      id: crypto.randomUUID(),
      email: "bench-admin@bench.example.org",
      name: "Nguyễn Thị Bench",
      title: "Programme Officer, UNODC",
      role: "ADMIN",
    },
    select: { id: true, role: true },
  });
  for (const sql of CERTIFICATE_LOG_SQL) await prisma.$executeRawUnsafe(sql);
  await certificatesQueue().isReady();

  const pgVersion =
    (await prisma.$queryRawUnsafe<{ server_version: string }[]>("SHOW server_version"))[0]?.server_version ?? "?";
  const cpus = os.cpus();
  const results: RoundResult[] = [];

  for (const [r, workerCount] of ROUNDS.entries()) {
    const tag = `r${r + 1}`;
    const scriptOf = await insertAwaitingCompletions(databaseUrl, { courseId: course.id, count: N, tag });

    // ---- the worker processes, ready before anything is measured
    const round: WorkerProcess[] = [];
    for (let k = 1; k <= workerCount; k++) {
      const label = `${tag}-worker-${k}`;
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        NODE_ENV: "production",
        LOG_LEVEL: "info",
        DATABASE_URL: withApplicationName(databaseUrl, label),
        ...(CONCURRENCY ? { WORKER_CERTIFICATE_CONCURRENCY: CONCURRENCY } : {}),
      };
      const w = startWorker({ label, env });
      round.push(w);
      workers.push(w);
    }
    await Promise.all(round.map((w) => w.ready));
    const cpuBefore = round.map((w) => cpuSeconds(w.child.pid));

    // ---- measured: approve the cohort in one batch and enqueue, as the admin page does
    console.log(`round ${r + 1}: ${N} certificates, ${workerCount} worker process(es)…`);
    const t0 = Date.now();
    const ids = await waitingCompletionIds({ courseId: course.id, cohortId: null });
    const approved = await approveCompletions({ admin, completionIds: ids, courseId: course.id });
    const approveMs = Date.now() - t0;
    const enqueueMs = 0; // approveCompletions queues the jobs itself, after its commit (counted in approveMs)
    if (approved.certificateIds.length !== N)
      console.log(
        `  approveCompletions returned ${approved.certificateIds.length} certificates for ${ids.length} waiting completions (skipped ${approved.skipped})`,
      );

    let lastPrint = Date.now();
    let timedOut = false;
    for (;;) {
      const counts = await prisma.certificate.groupBy({
        by: ["status"],
        where: approved.batchId ? { batchId: approved.batchId } : { id: { in: approved.certificateIds } },
        _count: true,
      });
      const count = (s: string) => counts.find((c) => c.status === s)?._count ?? 0;
      if (count("PENDING") === 0) break;
      if (Date.now() - t0 > TIMEOUT_MS) {
        timedOut = true;
        break;
      }
      if (round.every((w) => w.exited())) throw new Error("every worker process exited during the run");
      if (Date.now() - lastPrint >= 15_000) {
        lastPrint = Date.now();
        console.log(
          `  +${secs(Date.now() - t0)}: ${count("READY")} READY, ${count("FAILED")} FAILED, ${count("PENDING")} PENDING`,
        );
      }
      await sleep(250);
    }
    const cpuAfter = round.map((w) => cpuSeconds(w.child.pid));
    await Promise.all(round.map((w) => w.stop()));

    // ---- what happened, from the database
    const certs = await prisma.certificate.findMany({
      where: { courseId: course.id, user: { email: { startsWith: `officer-${tag}-` } } },
      select: {
        id: true,
        completionId: true,
        status: true,
        issuedAt: true,
        readyAt: true,
        updatedAt: true,
        pdfBytes: true,
        attempts: true,
        error: true,
        user: { select: { email: true } },
      },
    });
    const completions = await prisma.courseCompletion.findMany({
      where: { enrolment: { courseId: course.id, user: { email: { startsWith: `officer-${tag}-` } } } },
      select: { id: true },
    });
    const events = await prisma.$queryRawUnsafe<{ certificate_id: string; app: string | null }[]>(
      `SELECT certificate_id, app FROM bench_certificate_events WHERE event = 'ready'`,
    );
    const emails = await prisma.email.count({
      where: { template: "certificate-ready", to: { startsWith: `officer-${tag}-` } },
    });

    const perCompletion = groupBy(certs, (c) => c.completionId);
    const missing = completions.filter((c) => !perCompletion.has(c.id)).length;
    const doubled = [...perCompletion.values()].filter((list) => list.length > 1).length;
    const ready = certs.filter((c) => c.status === "READY");
    const failed = certs.filter((c) => c.status === "FAILED");
    const stuck = certs.filter((c) => c.status === "PENDING").length;
    const settled = certs.filter((c) => c.status !== "PENDING").map((c) => (c.readyAt ?? c.updatedAt).getTime());
    const wallMs = (settled.length ? Math.max(...settled) : Date.now()) - t0;
    const readyTimes = ready.map((c) => c.readyAt!.getTime()).sort((a, b) => a - b);
    const firstReadyMs = readyTimes.length ? readyTimes[0]! - t0 : NaN;
    const pdf = ready.map((c) => c.pdfBytes ?? 0).sort((a, b) => a - b);
    const latency = ready.map((c) => c.readyAt!.getTime() - c.issuedAt.getTime()).sort((a, b) => a - b);
    const certIds = new Set(certs.map((c) => c.id));
    const readyBy = groupBy(
      events.filter((e) => certIds.has(e.certificate_id)),
      (e) => e.app ?? "?",
    );
    const perWorker = round.map((w, k) => ({
      label: w.label,
      ready: readyBy.get(w.label)?.length ?? 0,
      cpu: cpuBefore[k] !== null && cpuAfter[k] !== null ? cpuAfter[k]! - cpuBefore[k]! : null,
    }));
    const retried = ready.filter((c) => c.attempts > 0).length;
    const bad = timedOut || failed.length > 0 || missing > 0 || doubled > 0 || stuck > 0;
    results.push({
      workers: workerCount,
      approveMs,
      enqueueMs,
      wallMs,
      firstReadyMs,
      ready: ready.length,
      failed: failed.length,
      missing,
      doubled,
      stuck,
      perWorker,
      pdf,
      latency,
      bad,
    });

    const wallS = wallMs / 1000;
    const steady =
      readyTimes.length > 1 ? (readyTimes.length - 1) / ((readyTimes.at(-1)! - readyTimes[0]!) / 1000) : NaN;
    const totalCpu = perWorker.every((p) => p.cpu !== null) ? perWorker.reduce((s, p) => s + p.cpu!, 0) : null;
    const byScript = groupBy(ready, (c) => scriptOf.get(c.user.email) ?? "?");
    console.log(`
bench:certificates: round ${r + 1}: ${N} certificates of ${COURSE} approved in one batch, ${workerCount} worker process(es)
${row(
  "machine",
  `${cpus.length} cores (${cpus[0]?.model.trim() ?? "?"}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB; load average ${loadBefore.map((l) => l.toFixed(1)).join(" ")} before the benchmark, ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")} now`,
)}
${row("software", `Node ${process.version}, PostgreSQL ${pgVersion}, own redis-server :${REDIS_PORT} (appendonly), NODE_ENV=production, certificate concurrency ${CONCURRENCY ?? "2 (worker default)"} per process`)}
${row("approve (one batch)", `${approveMs} ms for ${approved.certificateIds.length} certificates (waitingCompletionIds + approveCompletions, which also queues the jobs)`)}
${row("first READY", `${secs(firstReadyMs)} after the approval started`)}
${row("all settled", `${secs(wallMs)} after the approval started${timedOut ? ` (TIMED OUT after ${values["timeout-min"]} min)` : ""}`)}
${row("throughput", `${(ready.length / wallS).toFixed(2)} certificates/s end to end · ${steady.toFixed(2)}/s between the first and the last READY`)}
${row("per worker process", perWorker.map((p) => `${p.label}: ${p.ready} READY, ${(p.ready / wallS).toFixed(2)}/s${p.cpu !== null ? `, ${p.cpu.toFixed(1)} CPU s = ${p.ready ? ((p.cpu * 1000) / p.ready).toFixed(0) : "n/a"} CPU ms per certificate` : ""}`).join("\n" + " ".repeat(27)))}
${row("CPU, all workers", totalCpu !== null ? `${totalCpu.toFixed(1)} s = ${ready.length ? ((totalCpu * 1000) / ready.length).toFixed(0) : "n/a"} ms per certificate (PDF, credential, email; the ceiling on ${cpus.length} idle cores ≈ ${ready.length && totalCpu ? ((cpus.length * ready.length) / totalCpu).toFixed(1) : "n/a"}/s)` : "n/a (no /proc)")}
${row("PDF size", `median ${kb(pct(pdf, 50))} · p95 ${kb(pct(pdf, 95))} · largest ${kb(pdf.at(-1) ?? NaN)} · smallest ${kb(pdf[0] ?? NaN)}`)}
${row(
  "PDF size by script",
  SCRIPTS.map((s) => {
    const xs = (byScript.get(s) ?? []).map((c) => c.pdfBytes ?? 0).sort((a, b) => a - b);
    return `${s} ${kb(pct(xs, 50))} (max ${kb(xs.at(-1) ?? NaN)})`;
  }).join(" · "),
)}
${row("issuedAt → readyAt", `p50 ${secs(pct(latency, 50))} · p95 ${secs(pct(latency, 95))} · max ${secs(latency.at(-1) ?? NaN)}`)}
${row("READY", `${ready.length} of ${completions.length} completions${retried ? ` (${retried} after a failed try)` : ""}`)}
${row("FAILED", `${failed.length}${failed.length ? `: ${[...groupBy(failed, (c) => (c.error ?? "").slice(0, 120))].map(([e, v]) => `${v.length}× ${e}`).join("; ")}` : ""}`)}
${row("missing / doubled", `${missing} completion(s) without a certificate · ${doubled} with more than one${stuck ? ` · ${stuck} still PENDING` : ""}`)}
${row("emails", `${emails} certificate-ready email row(s) written (expected ${ready.length})`)}`);
    const errorLines = round.flatMap((w) =>
      w.lines.filter((l) => /error|failed|exception/i.test(l)).map((l) => `${w.label}: ${l}`),
    );
    if (errorLines.length)
      console.log(
        `\n  worker error lines (${errorLines.length}, first 10):\n${errorLines
          .slice(0, 10)
          .map((l) => `    ${l}`)
          .join("\n")}`,
      );
  }

  if (results.length > 1) {
    const head = [
      "workers",
      "READY",
      "wall",
      "cert/s",
      "cert/s/process",
      "CPU ms/cert",
      "PDF median",
      "PDF max",
      "p95 issue→ready",
      "FAILED",
      "missing",
    ];
    const lines = results.map((x) => {
      const cpu = x.perWorker.every((p) => p.cpu !== null) ? x.perWorker.reduce((s, p) => s + p.cpu!, 0) : null;
      const rate = x.ready / (x.wallMs / 1000);
      return [
        String(x.workers),
        String(x.ready),
        secs(x.wallMs),
        rate.toFixed(2),
        (rate / x.workers).toFixed(2),
        cpu !== null && x.ready ? ((cpu * 1000) / x.ready).toFixed(0) : "n/a",
        kb(pct(x.pdf, 50)),
        kb(x.pdf.at(-1) ?? NaN),
        secs(pct(x.latency, 95)),
        String(x.failed),
        String(x.missing),
      ];
    });
    const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
    const fmt = (cells: string[]) => "  " + cells.map((c, i) => c.padStart(widths[i]!)).join("  ");
    console.log(`\ncomparison (${N} certificates per round):\n${fmt(head)}\n${lines.map(fmt).join("\n")}`);
  }

  const bad = results.some((x) => x.bad);
  console.log(
    bad
      ? "\nresult: FAILED: a certificate is FAILED, missing, doubled or still PENDING (see above)"
      : `\nresult: OK: every completion has exactly one certificate, READY.`,
  );
  return bad ? 1 : 0;
}
