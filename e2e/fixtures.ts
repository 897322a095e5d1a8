import { readdir, readFile } from "node:fs/promises";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";
import pg from "pg";
import { E2E_OUTBOX, e2eEnv } from "./env";

export const DEMO = {
  admin: { email: "admin@haidang.test", password: "Hanoi-Beacon-A-2026", name: "Demo Administrator" },
  trainer: { email: "trainer@haidang.test", password: "Hanoi-Beacon-T-2026", name: "Demo Trainer" },
  learner: { email: "learner@haidang.test", password: "Hanoi-Beacon-L-2026", name: "Demo Learner" },
  otherTrainer: { email: "other-trainer@haidang.test", password: "Hanoi-Beacon-O-2026", name: "Other Trainer" },
};

export const uniqueEmail = (tag = "officer") =>
  `${tag}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}@example.org`;

export type Signup = {
  name: string;
  email: string;
  password: string;
  country: string;
  agency?: string;
  locale?: string;
};

/** Fills the sign-up form by its labels (in English unless `labels` says otherwise). */
export async function fillSignup(page: Page, person: Signup) {
  await page.getByLabel("Full name").fill(person.name);
  await page.getByLabel("Email address").fill(person.email);
  await page.getByLabel("Password").fill(person.password);
  await page.getByLabel("Country").selectOption(person.country);
  if (person.agency) await page.getByLabel("Agency or institution").fill(person.agency);
  if (person.locale) await page.getByLabel("Preferred language").selectOption(person.locale);
}

/** Logs in through the form; unless `expectFailure`, waits until the session is really there. */
export async function logIn(
  page: Page,
  { email, password }: { email: string; password: string },
  { expectFailure = false } = {},
) {
  await page.goto("/login");
  await page.locator("#login-email").fill(email);
  await page.locator("#login-password").fill(password);
  await page.locator("form#login button[type=submit]").click();
  if (expectFailure) await expect(page.getByRole("alert")).toBeVisible();
  else await expect(page.getByRole("button", { name: /Log out|Se déconnecter|تسجيل الخروج/ })).toBeVisible();
}

/** Submits the sign-up form and waits for the signed-in home page. */
export async function submitSignup(page: Page) {
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("button", { name: /Log out|Se déconnecter|تسجيل الخروج/ })).toBeVisible();
}

export async function logOut(page: Page) {
  await page.getByRole("button", { name: /Log out|Se déconnecter|تسجيل الخروج/ }).click();
  await expect(page.getByRole("button", { name: /Log out|Se déconnecter|تسجيل الخروج/ })).toHaveCount(0);
}

/** With JavaScript on, React must really hydrate (a CSP mistake once silently stopped it). */
export async function expectHydrated(page: Page) {
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
}

/** Waits for the worker to write the email for `to` into the outbox, and returns the raw message. */
export async function waitForEmail(
  to: string,
  { timeout = 15_000, subject: wanted }: { timeout?: number; subject?: RegExp } = {},
) {
  let found: string | undefined;
  await expect
    .poll(
      async () => {
        const files = await readdir(E2E_OUTBOX).catch(() => [] as string[]);
        for (const file of files) {
          const text = await readFile(`${E2E_OUTBOX}/${file}`, "utf8");
          if (text.includes(`To: ${to}`) && (!wanted || wanted.test(subject(text)))) {
            found = text;
            return true;
          }
        }
        return false;
      },
      { timeout, message: `an email to ${to}${wanted ? ` with subject ${wanted}` : ""} in ${E2E_OUTBOX}` },
    )
    .toBe(true);
  return found!;
}

/** Decodes the text/plain part of a message written by nodemailer. */
export function plainText(eml: string) {
  const part = eml.split("Content-Type: text/plain; charset=utf-8")[1]!;
  const separator = part.search(/\r?\n\r?\n/);
  const header = part.slice(0, separator);
  const body = part
    .slice(separator)
    .replace(/^\s+/, "")
    .split(/\r?\n--/)[0]!;
  if (header.includes("base64")) return Buffer.from(body.replace(/\s/g, ""), "base64").toString("utf8");
  if (header.includes("quoted-printable")) {
    const bytes = body
      .replace(/=\r?\n/g, "")
      .replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, "latin1").toString("utf8");
  }
  return body;
}

