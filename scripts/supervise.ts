/**
 * `npm start` runs the web server and the worker under this supervisor (scripts/start.sh).
 * A child that exits on its own is restarted after a backoff (1 s, doubling up to 30 s; back
 * to 1 s once it has run for a while), and the others keep running: a crashed web process no
 * longer takes the worker down with it, nor the reverse. SIGTERM or SIGINT is forwarded to
 * every child; the supervisor waits for them to finish their graceful shutdown (SIGKILL after
 * the grace period) and exits.
 *
 *   tsx scripts/supervise.ts [--backoff-ms 1000] [--max-backoff-ms 30000] [--stable-ms 10000]
 *     [--grace-ms 15000] name=command [name*N=command ...]
 *
 * `name*N` runs N copies (ready for several web processes once they can share the port).
 */
import { spawn, type ChildProcess } from "node:child_process";

export type ChildSpec = { name: string; command: string; args: string[]; instances: number };
export type SuperviseOptions = { backoffMs: number; maxBackoffMs: number; stableMs: number; graceMs: number };

const DEFAULTS: SuperviseOptions = { backoffMs: 1000, maxBackoffMs: 30_000, stableMs: 10_000, graceMs: 15_000 };

const log = (message: string) => console.error(`[supervise] ${message}`);

export function parseArgs(argv: string[]): { options: SuperviseOptions; children: ChildSpec[] } {
  const options = { ...DEFAULTS };
  const children: ChildSpec[] = [];
  const flags: Record<string, keyof SuperviseOptions> = {
    "--backoff-ms": "backoffMs",
    "--max-backoff-ms": "maxBackoffMs",
    "--stable-ms": "stableMs",
    "--grace-ms": "graceMs",
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const flag = flags[arg];
    if (flag) {
      const value = Number(argv[++i]);
      if (!Number.isFinite(value) || value < 0) throw new Error(`${arg} needs a number of milliseconds`);
      options[flag] = value;
      continue;
    }
    const match = /^([a-z][\w-]*)(?:\*(\d+))?=(.+)$/i.exec(arg);
    if (!match) throw new Error(`expected name=command, got ${JSON.stringify(arg)}`);
    const [command, ...args] = match[3]!.trim().split(/\s+/);
    children.push({ name: match[1]!, command: command!, args, instances: Number(match[2] ?? 1) || 1 });
  }
  if (children.length === 0) throw new Error("nothing to supervise");
  return { options, children };
}

type Slot = {
  label: string;
  spec: ChildSpec;
  child: ChildProcess | null;
  startedAt: number;
  failures: number;
  timer: NodeJS.Timeout | null;
};

export function supervise(children: ChildSpec[], options: SuperviseOptions = DEFAULTS) {
  let stopping = false;
  let resolveDone!: (code: number) => void;
  const done = new Promise<number>((resolve) => (resolveDone = resolve));
  const slots: Slot[] = children.flatMap((spec) =>
    Array.from({ length: spec.instances }, (_, i) => ({
      label: spec.instances > 1 ? `${spec.name}#${i + 1}` : spec.name,
      spec,
      child: null,
      startedAt: 0,
      failures: 0,
      timer: null,
    })),
  );

  const start = (slot: Slot) => {
    slot.timer = null;
    if (stopping) return;
    slot.startedAt = Date.now();
    const child = spawn(slot.spec.command, slot.spec.args, {
      stdio: "inherit",
      env: { ...process.env, SUPERVISED_NAME: slot.label },
    });
    slot.child = child;
    child.on("error", (error) => log(`${slot.label} could not start: ${error.message}`));
    child.on("exit", (code, signal) => {
      slot.child = null;
      if (stopping) {
        log(`${slot.label} stopped (${signal ?? code})`);
        if (slots.every((s) => !s.child)) resolveDone(0);
        return;
      }
      const ranFor = Date.now() - slot.startedAt;
      slot.failures = ranFor >= options.stableMs ? 1 : slot.failures + 1;
      const delay = Math.min(options.maxBackoffMs, options.backoffMs * 2 ** (slot.failures - 1));
      log(`${slot.label} exited (${signal ?? `code ${code}`}) after ${ranFor} ms; restarting in ${delay} ms`);
      slot.timer = setTimeout(() => start(slot), delay);
    });
  };

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping ${slots.map((s) => s.label).join(", ")}`);
    for (const slot of slots) {
      if (slot.timer) clearTimeout(slot.timer);
      slot.timer = null;
      slot.child?.kill(signal);
    }
    if (slots.every((s) => !s.child)) return resolveDone(0);
    setTimeout(() => {
      for (const slot of slots) {
        if (slot.child) {
          log(`${slot.label} still running after ${options.graceMs} ms: SIGKILL`);
          slot.child.kill("SIGKILL");
        }
      }
    }, options.graceMs).unref();
  };

  for (const slot of slots) start(slot);
  return { stop, done, pids: () => Object.fromEntries(slots.map((s) => [s.label, s.child?.pid ?? null])) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { options, children } = parseArgs(process.argv.slice(2));
  const supervisor = supervise(children, options);
  process.on("SIGTERM", () => supervisor.stop("SIGTERM"));
  process.on("SIGINT", () => supervisor.stop("SIGINT"));
  process.exit(await supervisor.done);
}
