/**
 * npm run bench:attempts [-- --officers 500 --duplicates 0.2 --concurrency 600 --port 3399]
 * Many officers submitting a quiz at the same moment, against the running app (server.ts and
 * the Remix build), in a throwaway database and Redis index 7:
 *   1. a fresh database (migrated), e2e/courses imported (the module quiz of e2e-quiz, whose
 *      answers are known), the app started on BENCH_PORT (default 3399) with NODE_ENV=production;
 *   2. through the app's models: N officers, each enrolled, the first module completed, a
 *      session (the cookie login sets), an attempt at `module-quiz` started and answered
 *      (three answer profiles with known scores);
 *   3. measured: every officer POSTs `intent=submit` to their attempt at once (a share of them
 *      twice, concurrently: a double click, a second tab); latency of each request. At most
 *      --concurrency requests in flight (default: all of them);
 *   4. verified in the database: per officer exactly one attempt, GRADED once, with the
 *      expected percent; a trigger installed for the run logs every change of an attempt row,
 *      so a second grading is seen even when it overwrote the first.
 * Prints the figures; exits 1 when any submission was lost or double-graded, any request
 * failed or any result was wrong. Stops the app and drops the database afterwards.
 * Needs PostgreSQL and Redis (`npm run provision`) and a build (`npm run build`).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { createCookie } from "@remix-run/node";
import { baseUrls, dropDatabase, flushRedisDb, freshDatabase, withRedisDb } from "./test-env";
import { run } from "./run";

const { values } = parseArgs({
  options: {
    officers: { type: "string", default: "500" },
    concurrency: { type: "string" },
    duplicates: { type: "string", default: "0.2" },
    port: { type: "string", default: process.env.BENCH_PORT ?? "3399" },
    "redis-db": { type: "string", default: "7" },
  },
});
const N = Number(values.officers);
/** Requests in flight at most; by default every request at once (N, plus the second submits). */
const CONCURRENCY = values.concurrency === undefined ? Number.POSITIVE_INFINITY : Number(values.concurrency);
const DUPLICATE_SHARE = Number(values.duplicates);
const PORT = Number(values.port);
const REDIS_DB = Number(values["redis-db"]);
if (!Number.isInteger(N) || N < 1) fail("--officers must be a positive integer");
if (CONCURRENCY !== Number.POSITIVE_INFINITY && (!Number.isInteger(CONCURRENCY) || CONCURRENCY < 1))
  fail("--concurrency must be a positive integer");
if (!(DUPLICATE_SHARE >= 0 && DUPLICATE_SHARE <= 1)) fail("--duplicates must be a share between 0 and 1 (0.2 = 20%)");
if (!Number.isInteger(PORT) || PORT < 1 || PORT > 65535) fail("--port must be a TCP port");

const COURSE = "e2e-quiz";
const ASSESSMENT = "module-quiz";
const FIRST_MODULE = "reading";
const ORIGIN = `http://localhost:${PORT}`;
const REQUEST_TIMEOUT_MS = 120_000;

function fail(message: string): never {
  console.error(`bench:attempts: ${message}`);
  process.exit(1);
}

// ------------------------------------------------------------------ preconditions

if (!existsSync("build/index.js"))
  fail("build/index.js is missing: run `npm run build` (npx remix build) first; the benchmark measures the built app.");
const newestSource = (dir: string): number =>
  readdirSync(dir, { withFileTypes: true }).reduce(
    (m, e) => Math.max(m, e.isDirectory() ? newestSource(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs),
    0,
  );
const buildIsStale = newestSource("app") > statSync("build/index.js").mtimeMs;

async function portIsFree(port: number) {
  return new Promise<boolean>((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, () => probe.close(() => resolve(true)));
  });
}
if (!(await portIsFree(PORT))) fail(`port ${PORT} is in use: choose another with --port or BENCH_PORT.`);

// ------------------------------------------------------------------ throwaway database, Redis index

