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
});

export type Env = z.infer<typeof EnvSchema> & { APP_URL: string };

let cached: Env | undefined;

/** Validated configuration; fails loudly at start-up with every problem listed. */
export function env(): Env {
  if (cached) return cached;
  loadDotEnv();
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment configuration:\n${problems}`);
  }
  cached = {
    ...parsed.data,
    APP_URL: (parsed.data.APP_URL ?? `http://localhost:${parsed.data.PORT}`).replace(/\/$/, ""),
  };
  return cached;
}

/** Local development: the app is served over plain http on this machine. */
export function isLocalOrigin(appUrl: string) {
  const { protocol, hostname } = new URL(appUrl);
  return protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(hostname);
}
