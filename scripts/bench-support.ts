/**
 * Shared by scripts/bench-certificates.ts and scripts/chaos-certificates.ts only: a redis-server
 * of their own (appendonly, its own port and --dir under .cache/), the real worker process
 * (jobs/worker.ts) started as a child, officers in many scripts with completions waiting for
 * approval, and a trigger that logs every certificate insert and status change (with the
 * PostgreSQL application_name of whoever made it: each worker process connects with its own).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { Redis } from "ioredis";
import pg from "pg";

// ------------------------------------------------------------------ small things

export function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Map.groupBy arrived in Node 21; the project supports Node 20. */
export function groupBy<T, K>(xs: readonly T[], key: (x: T) => K) {
  const out = new Map<K, T[]>();
  for (const x of xs) {
    const k = key(x);
    const list = out.get(k);
    if (list) list.push(x);
    else out.set(k, [x]);
  }
  return out;
}

/** Nearest-rank percentile of an ascending list. */
export function pct(sorted: readonly number[], p: number) {
  return sorted.length
    ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!
    : NaN;
}

export function kb(bytes: number) {
  return Number.isFinite(bytes) ? `${(bytes / 1024).toFixed(1)} KB` : "n/a";
}

export function secs(ms: number) {
  return Number.isFinite(ms) ? `${(ms / 1000).toFixed(1)} s` : "n/a";
}

export function row(label: string, text: string) {
  return `  ${label.padEnd(24)} ${text}`;
}

