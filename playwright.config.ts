import { defineConfig, devices } from "@playwright/test";
import { e2eEnv, E2E_PORT } from "./e2e/env";

// Debian's Chromium (never `playwright install`: it downloads a browser and fails offline).
const chromium = {
  ...devices["Desktop Chrome"],
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  },
};

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  forbidOnly: Boolean(process.env.CI),
  reporter: [["list"]],
  use: {
    baseURL: `http://localhost:${E2E_PORT}`,
    trace: "retain-on-failure",
    locale: "en-GB",
  },
  projects: [
    { name: "chromium", use: chromium, testIgnore: /no-js\.spec\.ts/ },
    { name: "chromium-no-js", use: { ...chromium, javaScriptEnabled: false }, testMatch: /no-js\.spec\.ts/ },
  ],
  webServer: [
    {
      command: "node_modules/.bin/tsx server.ts",
      url: `http://localhost:${E2E_PORT}/healthcheck`,
      env: e2eEnv,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      command: "node_modules/.bin/tsx jobs/worker.ts",
      wait: { stdout: /worker ready/ },
      env: e2eEnv,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "pipe",
      stderr: "pipe",
    },
  ],
});
