import { existsSync } from "node:fs";
import { isIP } from "node:net";
import { z } from "zod";

/**
 * Loads `.env` (written by scripts/provision.sh) without overriding variables
 * already set in the environment, so tests and CI can point elsewhere.
 */
export function loadDotEnv(path = ".env") {
  if (existsSync(path)) process.loadEnvFile(path);
}

const intFromEnv = (fallback: number) => z.coerce.number().int().positive().default(fallback);
/** A variable set to "" counts as unset (a blank line in a deployment's env file). */
const blankIsUnset = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optionalText = z.preprocess(blankIsUnset, z.string().trim().min(1).optional());

/** Express's own names for address ranges, accepted in a TRUST_PROXY list. */
const NAMED_RANGES = new Set(["loopback", "linklocal", "uniquelocal"]);

function isAddressOrRange(entry: string) {
  if (NAMED_RANGES.has(entry)) return true;
  const [address, bits, extra] = entry.split("/");
  const version = isIP(address ?? "");
  if (!version || extra !== undefined) return false;
  if (bits === undefined) return true;
  if (!/^\d{1,3}$/.test(bits)) return false;
  return Number(bits) <= (version === 4 ? 32 : 128);
}

/**
 * Express's `trust proxy` from TRUST_PROXY: `false`/`0` (default, nothing trusted), a hop
 * count (`1`: one reverse proxy in front), or a comma-separated list of proxy addresses,
 * CIDR ranges or Express's named ranges. `true` is refused: it trusts every hop, so any
 * client could choose its own address (and its own rate-limit bucket) with X-Forwarded-For.
 */
export function parseTrustProxy(raw: string | undefined): false | number | string {
  const value = (raw ?? "").trim();
  if (value === "" || value === "false" || value === "0") return false;
  if (value === "true")
    throw new Error(
      "TRUST_PROXY=true trusts every X-Forwarded-For entry, so clients could pick their own address: set the number of proxies in front of Haidang (e.g. TRUST_PROXY=1) or their addresses (e.g. TRUST_PROXY=10.0.0.0/8).",
    );
  if (/^\d+$/.test(value)) return Number(value);
  const entries = value.split(",").map((e) => e.trim());
  const bad = entries.filter((e) => !isAddressOrRange(e));
  if (bad.length)
    throw new Error(
      `TRUST_PROXY must be false, 0, a number of proxies, or a comma-separated list of addresses or CIDR ranges; not understood: ${bad.join(", ")}`,
    );
  return entries.join(", ");
}

