/**
 * Screenshots of a quiz page (matching and ordering) on a 390 px phone, for docs/screenshots/.
 * Not part of the test run. Against a fresh e2e database and a built app:
 *
 *   npx remix build && npx tsx e2e/prepare.ts && npx tsx scripts/quiz-screenshots.ts after
 *
 * writes docs/screenshots/quiz-<name>.png (and, unless `--en-only`, quiz-<name>-ar.png in Arabic and
 * quiz-<name>-desk.png at 1280 px), and prints the page's first-view weight.
 * It starts its own server on the e2e port and stops it when done.
 */
import { spawn } from "node:child_process";
import { mkdir } from "node:fs/promises";
import { chromium, type Page } from "@playwright/test";
import { DEMO } from "../e2e/fixtures";
import { e2eEnv, E2E_ORIGIN } from "../e2e/env";
import { pageWeight } from "./page-weight";

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

/**
 * A full-page shot stitches viewports: an element sticky at the foot of the screen would show
 * in the middle of the picture. It is laid out in its place for the picture only.
 */
const fullPage = async (page: Page, path: string) => {
  await page.addStyleTag({ content: ".question-nav { position: static !important; }" });
  await page.screenshot({ path, fullPage: true });
  console.log(path);
};

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
  if (name !== "before") {
    // Something answered and something flagged, for the navigator to show.
    await page.locator("#question-5 input[type=text]").fill("48");
    await page.locator("#question-6").getByLabel("Flag for review").check();
    await page.getByRole("button", { name: "Save answers" }).click();
    await page.waitForURL(/page=1/);
  }
  await fullPage(page, `docs/screenshots/quiz-${name}.png`);
  // What a phone downloads for this page the first time (HTML and every asset, gzip).
  const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const weight = await pageWeight(E2E_ORIGIN, `${attempt}?page=1`, { Cookie: cookie });
  console.log(
    `first view ${(weight.firstView / 1024).toFixed(1)} KB (${weight.assets} assets), repeat view ${(weight.repeatView / 1024).toFixed(1)} KB`,
  );
  if (!englishOnly) {
    await page.getByRole("button", { name: "العربية" }).first().click();
    await page.goto(`${attempt}?page=1`);
    await fullPage(page, `docs/screenshots/quiz-${name}-ar.png`);
    await page.getByRole("button", { name: "English" }).first().click();
    await page.waitForFunction(() => document.documentElement.lang === "en");
  }
  if (!englishOnly) {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${attempt}?page=1`);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `docs/screenshots/quiz-${name}-desk.png` });
    console.log(`docs/screenshots/quiz-${name}-desk.png`);
  }
  await browser.close();
} finally {
  server.kill("SIGTERM");
}