const dbName = `haidang_bench_attempts_${process.pid}`;
const redisUrl = withRedisDb(baseUrls().redis, REDIS_DB);
const outbox = join(os.tmpdir(), `haidang-bench-attempts-${process.pid}`);
const appLogFile = join(os.tmpdir(), `haidang-bench-attempts-${process.pid}.log`);
const loadBefore = os.loadavg();
let server: ChildProcess | null = null;
const serverLog: string[] = [];
let cleaning: Promise<void> | null = null;

async function stopServer() {
  const child = server;
  server = null;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
  await exited;
  clearTimeout(timer);
}

function cleanup() {
  cleaning ??= (async () => {
    await stopServer();
    const { runShutdown } = await import("../app/utils/shutdown.server");
    await runShutdown();
    await dropDatabase(dbName).catch((error) => console.error(`bench:attempts: could not drop ${dbName}: ${error}`));
    await flushRedisDb(redisUrl).catch(() => undefined);
  })();
  return cleaning;
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    console.error(`\nbench:attempts: ${signal}: stopping the app and dropping ${dbName}`);
    void cleanup().finally(() => process.exit(130));
  });
}

let exitCode = 1;
try {
  exitCode = await main();
} catch (error) {
  console.error(`bench:attempts: ${error instanceof Error ? (error.stack ?? error.message) : error}`);
  if (serverLog.length) console.error(`--- app output (last 40 lines) ---\n${serverLog.slice(-40).join("\n")}`);
} finally {
  await cleanup();
}
process.exit(exitCode);

// ------------------------------------------------------------------ the benchmark

