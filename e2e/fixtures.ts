import { readdir, readFile } from "node:fs/promises";
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type APIRequestContext, type Page } from "@playwright/test";
import * as OTPAuth from "otpauth";
import pg from "pg";
import { E2E_OUTBOX, e2eEnv } from "./env";

/** The demo administrator's TOTP secret (app/models/demo.server.ts), seeded outside production. */
export const DEMO_ADMIN_TOTP_SECRET = "JBSWY3DPEHPK3PXPHAIDANGDEMOADMIN";

export const DEMO = {
  admin: {
    email: "admin@haidang.test",
    password: "Hanoi-Beacon-A-2026",
    name: "Demo Administrator",
    totpSecret: DEMO_ADMIN_TOTP_SECRET,
  },
  trainer: { email: "trainer@haidang.test", password: "Hanoi-Beacon-T-2026", name: "Demo Trainer" },
  learner: { email: "learner@haidang.test", password: "Hanoi-Beacon-L-2026", name: "Demo Learner" },
  otherTrainer: { email: "other-trainer@haidang.test", password: "Hanoi-Beacon-O-2026", name: "Other Trainer" },
  /** Focal point for the whole of Viet Nam (app/models/demo.server.ts). */
  focal: { email: "focal@haidang.test", password: "Hanoi-Beacon-F-2026", name: "Demo Focal Point" },
  /** VN police department, UNVERIFIED (address verified): waits for the focal point. */
  officerVn: { email: "officer.vn@haidang.test", password: "Hanoi-Beacon-L-2026", name: "Nguyen Van An" },
  officerKh: { email: "officer.kh@haidang.test", password: "Hanoi-Beacon-L-2026", name: "Sok Dara" },
  officerId: { email: "officer.id@haidang.test", password: "Hanoi-Beacon-L-2026", name: "Siti Rahayu" },
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
  if (person.agency) await page.getByLabel("My agency is not listed: its name").fill(person.agency);
  if (person.locale) await page.getByLabel("Preferred language").selectOption(person.locale);
}

export const totpCode = (secret: string, timestamp = Date.now()) =>
  OTPAuth.TOTP.generate({ secret: OTPAuth.Secret.fromBase32(secret), timestamp });

/**
 * A code for the login's second step. The server refuses a time step already used (replay),
 * and the journeys sign the same administrator in many times within 30 seconds: so, like the
 * fixtures above that write straight into the e2e database, this forgets the last step used.
 */
export async function freshTotpCode(email: string, secret: string) {
  const db = new pg.Client({ connectionString: e2eEnv.DATABASE_URL });
  await db.connect();
  try {
    await db.query(
      `UPDATE "TwoFactor" SET "lastUsedStep" = NULL WHERE "userId" = (SELECT id FROM "User" WHERE email = $1)`,
      [email],
    );
  } finally {
    await db.end();
  }
  return totpCode(secret);
}

const logOutButton = (page: Page) => page.getByRole("button", { name: /Log out|Se déconnecter|تسجيل الخروج/ });

/** On a phone the menu is a closed disclosure: open it so its links and buttons can be used. */
export async function openMenu(page: Page) {
  const menu = page.locator("details.site-menu");
  if ((await menu.count()) === 0) return;
  if ((await menu.getAttribute("open")) !== null) return;
  const summary = menu.locator("> summary");
  if (await summary.isVisible()) await summary.click();
}

/**
 * Logs in through the form (with the second step when the account has `totpSecret`); unless
 * `expectFailure`, waits until the session is really there.
 */
export async function logIn(
  page: Page,
  { email, password, totpSecret }: { email: string; password: string; totpSecret?: string },
  { expectFailure = false } = {},
) {
  await page.goto("/login");
  await page.locator("#login-email").fill(email);
  await page.locator("#login-password").fill(password);
  await page.locator("form#login button[type=submit]").click();
  if (expectFailure) return expect(page.getByRole("alert")).toBeVisible();
  if (totpSecret) {
    await page.locator("#login-two-factor-code").fill(await freshTotpCode(email, totpSecret));
    await page.locator("form#login-two-factor button[type=submit]").click();
  }
  // On a phone "Log out" sits in the closed menu, outside the accessibility tree until opened.
  await expect(
    page.getByRole("button", { name: /Log out|Se déconnecter|تسجيل الخروج/, includeHidden: true }),
  ).toBeAttached();
}

