/**
 * Loads what a fresh installation needs. Demo accounts are created outside production
 * only (or when HAIDANG_DEMO=1) and printed in development only.
 */
import { assignDemoTrainer, DEMO_ACCOUNTS, seedDemoAccounts } from "../app/models/demo.server";
import { loadDotEnv } from "../app/utils/env.server";
import { runShutdown } from "../app/utils/shutdown.server";

loadDotEnv();
const production = process.env.NODE_ENV === "production";
const demo = process.env.HAIDANG_DEMO ? process.env.HAIDANG_DEMO === "1" : !production;

try {
  if (demo) {
    const created = await seedDemoAccounts();
    console.log(`seed: demo accounts ready (${created.length} new)`);
    await assignDemoTrainer();
    if (!production && process.env.HAIDANG_QUIET_SEED !== "1") {
      console.log("\n  Demo accounts (development only):");
      for (const a of DEMO_ACCOUNTS) console.log(`    ${a.role.padEnd(8)} ${a.email.padEnd(22)} ${a.password}`);
      console.log("");
    }
  } else {
    console.log("seed: production, no demo accounts");
  }
} finally {
  await runShutdown();
}
