/**
 * npm run chaos:certificates [-- --count 300 --kill-at 60 --redis-restart shutdown --redis-port 63812]
 * "Exactly one certificate per completion, whatever happens to Redis or the worker"
 * (docs/decisions/011-certificates.md), tried: in a throwaway database, with a redis-server of
 * its own (appendonly, port --redis-port, --dir under .cache/) that it may restart:
 *   1. e2e/courses imported (e2e-quiz, certificate policy set to "approval" for the run); N officers
 *      (names in many scripts) whose completions wait; the real worker (jobs/worker.ts) started;
 *   2. all N approved in one batch (approveCompletions) and enqueued, as /admin/certificates does;
 *   3. once --kill-at certificates are READY: the worker is killed with SIGKILL mid-batch;
 *   4. Redis is restarted on the same --dir: SHUTDOWN then start (--redis-restart shutdown, the
 *      default: the AOF keeps what it keeps), or SIGKILL then start (kill: the AOF as far as its
 *      last fsync), or start on an emptied dir (wipe: every job lost; the duplicates of step 5
 *      then go to READY certificates only, so PENDING ones can only come back by the reconciler);
 *   5. duplicates: enqueueCertificates of every certificate id, twice (same job ids, as the app
 *      enqueues), plus one job per certificate under a different job id (a duplicate bull cannot
 *      collapse; --forced-duplicates no to skip), and the same approvals again, twice at once
 *      (two administrators), which must create nothing;
 *   6. the worker started again with RECONCILE_EVERY_MS=2000 and RECONCILE_STALE_AFTER_MS=3000,
 *      and waited for until no certificate is PENDING (--timeout-min, default 15) and the
 *      certificates queue is drained.
 * Prints the timeline and, for all completions, how many have zero, one or more certificates,
 * READY/FAILED counts and certificate-ready emails per certificate. Exits 1 unless every
 * completion has exactly one certificate and none is PENDING or FAILED.
 * Needs PostgreSQL (`npm run provision`), redis-server on the PATH and the Noto fonts.
 */
import { mkdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { dropDatabase, freshDatabase } from "./test-env";
import { run } from "./run";
import {
  CERTIFICATE_LOG_SQL,
  groupBy,
  insertAwaitingCompletions,
  ownRedis,
  portIsFree,
  row,
  sleep,
  startWorker,
  withApplicationName,
  type OwnRedis,
  type WorkerProcess,
} from "./bench-support";

const { values } = parseArgs({
  options: {
    count: { type: "string", default: "300" },
    "kill-at": { type: "string" },
    "redis-restart": { type: "string", default: "shutdown" },
    "forced-duplicates": { type: "string", default: "yes" },
    "redis-port": { type: "string", default: process.env.CHAOS_REDIS_PORT ?? "63812" },
    "timeout-min": { type: "string", default: "15" },
  },
});
const N = Number(values.count);
const KILL_AT = values["kill-at"] === undefined ? Math.max(1, Math.round(N / 5)) : Number(values["kill-at"]);
const RESTART = values["redis-restart"] as "shutdown" | "kill" | "wipe";
const FORCED = values["forced-duplicates"] !== "no";
const REDIS_PORT = Number(values["redis-port"]);
const TIMEOUT_MS = Number(values["timeout-min"]) * 60_000;
if (!Number.isInteger(N) || N < 2) fail("--count must be an integer ≥ 2");
if (!Number.isInteger(KILL_AT) || KILL_AT < 1 || KILL_AT >= N)
  fail("--kill-at must be a number of READY certificates between 1 and --count - 1");
if (!["shutdown", "kill", "wipe"].includes(RESTART)) fail("--redis-restart must be shutdown, kill or wipe");
if (!Number.isInteger(REDIS_PORT) || REDIS_PORT < 1 || REDIS_PORT > 65535) fail("--redis-port must be a TCP port");
if (!(TIMEOUT_MS > 0)) fail("--timeout-min must be a positive number of minutes");

const COURSE = "e2e-quiz";

function fail(message: string): never {
  console.error(`chaos:certificates: ${message}`);
  process.exit(1);
}

if (!(await portIsFree(REDIS_PORT)))
  fail(`port ${REDIS_PORT} is in use: choose another with --redis-port or CHAOS_REDIS_PORT.`);
if (run("sh", ["-c", "command -v redis-server >/dev/null"]).status !== 0)
  fail("redis-server is not on the PATH (npm run provision installs it on Debian).");

// ------------------------------------------------------------------ throwaway database, own Redis

const dbName = `haidang_chaos_certificates_${process.pid}`;
const runDir = resolve(".cache", `chaos-certificates-${process.pid}`);
const redisDir = join(runDir, "redis");
const outbox = join(runDir, "outbox");
mkdirSync(redisDir, { recursive: true });
mkdirSync(outbox, { recursive: true });
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
      console.error(`chaos:certificates: could not drop ${dbName}: ${error}`),
    );
    if (keepRunDir) {
      rmSync(redisDir, { recursive: true, force: true });
      rmSync(outbox, { recursive: true, force: true });
      console.error(`chaos:certificates: worker logs kept in ${runDir}`);
    } else rmSync(runDir, { recursive: true, force: true });
  })();
  return cleaning;
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    console.error(`\nchaos:certificates: ${signal}: stopping the worker and Redis, dropping ${dbName}`);
    keepRunDir = true;
    void cleanup().finally(() => process.exit(130));
  });
}

