/**
 * Creates an account from the shell:
 *   npm run user:create -- --email ops@unodc.org --role admin [--name "Full Name"] [--password …]
 * Without --password a strong one is generated and printed once.
 */
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { registerUser } from "../app/models/users.server";
import { loadDotEnv } from "../app/utils/env.server";
import { runShutdown } from "../app/utils/shutdown.server";
import { EmailField, SignupSchema } from "../app/validation/auth";
import en from "../app/i18n/locales/en";

loadDotEnv();
const { values } = parseArgs({
  options: {
    email: { type: "string" },
    role: { type: "string", default: "learner" },
    name: { type: "string" },
    password: { type: "string" },
    country: { type: "string" },
    agency: { type: "string" },
    locale: { type: "string", default: "en" },
  },
});

function fail(message: string): never {
  console.error(`user:create: ${message}`);
  process.exit(1);
}

const email = EmailField.safeParse(values.email ?? "");
if (!email.success) fail("--email must be a valid email address");
const role = (values.role ?? "learner").toUpperCase();
if (role !== "LEARNER" && role !== "TRAINER" && role !== "ADMIN") fail("--role must be learner, trainer or admin");
const generated = !values.password;
const password = values.password ?? randomBytes(15).toString("base64url");
const parsed = SignupSchema.omit({ country: true }).safeParse({
  name: values.name ?? email.data.split("@")[0],
  email: email.data,
  password,
  agency: values.agency,
  locale: values.locale,
});
if (!parsed.success)
  fail(
    parsed.error.issues
      .map((i) => `--${i.path.join(".")}: ${en[i.message as keyof typeof en] ?? i.message}`)
      .join("; "),
  );

try {
  const result = await registerUser({ ...parsed.data, country: values.country ?? null, role }, { welcomeEmail: false });
  if (result.status === "email-taken") fail(`an account for ${email.data} already exists`);
  if (result.status === "weak-password") fail(en[result.reason]);
  console.log(`Created ${role} ${result.user.email} (${result.user.id})`);
  if (generated) console.log(`Password (shown once): ${password}`);
} finally {
  await runShutdown();
}
