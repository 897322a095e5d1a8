import { existsSync } from "node:fs";
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

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: intFromEnv(3000),
  APP_URL: z.string().url().optional(),
  DATABASE_URL: z.string().url(),
  REDIS_URL: z.string().url(),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().default("Haidang Training Centre <no-reply@haidang.local>"),
  OUTBOX_DIR: z.string().default("outbox"),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: intFromEnv(5),
  LOGIN_MAX_FAILURES_PER_IP: intFromEnv(50),
  LOGIN_WINDOW_SECONDS: intFromEnv(15 * 60),
  TRUST_PROXY: z
    .enum(["true", "false", "1", "0"])
    .default("false")
    .transform((v) => v === "true" || v === "1"),
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

export type Env = z.infer<typeof EnvSchema> & { APP_URL: string };

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
  return {
    ...parsed.data,
    APP_URL: (parsed.data.APP_URL ?? `http://localhost:${parsed.data.PORT}`).replace(/\/$/, ""),
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