/** The Subject header, with RFC 2047 encoded words decoded. */
export function subject(eml: string) {
  const raw = eml.match(/^Subject: (.*(?:\r?\n[ \t].*)*)/m)?.[1] ?? "";
  return raw
    .replace(/\r?\n[ \t]/g, " ")
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=/gi, (_, encoding: string, text: string) =>
      encoding.toUpperCase() === "B"
        ? Buffer.from(text, "base64").toString("utf8")
        : Buffer.from(
            text
              .replace(/_/g, " ")
              .replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
            "latin1",
          ).toString("utf8"),
    );
}

export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
  );
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

/**
 * A bulk-enrolment batch written straight into the database, as if its job had never reached
 * Redis: it waits PENDING until the worker's reconciler finds it (after RECONCILE_STALE_AFTER_MS).
 */
export async function insertLostBatch({
  courseSlug,
  fileName,
  csv,
}: {
  courseSlug: string;
  fileName: string;
  csv: string;
}) {
  const db = new pg.Client({ connectionString: e2eEnv.DATABASE_URL });
  await db.connect();
  try {
    const { rows } = await db.query(
      `INSERT INTO "BulkEnrolmentBatch" (id, "courseId", "createdById", "fileName", "csvText", total, "updatedAt")
       SELECT gen_random_uuid()::text, c.id, u.id, $3, $4, $5, now() FROM "Course" c, "User" u WHERE c.slug = $1 AND u.email = $2
       RETURNING id`,
      [courseSlug, DEMO.admin.email, fileName, csv, csv.trim().split("\n").length - 1],
    );
    return rows[0]!.id as string;
  } finally {
    await db.end();
  }
}

/**
 * `count` officers who completed `courseSlug` and wait for an administrator's certificate
 * approval, written straight into the e2e database (the journeys that complete a course by
 * hand are elsewhere; this one is about bulk approval).
 */
export async function insertAwaitingCompletions({
  courseSlug,
  count,
  tag,
}: {
  courseSlug: string;
  count: number;
  tag: string;
}) {
  const db = new pg.Client({ connectionString: e2eEnv.DATABASE_URL });
  await db.connect();
  try {
    const names: string[] = [];
    for (let i = 0; i < count; i++) {
      const name = `Cohort Officer ${tag} ${i + 1}`;
      names.push(name);
      await db.query(
        `WITH u AS (
           INSERT INTO "User" (id, email, name, role, locale, "updatedAt") VALUES (gen_random_uuid()::text, $2, $3, 'LEARNER', 'en', now()) RETURNING id
         ), e AS (
           INSERT INTO "Enrolment" (id, "userId", "courseId", status, "completedAt", "updatedAt")
           SELECT gen_random_uuid()::text, u.id, c.id, 'COMPLETED', now(), now() FROM u, "Course" c WHERE c.slug = $1 RETURNING id
         )
         INSERT INTO "CourseCompletion" (id, "enrolmentId", revision, "certificateState") SELECT gen_random_uuid()::text, e.id, 1, 'AWAITING_APPROVAL' FROM e`,
        [courseSlug, `cohort-${tag}-${i}@example.org`, name],
      );
    }
    return names;
  } finally {
    await db.end();
  }
}

/** The serial of a certificate that exists in the e2e database, creating one (as issued) when none does. */
export async function readyCertificateSerial() {
  const db = new pg.Client({ connectionString: e2eEnv.DATABASE_URL });
  await db.connect();
  try {
    const existing = await db.query(`SELECT serial FROM "Certificate" ORDER BY "createdAt" LIMIT 1`);
    if (existing.rows[0]) return existing.rows[0].serial as string;
    const [name] = await insertAwaitingCompletions({
      courseSlug: "electronic-evidence",
      count: 1,
      tag: `v${Date.now().toString(36)}`,
    });
    const serial = `HDG-2026-${Math.random().toString(36).slice(2, 6).toUpperCase()}-TEST`;
    await db.query(
      `INSERT INTO "Certificate" (id, serial, "completionId", "userId", "courseId", status, "learnerName", "courseTitle", hours, "completedAt", locale, "issuerName", "issuerTitle", "updatedAt")
       SELECT gen_random_uuid()::text, $1, cc.id, e."userId", e."courseId", 'READY', u.name, 'Electronic evidence', 6, now(), 'en', 'Director of Training', 'Regional Cybercrime Training Centre', now()
       FROM "CourseCompletion" cc JOIN "Enrolment" e ON e.id = cc."enrolmentId" JOIN "User" u ON u.id = e."userId" WHERE u.name = $2`,
      [serial, name],
    );
    return serial;
  } finally {
    await db.end();
  }
}