/** Used when APP_SECRET is not set outside production: never good enough for a real deployment. */
const DEVELOPMENT_SECRET = "haidang-development-secret-do-not-use-in-production";

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: intFromEnv(3000),
  APP_URL: z.string().url().optional(),
  DATABASE_URL: z.string().url(),
  REDIS_URL: z.string().url(),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().default("Haidang Training Centre <no-reply@haidang.local>"),
  OUTBOX_DIR: z.string().default("outbox"),
  /** Server secret for derived tokens (invitation links, known-device cookies); at least 32 characters. */
  APP_SECRET: z.string().min(32, "APP_SECRET must be at least 32 characters").optional(),
  /** Wrong passwords from one client (IP address, or known device) for one account before that pair is blocked. */
  LOGIN_MAX_FAILURES_PER_CLIENT: intFromEnv(5),
  /** Wrong passwords on one account, from all unknown clients, before they are slowed down (never blocked). */
  LOGIN_MAX_FAILURES_PER_ACCOUNT: intFromEnv(10),
  /** Once slowed down, the minimum interval between attempts on that account from unknown clients. */
  LOGIN_ACCOUNT_INTERVAL_SECONDS: intFromEnv(5),
  /** Wrong passwords from one IP address, whatever the account, before it is blocked. */
  LOGIN_MAX_FAILURES_PER_IP: intFromEnv(50),
  LOGIN_WINDOW_SECONDS: intFromEnv(15 * 60),
  /**
   * Session limits per role (docs/decisions/020-sessions-and-audit.md): a session ends after
   * SESSION_IDLE_MINUTES_<ROLE> without a request, and SESSION_ABSOLUTE_HOURS_<ROLE> after
   * sign-in. Learners on shared connections sign in rarely; administrators hold the keys.
   */
  SESSION_IDLE_MINUTES_LEARNER: intFromEnv(7 * 24 * 60),
  SESSION_ABSOLUTE_HOURS_LEARNER: intFromEnv(30 * 24),
  SESSION_IDLE_MINUTES_TRAINER: intFromEnv(24 * 60),
  SESSION_ABSOLUTE_HOURS_TRAINER: intFromEnv(7 * 24),
  SESSION_IDLE_MINUTES_ADMIN: intFromEnv(30),
  SESSION_ABSOLUTE_HOURS_ADMIN: intFromEnv(12),
  /** Account mails (verification, reset, email change) one address or account may ask for per window. */
  ACCOUNT_MAIL_MAX_PER_ADDRESS: intFromEnv(3),
  /** Account mails and sign-ups one client address may ask for per window. */
  ACCOUNT_MAIL_MAX_PER_CLIENT: intFromEnv(20),
  ACCOUNT_MAIL_WINDOW_SECONDS: intFromEnv(60 * 60),
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((v, ctx) => {
      try {
        return parseTrustProxy(v);
      } catch (error) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: (error as Error).message });
        return z.NEVER;
      }
    }),
  /** Most a request body may hold, in bytes, on routes that take forms (1 MiB). */
  BODY_LIMIT_DEFAULT: intFromEnv(1024 * 1024),
  /** Most a request body may hold, in bytes, on the routes that take files or long Markdown (8 MiB). */
  BODY_LIMIT_UPLOAD: intFromEnv(8 * 1024 * 1024),
  LOG_LEVEL: z.enum(["silent", "info", "debug"]).default("info"),
  /** Printed on certificates and in the credential issuer profile. */
  CENTRE_NAME: z.string().default("Regional Cybercrime Training Centre — Hanoi"),
  /** Who signs certificates issued automatically at completion. */
  CERTIFICATE_SIGNATORY_NAME: z.string().default("Director of Training"),
  CERTIFICATE_SIGNATORY_TITLE: z.string().default("Regional Cybercrime Training Centre"),
  /** Certificates stay valid this many months (0: no expiry). */
  CERTIFICATE_VALID_MONTHS: z.coerce.number().int().min(0).default(0),
  /** The issuer's Ed25519 key pair as JSON (production), else the key file (see docs/decisions/011). */
  CREDENTIAL_SIGNING_KEY: optionalText,
  HAIDANG_KEY_FILE: optionalText,
  /** Where the Noto fonts for certificate PDFs live. */
  HAIDANG_FONT_DIR: z.preprocess(blankIsUnset, z.string().default("/usr/share/fonts")),
  /** Delivery attempts of a certificate job, and the first exponential back-off delay. */
  CERTIFICATE_ATTEMPTS: intFromEnv(4),
  CERTIFICATE_BACKOFF_MS: intFromEnv(5_000),
  /** Worker: how often rows left PENDING are re-enqueued, and how old they must be. */
  RECONCILE_EVERY_MS: intFromEnv(60_000),
  RECONCILE_STALE_AFTER_MS: intFromEnv(60_000),
  /** Worker: PDFs rendered at once per process. */
  WORKER_CERTIFICATE_CONCURRENCY: intFromEnv(2),
  /** Worker: how often timed attempts whose time ran out are closed. */
  ATTEMPT_SWEEP_EVERY_MS: intFromEnv(30_000),
});

export type Env = z.infer<typeof EnvSchema> & { APP_URL: string; APP_SECRET: string };

let cached: Env | undefined;

/** A configuration that does not pass the schema; the message lists every problem by variable name. */
export class EnvError extends Error {
  override name = "EnvError";
}

/** Checks a set of variables against the schema (pure: env() applies it to process.env). */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new EnvError(`Invalid environment configuration:\n${problems}`);
  }
  if (!parsed.data.APP_SECRET && parsed.data.NODE_ENV === "production")
    throw new EnvError(
      "Invalid environment configuration:\n  APP_SECRET: required in production (at least 32 random characters, e.g. `openssl rand -base64 48`); scripts/provision.sh writes one into .env",
    );
  return {
    ...parsed.data,
    APP_URL: (parsed.data.APP_URL ?? `http://localhost:${parsed.data.PORT}`).replace(/\/$/, ""),
    APP_SECRET: parsed.data.APP_SECRET ?? DEVELOPMENT_SECRET,
  };
}

/** Validated configuration; fails loudly at start-up with every problem listed. */
export function env(): Env {
  if (cached) return cached;
  loadDotEnv();
  cached = parseEnv(process.env);
  return cached;
}

/**
 * For the process entry points (through ./env-check.server): a bad configuration stops
 * the process at start with the list of problems, not a stack trace.
 */
export function envOrExit(): Env {
  try {
    return env();
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

/** Local development: the app is served over plain http on this machine. */
export function isLocalOrigin(appUrl: string) {
  const { protocol, hostname } = new URL(appUrl);
  return protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(hostname);
}