export async function portIsFree(port: number) {
  return new Promise<boolean>((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

/** User + system CPU seconds a process has used so far (Linux /proc); null elsewhere or once it is gone. */
export function cpuSeconds(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // fields[0] is field 3 (state): utime is field 14, stime field 15, in clock ticks (100 a second on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

// ------------------------------------------------------------------ officers' names, in many scripts

type Script = "Vietnamese" | "Arabic" | "Russian" | "Chinese" | "Thai" | "Khmer" | "Latin";
const NAMES: Record<Script, { locale: string[]; country: string; make: (i: number) => string }> = {
  Vietnamese: {
    locale: ["en"],
    country: "VN",
    make: (i) =>
      `${pick(["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"], i)} ${pick(["Thị", "Văn", "Minh", "Đức", "Ngọc", "Quốc"], i >> 1)} ${pick(["Hương", "Dũng", "Thảo", "Quang", "Lan", "Tuấn", "Hải", "Phương", "Khánh Linh", "Việt Anh"], i >> 2)}`,
  },
  Arabic: {
    locale: ["ar", "ar", "en"],
    country: "EG",
    make: (i) =>
      `${pick(["محمد", "فاطمة", "أحمد", "عائشة", "يوسف", "مريم", "عبد الله", "ليلى", "خالد", "نور الهدى"], i)} ${pick(["العلي", "الحسن", "بن سعيد", "الخطيب", "المنصوري", "عبد الرحمن", "الزهراني", "الشامي"], i >> 1)}`,
  },
  Russian: {
    locale: ["en"],
    country: "RU",
    make: (i) =>
      pick(
        [
          "Александра Сергеевна Волкова",
          "Дмитрий Иванович Соколов",
          "Екатерина Андреевна Морозова",
          "Сергей Петрович Кузнецов",
          "Наталья Викторовна Лебедева",
          "Иван Алексеевич Смирнов",
          "Юлия Олеговна Фёдорова",
          "Алексей Николаевич Попов",
        ],
        i,
      ),
  },
  Chinese: {
    locale: ["en"],
    country: "CN",
    make: (i) =>
      `${pick(["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "欧阳", "司马"], i)}${pick(["伟", "芳", "秀英", "敏", "静", "丽", "强", "磊", "洋", "艳", "建国", "晓明"], i >> 1)}`,
  },
  Thai: {
    locale: ["en"],
    country: "TH",
    make: (i) =>
      `${pick(["สมชาย", "สมหญิง", "ประเสริฐ", "วิไลวรรณ", "ธนพล", "กาญจนา", "ณัฐวุฒิ", "พิมพ์ชนก"], i)} ${pick(["ศรีสุข", "วงศ์สวัสดิ์", "ใจดี", "แสงทอง", "บุญมา", "รัตนพันธ์"], i >> 1)}`,
  },
  Khmer: {
    locale: ["en"],
    country: "KH",
    make: (i) =>
      `${pick(["សុខ", "ចាន់", "ហេង", "គឹម", "លី", "ស៊ុន"], i)} ${pick(["សុខា", "ចាន់ធី", "វិចិត្រ", "ស្រីពៅ", "ដារ៉ា", "សុភា", "បុប្ផា"], i >> 1)}`,
  },
  Latin: {
    locale: ["fr", "en"],
    country: "BR",
    make: (i) =>
      `${pick(["María José", "Zoë", "Siobhán", "Łukasz", "Chukwuemeka", "Ana Lúcia", "François", "Dağhan", "Oluwaseun", "Søren"], i)} ${pick(["García Pérez", "Ní Bhriain", "Wiśniewski", "Okonkwo", "dos Santos", "Müller-Lüdenscheidt", "O'Connor", "Adébáyọ̀", "Ångström", "Yılmaz"], i >> 1)}`,
  },
};
export const SCRIPTS = Object.keys(NAMES) as Script[];

function pick<T>(xs: readonly T[], i: number): T {
  return xs[i % xs.length]!;
}

/** The i-th officer: the script cycles, so any N has them all in near-equal shares. */
export function officer(i: number, tag: string) {
  const script = SCRIPTS[i % SCRIPTS.length]!;
  const spec = NAMES[script];
  const k = Math.floor(i / SCRIPTS.length);
  return {
    script,
    name: spec.make(k),
    locale: pick(spec.locale, k),
    country: spec.country,
    email: `officer-${tag}-${i}@bench.example.org`,
  };
}

// ------------------------------------------------------------------ database set-up

/**
 * N officers, each enrolled in `courseId`, COMPLETED, with a course completion AWAITING_APPROVAL
 * (the shape of e2e/fixtures.ts insertAwaitingCompletions, set-based). Returns the email → script map.
 */
export async function insertAwaitingCompletions(
  databaseUrl: string,
  { courseId, count, tag }: { courseId: string; count: number; tag: string },
) {
  const people = Array.from({ length: count }, (_, i) => officer(i, tag));
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { rowCount } = await db.query(
      `WITH input AS (
         SELECT * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS t(email, name, locale, country)
       ), u AS (
         INSERT INTO "User" (id, email, name, role, locale, country, agency, "updatedAt")
         SELECT gen_random_uuid()::text, email, name, 'LEARNER', locale, country, 'Bench agency', now() FROM input RETURNING id
       ), e AS (
         INSERT INTO "Enrolment" (id, "userId", "courseId", status, "activatedAt", "completedAt", "updatedAt")
         SELECT gen_random_uuid()::text, u.id, $1, 'COMPLETED', now(), now(), now() FROM u RETURNING id
       )
       INSERT INTO "CourseCompletion" (id, "enrolmentId", revision, "certificateState")
       SELECT gen_random_uuid()::text, e.id, COALESCE((SELECT r.number FROM "Course" c JOIN "CourseRevision" r ON r.id = c."currentRevisionId" WHERE c.id = $1), 1), 'AWAITING_APPROVAL' FROM e`,
      [
        courseId,
        people.map((p) => p.email),
        people.map((p) => p.name),
        people.map((p) => p.locale),
        people.map((p) => p.country),
      ],
    );
    if (rowCount !== count) throw new Error(`inserted ${rowCount} completions, expected ${count}`);
  } finally {
    await db.end();
  }
  return new Map(people.map((p) => [p.email, p.script]));
}

/**
 * Bench-only instrumentation of the throwaway database: every certificate insert and status change,
 * with the application_name of the connection that made it (each worker has its own).
 */
export const CERTIFICATE_LOG_SQL = [
  `CREATE TABLE bench_certificate_events (
     id bigserial PRIMARY KEY, certificate_id text NOT NULL, completion_id text NOT NULL,
     event text NOT NULL, app text, at timestamptz NOT NULL DEFAULT clock_timestamp())`,
  `CREATE FUNCTION bench_log_certificate() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       IF TG_OP = 'INSERT' THEN
         INSERT INTO bench_certificate_events (certificate_id, completion_id, event, app) VALUES (NEW.id, NEW."completionId", 'insert', current_setting('application_name'));
       ELSIF NEW.status IS DISTINCT FROM OLD.status THEN
         INSERT INTO bench_certificate_events (certificate_id, completion_id, event, app) VALUES (NEW.id, NEW."completionId", lower(NEW.status::text), current_setting('application_name'));
       END IF;
       RETURN NEW;
     END $$`,
  `CREATE TRIGGER bench_log_certificate AFTER INSERT OR UPDATE ON "Certificate" FOR EACH ROW EXECUTE FUNCTION bench_log_certificate()`,
];

/** The database URL a worker process uses: same database, its own application_name. */
export function withApplicationName(databaseUrl: string, name: string) {
  const u = new URL(databaseUrl);
  u.searchParams.set("application_name", name);
  return u.toString();
}

// ------------------------------------------------------------------ a redis-server of our own

export type OwnRedis = {
  url: string;
  port: number;
  dir: string;
  pid: () => number | undefined;
  /** "shutdown": the SHUTDOWN command (AOF flushed and fsynced); "kill": SIGKILL (AOF as far as the last fsync). */
  stop: (how?: "shutdown" | "kill") => Promise<void>;
  /** Starts it again on the same port and --dir (appendonly: it loads what the AOF kept). */
  start: () => Promise<void>;
};

/** redis-server on 127.0.0.1:`port`, data in `dir`, appendonly yes (as scripts/provision.sh runs the shared one). */
export async function ownRedis({ port, dir }: { port: number; dir: string }): Promise<OwnRedis> {
  let child: ChildProcess | null = null;
  const url = `redis://127.0.0.1:${port}/0`;
  const start = async () => {
    if (!(await portIsFree(port))) throw new Error(`port ${port} is in use: choose another Redis port (--redis-port)`);
    const c = spawn(
      "redis-server",
      [
        "--port",
        String(port),
        "--bind",
        "127.0.0.1",
        "--dir",
        dir,
        "--appendonly",
        "yes",
        "--save",
        "",
        "--daemonize",
        "no",
        "--logfile",
        join(dir, "redis.log"),
      ],
      {
        stdio: "ignore",
      },
    );
    child = c;
    const exited = new Promise<never>((_, reject) => {
      c.once("error", reject);
      c.once("exit", (code, signal) =>
        reject(new Error(`redis-server exited at start (${signal ?? code}); see ${join(dir, "redis.log")}`)),
      );
    });
    exited.catch(() => undefined);
    await Promise.race([exited, waitForRedis(url)]);
  };
  const stop = async (how: "shutdown" | "kill" = "shutdown") => {
    const c = child;
    child = null;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const gone = new Promise<void>((resolve) => c.once("exit", () => resolve()));
    if (how === "kill") c.kill("SIGKILL");
    else {
      const client = new Redis(url, { maxRetriesPerRequest: 0, retryStrategy: () => null, lazyConnect: true });
      client.on("error", () => undefined);
      try {
        await client.connect();
        await client.call("SHUTDOWN");
      } catch {
        // the server closes the connection as it goes: no reply is the expected answer
      } finally {
        client.disconnect();
      }
    }
    const timer = setTimeout(() => c.kill("SIGKILL"), 20_000);
    await gone;
    clearTimeout(timer);
  };
  await start();
  return { url, port, dir, pid: () => child?.pid, stop, start };
}

async function waitForRedis(url: string) {
  const deadline = Date.now() + 20_000;
  let last = "";
  while (Date.now() < deadline) {
    const client = new Redis(url, { maxRetriesPerRequest: 0, retryStrategy: () => null, lazyConnect: true });
    client.on("error", () => undefined); // refused while it starts: the loop tries again
    try {
      await client.connect();
      // While loading the AOF, Redis answers LOADING: wait until it is really ready.
      if ((await client.ping()) === "PONG") return;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    } finally {
      client.disconnect();
    }
    await sleep(100);
  }
  throw new Error(`Redis at ${url} did not answer within 20 s (${last})`);
}

// ------------------------------------------------------------------ the real worker process

export type WorkerProcess = {
  label: string;
  child: ChildProcess;
  lines: string[];
  ready: Promise<void>;
  /** SIGTERM (finishes active jobs), SIGKILL after 20 s. */
  stop: () => Promise<void>;
  /** SIGKILL at once; resolves when it is gone. */
  kill: () => Promise<void>;
  exited: () => boolean;
  saveLog: (file: string) => void;
};

/**
 * `node --import tsx jobs/worker.ts`: one process (no tsx supervisor in between), so a SIGKILL
 * kills the worker itself and not a parent that would leave it running.
 */
export function startWorker({ label, env }: { label: string; env: NodeJS.ProcessEnv }): WorkerProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "jobs/worker.ts"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  let resolveReady!: () => void;
  let rejectReady!: (error: Error) => void;
  const ready = new Promise<void>((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  ready.catch(() => undefined);
  for (const stream of [child.stdout!, child.stderr!]) {
    stream.setEncoding("utf8");
    let partial = "";
    stream.on("data", (chunk: string) => {
      const parts = (partial + chunk).split("\n");
      partial = parts.pop()!;
      for (const line of parts.filter(Boolean)) {
        lines.push(`${new Date().toISOString()} ${line}`);
        if (line.startsWith("worker ready")) resolveReady();
      }
    });
    stream.on("end", () => partial && lines.push(`${new Date().toISOString()} ${partial}`));
  }
  const timer = setTimeout(
    () => rejectReady(new Error(`${label} was not ready within 90 s:\n${lines.slice(-20).join("\n")}`)),
    90_000,
  );
  void ready.finally(() => clearTimeout(timer)).catch(() => undefined);
  child.once("exit", (code, signal) => {
    clearTimeout(timer);
    rejectReady(new Error(`${label} exited (${signal ?? code}) before it was ready:\n${lines.slice(-20).join("\n")}`));
  });
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  const gone = () => new Promise<void>((resolve) => (exited() ? resolve() : child.once("exit", () => resolve())));
  return {
    label,
    child,
    lines,
    ready,
    exited,
    async stop() {
      if (exited()) return;
      const done = gone();
      child.kill("SIGTERM");
      const force = setTimeout(() => child.kill("SIGKILL"), 20_000);
      await done;
      clearTimeout(force);
    },
    async kill() {
      if (exited()) return;
      const done = gone();
      child.kill("SIGKILL");
      await done;
    },
    saveLog(file: string) {
      writeFileSync(file, `${lines.join("\n")}\n`);
    },
  };
}