const started = Date.now();
const timeline: string[] = [];
/** One line of the timeline, also printed as it happens. */
function mark(text: string) {
  const line = `+${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s  ${text}`;
  timeline.push(line);
  console.log(`  ${line}`);
}

let exitCode = 1;
try {
  exitCode = await main();
} catch (error) {
  keepRunDir = true;
  console.error(`chaos:certificates: ${error instanceof Error ? (error.stack ?? error.message) : error}`);
  for (const w of workers) console.error(`--- ${w.label} (last 20 lines) ---\n${w.lines.slice(-20).join("\n")}`);
} finally {
  if (exitCode !== 0) keepRunDir = true;
  for (const w of workers) w.saveLog(join(runDir, `${w.label}.log`));
  await cleanup();
}
process.exit(exitCode);

// ------------------------------------------------------------------ the scenario

async function main(): Promise<number> {
  console.log(
    `chaos:certificates: ${N} completions, kill at ${KILL_AT} READY, Redis restart: ${RESTART}, forced duplicates: ${FORCED ? "yes" : "no"}`,
  );
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
  const { enqueueCertificates, certificatesQueue, CertificateJobSchema } = await import("../jobs/queues");
  const { loadIssuerKey } = await import("../app/certificates/credential.server");
  await loadIssuerKey(); // written once here (0600, in the run directory), read by both workers

  const course = await prisma.course.update({
    where: { slug: COURSE },
    data: { certificatePolicy: "approval" },
    select: { id: true },
  });
  const admin = await prisma.user.create({
    data: {
      id: crypto.randomUUID(),
      email: "chaos-admin@bench.example.org",
      name: "Trần Văn Chaos",
      title: "Programme Officer, UNODC",
      role: "ADMIN",
    },
    select: { id: true, role: true },
  });
  const secondAdmin = await prisma.user.create({
    data: {
      id: crypto.randomUUID(),
      email: "chaos-admin-2@bench.example.org",
      name: "Amina الخطيب",
      title: "Head of Programme",
      role: "ADMIN",
    },
    select: { id: true, role: true },
  });
  for (const sql of CERTIFICATE_LOG_SQL) await prisma.$executeRawUnsafe(sql);
  await insertAwaitingCompletions(databaseUrl, { courseId: course.id, count: N, tag: "chaos" });
  const queue = certificatesQueue();
  let queueErrors = 0;
  queue.on("error", () => queueErrors++); // while Redis restarts
  await queue.isReady();

  const statusCounts = async () => {
    const counts = await prisma.certificate.groupBy({ by: ["status"], _count: true });
    const count = (s: string) => counts.find((c) => c.status === s)?._count ?? 0;
    return {
      ready: count("READY"),
      failed: count("FAILED"),
      pending: count("PENDING"),
      total: counts.reduce((n, c) => n + c._count, 0),
    };
  };
  const jobCounts = async () => {
    const c = await queue.getJobCounts();
    return `waiting ${c.waiting}, active ${c.active}, delayed ${c.delayed}, completed ${c.completed}, failed ${c.failed}`;
  };
  const workerEnv = (label: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
    ...process.env,
    NODE_ENV: "production",
    LOG_LEVEL: "info",
    DATABASE_URL: withApplicationName(databaseUrl, label),
    ...extra,
  });

  // ---- 1. the worker
  const w1 = startWorker({ label: "worker-1", env: workerEnv("worker-1") });
  workers.push(w1);
  await w1.ready;
  mark(`worker 1 ready (pid ${w1.child.pid}, reconciler at its defaults)`);

  // ---- 2. one batch, as the admin page does it
  const completionIds = await waitingCompletionIds({ courseId: course.id, cohortId: null });
  const approved = await approveCompletions({ admin, completionIds, courseId: course.id }); // queues the jobs after its commit
  const certificateIds = approved.certificateIds;
  mark(
    `approved ${completionIds.length} completions in one batch: ${certificateIds.length} certificates PENDING, enqueued`,
  );

  // ---- 3. SIGKILL mid-batch
  const killDeadline = Date.now() + 10 * 60_000;
  for (;;) {
    const c = await statusCounts();
    if (c.ready >= KILL_AT) break;
    if (c.pending === 0)
      throw new Error(`every certificate settled before ${KILL_AT} were READY: nothing left to kill`);
    if (w1.exited()) throw new Error("worker 1 exited by itself");
    if (Date.now() > killDeadline) throw new Error(`fewer than ${KILL_AT} certificates READY after 10 min`);
    await sleep(100);
  }
  await w1.kill();
  const killedAt = Date.now();
  const atKill = await statusCounts();
  mark(
    `worker 1 killed (SIGKILL): ${atKill.ready} READY, ${atKill.failed} FAILED, ${atKill.pending} PENDING at kill time; Redis jobs: ${await jobCounts()}`,
  );
  if (atKill.pending === 0)
    throw new Error("the batch was finished when the worker was killed: nothing left mid-batch (lower --kill-at)");

  // ---- 4. Redis restart
  await redis.stop(RESTART === "kill" ? "kill" : "shutdown");
  mark(`Redis stopped (${RESTART === "kill" ? "SIGKILL" : "SHUTDOWN"})`);
  if (RESTART === "wipe") {
    rmSync(redisDir, { recursive: true, force: true });
    mkdirSync(redisDir, { recursive: true });
  }
  await redis.start();
  const pendingAfterRestart = await prisma.certificate.findMany({ where: { status: "PENDING" }, select: { id: true } });
  const jobStates = new Map<string, number>();
  for (const { id } of pendingAfterRestart) {
    const job = await queue.getJob(id);
    const state = job ? await job.getState() : "no job (lost)";
    jobStates.set(state, (jobStates.get(state) ?? 0) + 1);
  }
  mark(
    `Redis started again on the same --dir${RESTART === "wipe" ? " (emptied)" : " (AOF replayed)"}: Redis jobs: ${await jobCounts()}; the ${pendingAfterRestart.length} PENDING certificates' jobs: ${[...jobStates].map(([s, n]) => `${s} ${n}`).join(", ") || "none"}`,
  );

  // ---- 5. duplicates: jobs, then approvals
  const readyNow = new Set(
    (await prisma.certificate.findMany({ where: { status: "READY" }, select: { id: true } })).map((c) => c.id),
  );
  const duplicateTargets = RESTART === "wipe" ? certificateIds.filter((id) => readyNow.has(id)) : certificateIds;
  await enqueueCertificates(duplicateTargets);
  await enqueueCertificates(duplicateTargets);
  if (FORCED) {
    for (let i = 0; i < duplicateTargets.length; i += 500) {
      await queue.addBulk(
        duplicateTargets.slice(i, i + 500).map((certificateId) => ({
          data: CertificateJobSchema.parse({ certificateId }),
          opts: { jobId: `duplicate-${certificateId}` },
        })),
      );
    }
  }
  mark(
    `duplicates enqueued for ${duplicateTargets.length} certificate ids${RESTART === "wipe" ? " (the READY ones)" : " (all)"}: enqueueCertificates ×2 (same job ids)${FORCED ? ` + ${duplicateTargets.length} jobs under other ids` : ""}; Redis jobs: ${await jobCounts()}`,
  );

  const certificatesBefore = await prisma.certificate.count();
  const again = await Promise.all([
    approveCompletions({ admin, completionIds, courseId: course.id }),
    approveCompletions({ admin: secondAdmin, completionIds, courseId: course.id }),
  ]);
  const stillWaiting = await waitingCompletionIds({ courseId: course.id, cohortId: null });
  const fromAgain = again.flatMap((r) => r.certificateIds);
  const certificatesAfter = await prisma.certificate.count();
  mark(
    `duplicate approvals (two administrators at once, all ${completionIds.length} completions each): ${again.map((r) => `${r.certificateIds.length} created/${r.skipped} skipped`).join(" and ")}; waiting after: ${stillWaiting.length}; certificates ${certificatesBefore} → ${certificatesAfter}`,
  );

  // ---- 6. the worker again, with a fast reconciler
  const w2 = startWorker({
    label: "worker-2",
    env: workerEnv("worker-2", { RECONCILE_EVERY_MS: "2000", RECONCILE_STALE_AFTER_MS: "3000" }),
  });
  workers.push(w2);
  await w2.ready;
  mark(`worker 2 ready (pid ${w2.child.pid}, RECONCILE_EVERY_MS=2000, RECONCILE_STALE_AFTER_MS=3000)`);

  const deadline = Date.now() + TIMEOUT_MS;
  let lastPrint = Date.now();
  let timedOut = false;
  for (;;) {
    const c = await statusCounts();
    if (c.pending === 0) break;
    if (Date.now() > deadline) {
      timedOut = true;
      break;
    }
    if (w2.exited()) throw new Error("worker 2 exited by itself");
    if (Date.now() - lastPrint >= 15_000) {
      lastPrint = Date.now();
      console.log(
        `           … ${c.ready} READY, ${c.failed} FAILED, ${c.pending} PENDING; Redis jobs: ${await jobCounts()}`,
      );
    }
    await sleep(250);
  }
  const settled = await statusCounts();
  mark(
    timedOut
      ? `TIMED OUT after ${values["timeout-min"]} min: ${settled.pending} still PENDING (${settled.ready} READY, ${settled.failed} FAILED)`
      : `nothing PENDING: ${settled.ready} READY, ${settled.failed} FAILED`,
  );

  // Let the remaining duplicate jobs run (each must change nothing), then stop the worker.
  const drainDeadline = Date.now() + 180_000;
  let drained = false;
  while (Date.now() < drainDeadline) {
    const c = await queue.getJobCounts();
    if (c.waiting + c.active + c.delayed === 0) {
      drained = true;
      break;
    }
    await sleep(250);
  }
  await sleep(500); // the last job's email row is written after its certificate turns READY
  await w2.stop();
  mark(
    `${drained ? "certificates queue drained" : "certificates queue NOT drained after 3 min"}; worker 2 stopped; Redis jobs: ${await jobCounts()}`,
  );

  // ---- verification
  const completions = await prisma.courseCompletion.findMany({
    where: { enrolment: { courseId: course.id } },
    select: { id: true, certificateState: true },
  });
  const certs = await prisma.certificate.findMany({
    select: { id: true, serial: true, completionId: true, status: true, attempts: true, error: true },
  });
  const emails = await prisma.$queryRawUnsafe<{ serial: string; n: number; sent: number }[]>(
    `SELECT data->>'serial' AS serial, count(*)::int AS n, count(*) FILTER (WHERE status = 'SENT')::int AS sent FROM "Email" WHERE template = 'certificate-ready' GROUP BY 1`,
  );
  const events = await prisma.$queryRawUnsafe<
    { certificate_id: string; event: string; app: string | null; at: Date }[]
  >(`SELECT certificate_id, event, app, at FROM bench_certificate_events ORDER BY id`);

  const perCompletion = groupBy(certs, (c) => c.completionId);
  const zero = completions.filter((c) => !perCompletion.has(c.id)).length;
  const one = completions.filter((c) => perCompletion.get(c.id)?.length === 1).length;
  const many = completions.filter((c) => (perCompletion.get(c.id)?.length ?? 0) > 1).length;
  const ready = certs.filter((c) => c.status === "READY");
  const failed = certs.filter((c) => c.status === "FAILED");
  const pending = certs.filter((c) => c.status === "PENDING");
  const emailsOf = new Map(emails.map((e) => [e.serial, e]));
  const emailZero = ready.filter((c) => !emailsOf.has(c.serial)).length;
  const emailOne = ready.filter((c) => emailsOf.get(c.serial)?.n === 1).length;
  const emailMany = ready.filter((c) => (emailsOf.get(c.serial)?.n ?? 0) > 1).length;
  const emailsSent = emails.reduce((n, e) => n + e.sent, 0);
  const readyEvents = groupBy(
    events.filter((e) => e.event === "ready"),
    (e) => e.certificate_id,
  );
  const readyTwice = [...readyEvents.values()].filter((l) => l.length > 1).length;
  const readyBy = groupBy(
    events.filter((e) => e.event === "ready"),
    (e) => e.app ?? "?",
  );
  const inserts = events.filter((e) => e.event === "insert").length;
  const retried = certs.filter((c) => c.attempts > 0);
  const reconcilerLines = w2.lines.filter((l) => l.includes("reconciler: re-enqueued") && l.includes("certificate"));
  const reconciled = reconcilerLines.reduce((n, l) => n + Number(/re-enqueued (\d+)/.exec(l)?.[1] ?? 0), 0);
  const errorLines = workers.flatMap((w) =>
    w.lines.filter((l) => /error|failed|exception|stalled/i.test(l)).map((l) => `${w.label}: ${l}`),
  );

  const ok =
    !timedOut &&
    zero === 0 &&
    many === 0 &&
    one === N &&
    pending.length === 0 &&
    failed.length === 0 &&
    certs.length === N;
  console.log(`
chaos:certificates: ${N} completions of ${COURSE}, worker SIGKILLed at ${atKill.ready} READY, Redis restart "${RESTART}"
timeline:
${timeline.map((l) => `  ${l}`).join("\n")}

${row("completions", `${completions.length} (${completions.filter((c) => c.certificateState === "ISSUED").length} ISSUED, ${completions.filter((c) => c.certificateState === "AWAITING_APPROVAL").length} still waiting)`)}
${row("per completion", `zero: ${zero} · exactly one: ${one} · more than one: ${many}`)}
${row("certificates", `${certs.length}: READY ${ready.length} · FAILED ${failed.length} · PENDING ${pending.length}`)}
${row("made READY by", [...readyBy].map(([app, l]) => `${app || "?"} ${l.length}`).join(" · ") || "nobody")}
${row("row events", `${inserts} inserts (trigger log) · ${readyTwice} certificate(s) turned READY more than once`)}
${row("tries recorded", `${retried.length} certificate(s) with attempts > 0${retried.length ? `: ${[...groupBy(retried, (c) => (c.error ?? "").slice(0, 100))].map(([e, l]) => `${l.length}× ${e}`).join("; ")}` : ""}`)}
${row("ready emails", `per READY certificate: zero ${emailZero} · one ${emailOne} · more than one ${emailMany} (${emailsSent} sent to the outbox)`)}
${row("reconciler (worker 2)", `${reconcilerLines.length} pass(es) re-enqueued certificates, ${reconciled} ids in all (a no-op for ids whose job is still in Redis)`)}
${row("duplicate approvals", `${fromAgain.length} certificate(s) created`)}
${row("queue client errors", `${queueErrors} (this process's bull connection while Redis was down)`)}`);
  if (failed.length)
    console.log(
      `\nFAILED certificates:\n${failed
        .slice(0, 10)
        .map((c) => `  ${c.serial}: ${c.error}`)
        .join("\n")}`,
    );
  if (pending.length)
    console.log(
      `\nstill PENDING (first 10): ${pending
        .slice(0, 10)
        .map((c) => c.serial)
        .join(", ")}`,
    );
  if (errorLines.length)
    console.log(
      `\nworker error lines (${errorLines.length}, first 10):\n${errorLines
        .slice(0, 10)
        .map((l) => `  ${l}`)
        .join("\n")}`,
    );
  if (emailZero || emailMany) {
    const when = (c: { id: string }) => {
      const e = readyEvents.get(c.id)?.[0];
      return e
        ? `made READY by ${e.app || "?"} at +${((e.at.getTime() - started) / 1000).toFixed(1)} s`
        : "no READY event";
    };
    const lines = [
      ...ready
        .filter((c) => !emailsOf.has(c.serial))
        .map(
          (c) =>
            `  no email: ${c.serial} (${when(c)}; worker 1 killed at +${((killedAt - started) / 1000).toFixed(1)} s)`,
        ),
      ...ready
        .filter((c) => (emailsOf.get(c.serial)?.n ?? 0) > 1)
        .map((c) => `  ${emailsOf.get(c.serial)!.n} emails: ${c.serial} (${when(c)})`),
    ];
    console.log(
      `\nnote: ${emailZero} READY certificate(s) without a certificate-ready email, ${emailMany} with more than one (not counted in the result):\n${lines.slice(0, 10).join("\n")}`,
    );
  }
  console.log(
    ok
      ? "\nresult: OK: every completion has exactly one certificate, none PENDING or FAILED."
      : "\nresult: FAILED: not every completion has exactly one settled certificate (see above)",
  );
  return ok ? 0 : 1;
}
