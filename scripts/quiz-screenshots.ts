/**
 * Screenshots of a quiz page (matching and ordering) on a 390 px phone, for docs/screenshots/.
 * Not part of the test run. Against a fresh e2e database and a built app:
 *
 *   npx remix build && npx tsx e2e/prepare.ts && npx tsx scripts/quiz-screenshots.ts after
 *
 * writes docs/screenshots/quiz-<name>.png (and quiz-<name>-ar.png in Arabic unless `--en-only`).
 * It starts its own server on the e2e port and stops it when done.
 */
import { spawn } from "node:child_process";
import { mkdir } from "node:fs/promises";
import { chromium, type Page } from "@playwright/test";
import { DEMO } from "../e2e/fixtures";
import { e2eEnv, E2E_ORIGIN } from "../e2e/env";

const name = process.argv[2] ?? "after";
const englishOnly = process.argv.includes("--en-only");
const QUIZ = "/courses/e2e-quiz/assessments/module-quiz";

async function waitForServer() {
  for (let i = 0; i < 120; i++) {
    const ok = await fetch(`${E2E_ORIGIN}/healthcheck`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("the server did not start");
}

async function openQuizPage(page: Page) {
  await page.goto("/login");
  await page.locator("#login-email").fill(DEMO.learner.email);
  await page.locator("#login-password").fill(DEMO.learner.password);
  await page.locator("form#login button[type=submit]").click();
  await page.waitForURL((url) => url.pathname !== "/login");
  await page.goto("/courses/e2e-quiz");
  const enrol = page.getByRole("button", { name: "Enrol" });
  if (await enrol.count()) await enrol.click();
  await page.goto("/courses/e2e-quiz/reading");
  const finished = page.getByRole("button", { name: "I have finished this module" });
  if (await finished.count()) await finished.click();
  await page.goto(QUIZ);
  const start = page.getByRole("button", { name: /Start the assessment|Continue the attempt/ });
  if (await start.count()) await start.click();
  else await page.getByRole("link", { name: /Continue the attempt/ }).click();
  await page.waitForURL(/\/attempts\//);
  const attempt = new URL(page.url()).pathname;
  await page.goto(`${attempt}?page=1`);
  return attempt;
}

const server = spawn("node_modules/.bin/tsx", ["server.ts"], {
  env: { ...process.env, ...e2eEnv, NODE_ENV: "production" as const },
  stdio: ["ignore", "ignore", "inherit"],
});
try {
  await waitForServer();
  await mkdir("docs/screenshots", { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
  const context = await browser.newContext({
    baseURL: E2E_ORIGIN,
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: "en-GB",
  });
  const page = await context.newPage();
  const attempt = await openQuizPage(page);
  await page.screenshot({ path: `docs/screenshots/quiz-${name}.png`, fullPage: true });
  console.log(`docs/screenshots/quiz-${name}.png`);
  if (!englishOnly) {
    await page.getByRole("button", { name: "العربية" }).first().click();
    await page.goto(`${attempt}?page=1`);
    await page.screenshot({ path: `docs/screenshots/quiz-${name}-ar.png`, fullPage: true });
    console.log(`docs/screenshots/quiz-${name}-ar.png`);
    await page.getByRole("button", { name: "English" }).first().click();
  }
  await browser.close();
} finally {
  server.kill("SIGTERM");
}