/** Signs an API client in (both steps for the demo administrator); fails unless the session starts. */
export async function apiLogIn(
  context: APIRequestContext,
  { email, password, totpSecret }: { email: string; password: string; totpSecret?: string },
) {
  const headers = { Origin: new URL(e2eEnv.APP_URL).origin };
  const login = await context.post("/login", { form: { email, password }, headers, maxRedirects: 0 });
  expect(login.status(), `login as ${email}`).toBe(302);
  if (!totpSecret) return;
  expect(login.headers()["location"], "the second step").toBe("/login");
  const code = await context.post("/login", {
    form: { intent: "code", code: await freshTotpCode(email, totpSecret) },
    headers,
    maxRedirects: 0,
  });
  expect(code.status(), `second step as ${email}`).toBe(302);
}

/** The account link (`/verify-email/…` or `/reset-password/…`) in the latest mail to `to` matching `subject`. */
export async function accountLink(to: string, wanted: RegExp) {
  const text = plainText(await waitForEmail(to, { subject: wanted }));
  const link = text.match(/https?:\/\/\S+\/(?:verify-email|reset-password)\/[\w-]+/)?.[0];
  expect(link, `an account link in the mail to ${to}`).toBeTruthy();
  return new URL(link!).pathname;
}

/** Follows the confirmation link mailed after a sign-up (or an email change) and presses Confirm. */
export async function confirmEmailFromOutbox(page: Page, to: string) {
  await page.goto(await accountLink(to, /Confirm your/));
  await page.getByRole("button", { name: "Confirm" }).click();
}

/**
 * Submits the sign-up form ("check your email"), follows the link in the verification mail,
 * and logs in: the officer ends signed in with a verified address, as journeys expect.
 */
export async function submitSignup(page: Page, person: { email: string; password: string }) {
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Check your email");
  await confirmEmailFromOutbox(page, person.email);
  await logIn(page, person);
}

export async function logOut(page: Page) {
  await openMenu(page);
  await logOutButton(page).click();
  await expect(logOutButton(page)).toHaveCount(0);
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

// ---------------------------------------------------------------------------------------
// Reflow (WCAG 1.4.10): every page the journeys load must fit 320 CSS px without scrolling
// sideways. A wide table may scroll inside its own `overflow-x: auto` container.

export const REFLOW_WIDTH = 320;

/**
 * What identifies a page for the reflow check: the path with its ids, serials and tokens
 * replaced (module and course slugs are kept: their content differs), and the query's names
 * (with `page`'s value: an attempt's pages show different questions).
 */
export function routePattern(url: URL): string {
  const path = url.pathname
    .split("/")
    .map((segment) =>
      /^\d+$/.test(segment) || (/\d/.test(segment) && segment.length >= 16) || /^[A-Z]{2,}-\d{4}-/.test(segment)
        ? ":id"
        : segment,
    )
    .join("/");
  const query = [...url.searchParams.keys()]
    .sort()
    .map((key) => (key === "page" ? `page=${url.searchParams.get(key)}` : key))
    .join("&");
  return query ? `${path}?${query}` : path;
}

/** The document's width, and the widest element that sticks out of the viewport (outside any scroll container). */
async function measureOverflow(page: Page) {
  return page.evaluate(() => {
    const viewport = document.documentElement.clientWidth;
    const scrollWidth = document.documentElement.scrollWidth;
    const describe = (el: Element) => {
      const parts: string[] = [];
      for (let e: Element | null = el; e && e !== document.body && parts.length < 4; e = e.parentElement) {
        const classes = [...e.classList]
          .slice(0, 2)
          .map((c) => `.${c}`)
          .join("");
        parts.unshift(`${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ""}${classes}`);
      }
      return parts.join(" > ");
    };
    const clipped = (el: Element) => {
      for (let e = el.parentElement; e && e !== document.documentElement; e = e.parentElement) {
        const overflowX = getComputedStyle(e).overflowX;
        if (overflowX !== "visible") return true;
      }
      return false;
    };
    let widest: { selector: string; width: number; left: number; right: number } | null = null;
    for (const el of document.body.querySelectorAll("*")) {
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 || (rect.right <= viewport + 0.5 && rect.left >= -0.5) || clipped(el)) continue;
      if (!widest || rect.width > widest.width)
        widest = {
          selector: describe(el),
          width: Math.round(rect.width),
          left: Math.round(rect.left),
          right: Math.round(rect.right),
        };
    }
    if (!widest && scrollWidth > viewport) {
      // Nothing sticks out in the flow: an absolutely positioned element escaping a scroller does.
      let far = 0;
      for (const el of document.body.querySelectorAll("*")) {
        const rect = el.getBoundingClientRect();
        const beyond = Math.max(rect.right - viewport, -rect.left);
        if (rect.width > 0 && beyond > far) {
          far = beyond;
          widest = {
            selector: `${describe(el)} (${getComputedStyle(el).position})`,
            width: Math.round(rect.width),
            left: Math.round(rect.left),
            right: Math.round(rect.right),
          };
        }
      }
    }
    return { scrollWidth, widest };
  });
}

