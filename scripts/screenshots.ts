/**
 * Phone screenshots (390 px) of the demo learner's dashboard and a module page, for the
 * issue notes: `npx tsx scripts/screenshots.ts before` or `… after` (after also takes the
 * Arabic module page). It runs the built app (`npx remix build`) against the e2e database
 * (`npx tsx e2e/prepare.ts` first), starting and stopping its own server on the e2e port.
 * Not part of `npm test`.
 */
import { spawn } from "node:child_process";
import { mkdir } from "node:fs/promises";
import { chromium, type Page } from "@playwright/test";
import { E2E_ORIGIN, e2eEnv } from "../e2e/env";

const phase = process.argv[2] === "after" ? "after" : "before";
const COURSE = "un-cybercrime-convention";
const OUT = "docs/screenshots";

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

async function setLocale(page: Page, locale: string) {
  await page.request.post("/locale", { form: { locale, redirectTo: "/dashboard" }, headers: { Origin: E2E_ORIGIN } });
}

const server = spawn("node_modules/.bin/tsx", ["server.ts"], {
  env: { ...process.env, ...e2eEnv } as NodeJS.ProcessEnv,
  stdio: "ignore",
});
try {
  await waitForServer();
  await mkdir(OUT, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
  const context = await browser.newContext({
    baseURL: E2E_ORIGIN,
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 1,
    locale: "en-GB",
  });
  const page = await context.newPage();
  await page.goto("/login");
  await page.locator("#login-email").fill("learner@haidang.test");
  await page.locator("#login-password").fill("Hanoi-Beacon-L-2026");
  await page.locator("form#login button[type=submit]").click();
  await page.waitForLoadState("load");
  await setLocale(page, "en");

  // Some progress: enrolled, first module read.
  await page.goto(`/courses/${COURSE}`);
  const enrol = page.getByRole("button", { name: "Enrol" });
  if (await enrol.count()) await enrol.click();
  await page.goto(`/courses/${COURSE}/why-a-convention`);
  const finish = page.getByRole("button", { name: "I have finished this module" });
  if (await finish.count()) await finish.click();

  await page.goto("/dashboard");
  await page.screenshot({ path: `${OUT}/dashboard-${phase}.png`, fullPage: true });
  await page.goto(`/courses/${COURSE}/criminalization`);
  await page.screenshot({ path: `${OUT}/module-${phase}.png`, fullPage: true });
  if (phase === "after") {
    await setLocale(page, "ar");
    await page.goto(`/courses/${COURSE}/criminalization`);
    await page.screenshot({ path: `${OUT}/module-after-ar.png`, fullPage: true });
    await setLocale(page, "en");
  }
  await browser.close();
  console.log(`screenshots (${phase}) written to ${OUT}/`);
} finally {
  server.kill("SIGTERM");
}