async function main(): Promise<number> {
  const databaseUrl = await freshDatabase(dbName);
  Object.assign(process.env, {
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    APP_URL: ORIGIN,
    PORT: String(PORT),
    OUTBOX_DIR: outbox,
    LOG_LEVEL: "silent",
  });
  await flushRedisDb(redisUrl);
  const appEnv: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", LOG_LEVEL: "info" };

  const imported = run("npx", ["tsx", "scripts/courses-import.ts", "e2e/courses"], { capture: true, env: appEnv });
  if (imported.status !== 0) throw new Error(`importing e2e/courses failed:\n${imported.stdout}`);

  // The app starts while the officers are prepared.
  const child = spawn("node_modules/.bin/tsx", ["server.ts"], { env: appEnv, stdio: ["ignore", "pipe", "pipe"] });
  server = child;
  for (const stream of [child.stdout, child.stderr]) {
    stream.setEncoding("utf8");
    let partial = "";
    stream.on("data", (chunk: string) => {
      const lines = (partial + chunk).split("\n");
      partial = lines.pop()!;
      serverLog.push(...lines.filter(Boolean));
    });
    stream.on("end", () => partial && serverLog.push(partial));
  }
  const serverExited = new Promise<never>((_, reject) =>
    child.once("exit", (code, signal) =>
      reject(new Error(`the app exited early (${signal ?? code})\n${serverLog.slice(-40).join("\n")}`)),
    ),
  );
  serverExited.catch(() => undefined);

  const { prisma } = await import("../app/utils/db.server");
  const { hashPassword } = await import("../app/utils/password.server");
  const { startSession } = await import("../app/utils/auth.server");
  const { enrol } = await import("../app/models/enrolments.server");
  const { completeModule } = await import("../app/models/progress.server");
  const { getAssessment, startAttempt, saveResponses } = await import("../app/models/assessments.server");
  const { QuestionSchema } = await import("../app/content/questions");
  type Question = import("../app/content/questions").Question;
  type QuestionResponse = import("../app/content/questions").QuestionResponse;

  // ---- officers
  const setupStarted = performance.now();
  const passwordHash = await hashPassword("a lighthouse over Hanoi");
  const users = Array.from({ length: N }, (_, i) => ({
    id: crypto.randomUUID(),
    email: `officer${i}@bench.example.org`,
    name: `Officer ${i}`,
    passwordHash,
    country: "VN",
    agency: `Agency ${i % 20}`,
    locale: "en",
    role: "LEARNER" as const,
  }));
  await prisma.user.createMany({ data: users });
  const assessment = await getAssessment({ courseSlug: COURSE, slug: ASSESSMENT, locale: "en" });

  /** Right answers, by the stored indexes, read from the question itself. */
  function rightAnswer(q: Question): QuestionResponse {
    switch (q.type) {
      case "single":
        return { type: "single", choice: q.choices.findIndex((c) => c.weight === 100) };
      case "multiple":
        return { type: "multiple", choices: q.choices.flatMap((c, i) => (c.weight > 0 ? [i] : [])) };
      case "truefalse":
        return { type: "truefalse", answer: q.answer };
      case "short":
        return { type: "short", text: q.answers.find((a) => a.credit === 100)!.text };
      case "numerical": {
        const a = q.answers.find((x) => x.credit === 100)!;
        return { type: "numerical", text: String(a.kind === "exact" ? a.value : a.min) };
      }
      case "matching":
        return { type: "matching", matches: q.pairs.map((_, i) => i) };
      case "ordering":
        return { type: "ordering", order: q.items.map((_, i) => i) };
      default:
        throw new Error(`${ASSESSMENT} has a ${q.type} question: the benchmark expects automatic grading only`);
    }
  }
  /** Profiles (by officer index): all right; the single-choice question wrong; only the first three answered (right). */
  const PROFILES = ["all right", "one wrong", "three answered"] as const;
  type Profile = (typeof PROFILES)[number];
  const profileOf = (i: number): Profile => PROFILES[i % PROFILES.length]!;

  type Officer = {
    index: number;
    userId: string;
    cookie: string;
    attemptId: string;
    url: string;
    expectedPercent: number;
    expectedPassed: boolean;
  };
  const officers: Officer[] = [];
  const BATCH = 10; // the models' pool has ten connections
  for (let start = 0; start < N; start += BATCH) {
    const batch = await Promise.all(
      users.slice(start, start + BATCH).map(async (u, j): Promise<Officer> => {
        const index = start + j;
        const enrolled = await enrol({ user: { id: u.id, role: "LEARNER" }, courseSlug: COURSE });
        if (enrolled.status !== "enrolled") throw new Error(`enrolling officer ${index}: ${enrolled.status}`);
        const done = await completeModule({ userId: u.id, courseSlug: COURSE, moduleSlug: FIRST_MODULE });
        if (done.status !== "completed")
          throw new Error(`completing ${FIRST_MODULE} for officer ${index}: ${done.status}`);
        const started = await startAttempt({ assessment, userId: u.id });
        if (started.status !== "started")
          throw new Error(`starting the attempt of officer ${index}: ${started.status}`);
        const items = await prisma.attemptItem.findMany({
          where: { attemptId: started.attemptId },
          orderBy: { position: "asc" },
          select: { position: true, mark: true, snapshot: true },
        });
        const profile = profileOf(index);
        const responses = new Map<number, QuestionResponse | null>();
        let points = 0;
        let max = 0;
        for (const [k, item] of items.entries()) {
          const q = QuestionSchema.parse(item.snapshot);
          max += item.mark;
          if (profile === "three answered" && k >= 3) continue;
          if (profile === "one wrong" && q.type === "single") {
            responses.set(item.position, { type: "single", choice: q.choices.findIndex((c) => c.weight <= 0) });
            continue;
          }
          responses.set(item.position, rightAnswer(q));
          points += item.mark;
        }
        const saved = await saveResponses({ attemptId: started.attemptId, userId: u.id, responses });
        if (saved.status !== "saved" || saved.count !== responses.size)
          throw new Error(`saving answers for officer ${index}: ${JSON.stringify(saved)}`);
        const expectedPercent = Math.round((points / max) * 100 * 100) / 100;
        const cookie = (await startSession(u.id)).split(";")[0]!;
        return {
          index,
          userId: u.id,
          cookie,
          attemptId: started.attemptId,
          url: `${ORIGIN}/courses/${COURSE}/assessments/${ASSESSMENT}/attempts/${started.attemptId}`,
          expectedPercent,
          expectedPassed: expectedPercent >= assessment.passMark,
        };
      }),
    );
    officers.push(...batch);
  }
  const setupMs = performance.now() - setupStarted;

  // ---- wait for the app
  await Promise.race([serverExited, waitForHealth()]);

  // Bench-only instrumentation of the throwaway database: every later change of an attempt row.
  await prisma.$executeRawUnsafe(`CREATE TABLE bench_attempt_events (
    id bigserial PRIMARY KEY, attempt_id text NOT NULL, old_status text, new_status text,
    submitted_changed boolean NOT NULL, graded_changed boolean NOT NULL, at timestamptz NOT NULL DEFAULT clock_timestamp())`);
  await prisma.$executeRawUnsafe(`CREATE FUNCTION bench_log_attempt() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO bench_attempt_events (attempt_id, old_status, new_status, submitted_changed, graded_changed)
      VALUES (NEW.id, OLD.status::text, NEW.status::text, NEW."submittedAt" IS DISTINCT FROM OLD."submittedAt", NEW."gradedAt" IS DISTINCT FROM OLD."gradedAt");
      RETURN NEW;
    END $$`);
  await prisma.$executeRawUnsafe(
    `CREATE TRIGGER bench_log_attempt AFTER UPDATE ON "Attempt" FOR EACH ROW EXECUTE FUNCTION bench_log_attempt()`,
  );

  // Warm-up, not measured and changing nothing: a few officers open their attempt page.
  for (const o of officers.slice(0, Math.min(5, N))) {
    const res = await fetch(o.url, { headers: { Cookie: o.cookie }, redirect: "manual" });
    await res.arrayBuffer();
    if (res.status !== 200)
      throw new Error(`warm-up: GET ${o.url} answered ${res.status} (is the session cookie accepted?)`);
  }

  // ---- measured: every officer submits at once; some twice, concurrently
  const duplicates = Math.round(N * DUPLICATE_SHARE);
  // Spread the double submitters over the profiles: every k-th officer.
  const doubles = new Set(
    duplicates === 0 ? [] : Array.from({ length: duplicates }, (_, j) => Math.floor((j * N) / duplicates)),
  );
  type Sent = { officer: Officer; duplicate: boolean };
  const plan: Sent[] = officers.flatMap((officer) =>
    doubles.has(officer.index)
      ? [
          { officer, duplicate: false },
          { officer, duplicate: true },
        ]
      : [{ officer, duplicate: false }],
  );
  type Outcome = {
    officer: Officer;
    duplicate: boolean;
    ms: number;
    status: number | null;
    location: string | null;
    flash: string | null;
    error: string | null;
  };
  const flashCookie = createCookie("haidang_flash");
  const bodyText = new URLSearchParams({ intent: "submit", "on-page": "" }).toString();

  async function submit({ officer, duplicate }: Sent): Promise<Outcome> {
    const started = performance.now();
    try {
      const res = await fetch(officer.url, {
        method: "POST",
        redirect: "manual",
        headers: { Origin: ORIGIN, Cookie: officer.cookie, "Content-Type": "application/x-www-form-urlencoded" },
        body: bodyText,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      await res.arrayBuffer();
      const ms = performance.now() - started;
      const raw = res.headers.getSetCookie().find((c) => c.startsWith("haidang_flash="));
      const flash = raw
        ? (((await flashCookie.parse(raw.split(";")[0]!)) as { key?: string } | null)?.key ?? "unreadable")
        : null;
      return { officer, duplicate, ms, status: res.status, location: res.headers.get("location"), flash, error: null };
    } catch (error) {
      return {
        officer,
        duplicate,
        ms: performance.now() - started,
        status: null,
        location: null,
        flash: null,
        error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      };
    }
  }

  const outcomes: Outcome[] = [];
  let next = 0;
  const measuredStarted = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, plan.length) }, async () => {
      while (next < plan.length) outcomes.push(await submit(plan[next++]!));
    }),
  );
  const measuredMs = performance.now() - measuredStarted;

  // ---- verification in the database
  const attempts = await prisma.attempt.findMany({
    where: { assessmentId: assessment.id, userId: { in: officers.map((o) => o.userId) } },
    select: {
      id: true,
      userId: true,
      number: true,
      status: true,
      submittedAt: true,
      closedBy: true,
      gradedAt: true,
      percent: true,
      passed: true,
      _count: { select: { items: { where: { state: null } } } },
    },
  });
  const events = await prisma.$queryRawUnsafe<
    {
      attempt_id: string;
      old_status: string;
      new_status: string;
      submitted_changed: boolean;
      graded_changed: boolean;
    }[]
  >(`SELECT attempt_id, old_status, new_status, submitted_changed, graded_changed FROM bench_attempt_events`);
  const quizModule = await prisma.module.findFirstOrThrow({
    where: { slug: assessment.moduleSlug!, course: { slug: COURSE } },
    select: { id: true },
  });
  const completions = await prisma.moduleProgress.findMany({
    where: { moduleId: quizModule.id, enrolment: { userId: { in: officers.map((o) => o.userId) } } },
    select: { via: true, enrolment: { select: { userId: true } } },
  });

  const byUser = groupBy(attempts, (a) => a.userId);
  const eventsOf = groupBy(events, (e) => e.attempt_id);
  const outcomesOf = groupBy(outcomes, (o) => o.officer.userId);
  const completedBy = groupBy(completions, (c) => c.enrolment.userId);
  const problems: string[] = [];
  let lost = 0;
  let doubled = 0;
  let wrong = 0;
  let claimMismatch = 0;
  for (const o of officers) {
    const mine = byUser.get(o.userId) ?? [];
    const settled = mine.filter((a) => a.status === "GRADED" || a.status === "NEEDS_GRADING");
    const graded = mine.filter((a) => a.status === "GRADED");
    const log = mine.flatMap((a) => eventsOf.get(a.id) ?? []);
    const claims = log.filter((e) => e.old_status === "IN_PROGRESS" && e.new_status !== "IN_PROGRESS").length;
    const gradings = log.filter((e) => e.graded_changed && e.new_status === "GRADED").length;
    const submissions = log.filter((e) => e.submitted_changed).length;
    const submittedFlashes = (outcomesOf.get(o.userId) ?? []).filter(
      (x) => x.flash === "attempt.submitted" || x.flash === "attempt.submittedNeedsGrading",
    ).length;
    const who = `officer ${o.index} (attempt ${o.attemptId})`;
    if (mine.length !== 1 || settled.length !== 1) {
      lost++;
      problems.push(
        `lost: ${who}: ${mine.length} attempt(s), statuses ${mine.map((a) => a.status).join(", ") || "none"}`,
      );
    }
    if (graded.length > 1 || claims > 1 || gradings > 1 || submissions > 1 || submittedFlashes > 1) {
      doubled++;
      problems.push(
        `double: ${who}: ${graded.length} graded attempt(s), ${claims} claim(s), ${gradings} grading(s), submittedAt set ${submissions}×, ${submittedFlashes} "submitted" answer(s)`,
      );
    }
    const a = mine[0];
    if (a && mine.length === 1 && settled.length === 1) {
      const faults: string[] = [];
      if (a.status !== "GRADED") faults.push(`status ${a.status}`);
      if (a.percent !== o.expectedPercent) faults.push(`percent ${a.percent} (expected ${o.expectedPercent})`);
      if (a.passed !== o.expectedPassed) faults.push(`passed ${a.passed} (expected ${o.expectedPassed})`);
      if (a.closedBy !== "learner") faults.push(`closedBy ${a.closedBy}`);
      if (!a.submittedAt || !a.gradedAt || a.gradedAt < a.submittedAt)
        faults.push(`submittedAt ${a.submittedAt?.toISOString()} gradedAt ${a.gradedAt?.toISOString()}`);
      if (a._count.items > 0) faults.push(`${a._count.items} item(s) without a grade`);
      const modules = completedBy.get(o.userId) ?? [];
      if (o.expectedPassed && (modules.length !== 1 || modules[0]!.via !== "assessment"))
        faults.push(
          `quiz module completions: ${modules.map((m) => m.via).join(", ") || "none"} (expected one, via assessment)`,
        );
      if (!o.expectedPassed && modules.length !== 0) faults.push(`quiz module completed without passing`);
      if (faults.length) {
        wrong++;
        problems.push(`wrong result: ${who}: ${faults.join("; ")}`);
      }
      if (submittedFlashes === 0 && claims === 1) {
        claimMismatch++;
        problems.push(
          `no request was told "submitted" although ${who} was graded: ${(outcomesOf.get(o.userId) ?? []).map((x) => x.flash ?? x.status ?? x.error).join(", ")}`,
        );
      }
    }
  }
  // Not a loss, but wrong: the learner is told the time ran out on a quiz without a time limit.
  const timeUp = assessment.timeLimitMinutes === null ? outcomes.filter((x) => x.flash === "attempt.timeUp") : [];
  for (const x of timeUp.slice(0, 5))
    problems.push(
      `message: officer ${x.officer.index}${x.duplicate ? " (second submit)" : " (first submit)"} was told "attempt.timeUp" (the time limit has passed) although ${ASSESSMENT} has no time limit`,
    );
  const httpErrors = outcomes.filter(
    (x) =>
      x.error !== null ||
      x.status !== 302 ||
      !x.location ||
      new URL(x.location, ORIGIN).pathname !== new URL(x.officer.url).pathname,
  );
  for (const x of httpErrors.slice(0, 20))
    problems.push(
      `http: officer ${x.officer.index}${x.duplicate ? " (second submit)" : ""}: ${x.error ?? `${x.status} → ${x.location ?? "no Location"}`} after ${x.ms.toFixed(0)} ms`,
    );

  // ---- report
  const pgVersion =
    (await prisma.$queryRawUnsafe<{ server_version: string }[]>("SHOW server_version"))[0]?.server_version ?? "?";
  const poolMax = /max:\s*(\d+)/.exec(readFileSync("app/utils/db.server.ts", "utf8"))?.[1] ?? "?";
  const cpus = os.cpus();
  const sorted = (xs: number[]) => [...xs].sort((p, q) => p - q);
  const pct = (xs: number[], p: number) =>
    xs.length ? xs[Math.min(xs.length - 1, Math.max(0, Math.ceil((p / 100) * xs.length) - 1))]! : NaN;
  const lat = (label: string, list: Outcome[]) => {
    const xs = sorted(list.map((x) => x.ms));
    return row(
      label,
      xs.length
        ? `p50 ${pct(xs, 50).toFixed(0)} ms · p95 ${pct(xs, 95).toFixed(0)} ms · max ${xs[xs.length - 1]!.toFixed(0)} ms  (${xs.length} requests)`
        : "none",
    );
  };
  const count = <T>(xs: T[], key: (x: T) => string) =>
    [...groupBy(xs, key)].map(([k, v]) => `${k} ×${v.length}`).join(", ");
  const firsts = outcomes.filter((x) => !x.duplicate);
  const settledOfficers = officers.length - lost;

  console.log(`
bench:attempts: ${N} officers submitting the module quiz of ${COURSE} at once
${row("machine", `${cpus.length} cores (${cpus[0]?.model.trim() ?? "?"}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory, ${os.platform()} ${os.release()}; load average ${loadBefore.map((l) => l.toFixed(1)).join(" ")} before the run${loadBefore[0]! > cpus.length / 2 ? " (busy: other work competes for the cores)" : ""}`)}
${row("software", `Node ${process.version}, PostgreSQL ${pgVersion}, app DB pool max ${poolMax} (app/utils/db.server.ts), NODE_ENV=production, one web process, client on the same machine`)}
${row("build", buildIsStale ? "WARNING: build/index.js is older than files in app/: the figures are for the last build (npm run build)" : "build/index.js is newer than app/")}
${row("set-up", `${N} officers enrolled, first module completed, attempt started and answered, session created in ${(setupMs / 1000).toFixed(1)} s (not measured)`)}
${row("requests", `${plan.length} submits: ${N} officers, ${doubles.size} of them twice at the same moment; concurrency limit ${Math.min(CONCURRENCY, plan.length)}`)}
${row("wall time", `${measuredMs.toFixed(0)} ms from the first request sent to the last answer`)}
${row("throughput", `${(settledOfficers / (measuredMs / 1000)).toFixed(1)} submissions/s (officers graded) · ${(plan.length / (measuredMs / 1000)).toFixed(1)} requests/s`)}
${lat("latency, all", outcomes)}
${lat("latency, first", firsts)}
${lat(
  "latency, second",
  outcomes.filter((x) => x.duplicate),
)}
${row(
  "HTTP answers",
  count(outcomes, (x) => (x.error ? "network error" : String(x.status))),
)}
${row(
  "messages",
  count(outcomes, (x) => x.flash ?? "none"),
)}
${row("lost", String(lost))}
${row("double-graded", String(doubled))}
${row("HTTP errors", String(httpErrors.length))}
${row("wrong results", `${wrong}${claimMismatch ? ` (+${claimMismatch} graded without any request told "submitted")` : ""}`)}
${row("wrong messages", `${timeUp.length}${timeUp.length ? ' told "the time limit has passed" (no time limit here; not counted as a failure)' : ""}`)}
${row("attempt events", `${events.length} attempt-row updates logged (expected ${2 * N}: claim, then grade)`)}`);

  const errorLines = serverLog.filter((l) => /error|exception|timed out|unable|P\d{4}/i.test(l));
  if (errorLines.length) {
    writeFileSync(appLogFile, `${serverLog.join("\n")}\n`);
    const kinds = groupBy(
      errorLines.filter((l) => /^\S/.test(l)),
      (l) => l.slice(0, 160),
    );
    console.log(
      `\napp output: ${errorLines.length} error line(s); whole output in ${appLogFile}; errors by first line:\n${[...kinds].map(([l, v]) => `  ${v.length}× ${l}`).join("\n")}`,
    );
  }
  if (problems.length)
    console.log(
      `\nproblems (first 30 of ${problems.length}):\n${problems
        .slice(0, 30)
        .map((p) => `  ${p}`)
        .join("\n")}`,
    );
  const bad = lost + doubled + httpErrors.length + wrong + claimMismatch;
  console.log(
    bad === 0 ? "\nresult: OK: every officer's submission was graded exactly once." : "\nresult: FAILED (see above)",
  );
  return bad === 0 ? 0 : 1;
}

/** Map.groupBy arrived in Node 21; the project supports Node 20. */
function groupBy<T, K>(xs: readonly T[], key: (x: T) => K) {
  const out = new Map<K, T[]>();
  for (const x of xs) {
    const k = key(x);
    const list = out.get(k);
    if (list) list.push(x);
    else out.set(k, [x]);
  }
  return out;
}

function row(label: string, text: string) {
  return `  ${label.padEnd(16)} ${text}`;
}

async function waitForHealth() {
  const deadline = Date.now() + 60_000;
  let last = "no answer";
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${ORIGIN}/healthcheck`, { signal: AbortSignal.timeout(2_000) });
      const body = await res.text();
      if (res.status === 200) return;
      last = `${res.status} ${body}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the app did not become healthy on ${ORIGIN}/healthcheck within 60 s (last: ${last})`);
}