/** Fails when the page, at its current viewport, is wider than `width` (naming the widest culprit). */
export async function expectFitsWidth(page: Page, width = REFLOW_WIDTH) {
  const { scrollWidth, widest } = await measureOverflow(page);
  const culprit = widest ? `; widest: ${widest.selector} (${widest.width} px, ${widest.left}..${widest.right})` : "";
  expect(scrollWidth, `${page.url()} is ${scrollWidth} px wide at ${width} px${culprit}`).toBeLessThanOrEqual(width);
}

/** Patterns already checked in this run (one worker, so one set): each route is measured once. */
const reflowChecked = new Set<string>();

/**
 * The journeys' `test`: after each passing test, every distinct page its `page` loaded (main
 * frame, GET, same origin) is opened again at 320×640 in the same browser context (same
 * cookies), once per route pattern in the whole run, and must not scroll sideways. Responses
 * that are not HTML (PDF, ZIP, CSV, JSON, downloads) are skipped; a page that now redirects
 * elsewhere (its user logged out, the attempt was submitted) is left for a later test.
 */
export const test = base.extend<{ reflowCheck: void }>({
  reflowCheck: [
    async ({ page, context, baseURL }, use, testInfo) => {
      const origin = new URL(baseURL ?? "http://localhost").origin;
      const loaded = new Map<string, string>();
      const record = (frame: import("@playwright/test").Frame) => {
        if (frame !== page.mainFrame()) return;
        let url: URL;
        try {
          url = new URL(frame.url());
        } catch {
          return;
        }
        const key = routePattern(url);
        if (url.origin === origin && !reflowChecked.has(key) && !loaded.has(key)) loaded.set(key, url.href);
      };
      page.on("framenavigated", record);
      await use();
      page.off("framenavigated", record);
      if (testInfo.status !== testInfo.expectedStatus || loaded.size === 0) return;

      const checker = await context.newPage();
      await checker.setViewportSize({ width: REFLOW_WIDTH, height: 640 });
      const failures: string[] = [];
      try {
        for (const [key, href] of loaded) {
          if (reflowChecked.has(key)) continue;
          let response;
          try {
            response = await checker.goto(href, { waitUntil: "load" });
          } catch (error) {
            if (/Download is starting|ERR_ABORTED/.test(String(error))) reflowChecked.add(key);
            continue;
          }
          if (!(response?.headers()["content-type"] ?? "").includes("text/html")) {
            reflowChecked.add(key);
            continue;
          }
          if (routePattern(new URL(checker.url())) !== key) continue;
          reflowChecked.add(key);
          const { scrollWidth, widest } = await measureOverflow(checker);
          if (scrollWidth > REFLOW_WIDTH)
            failures.push(
              `${href} is ${scrollWidth} px wide${widest ? `; widest: ${widest.selector} (${widest.width} px, ${widest.left}..${widest.right})` : ""}`,
            );
        }
      } finally {
        await checker.close();
      }
      expect(failures, `pages that scroll sideways at ${REFLOW_WIDTH} px (WCAG 1.4.10)`).toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
