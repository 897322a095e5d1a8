/**
 * Loads what a fresh installation needs. Demo accounts are created outside production
 * only (or when HAIDANG_DEMO=1) and printed in development only.
 */
import {
  assignDemoTrainer,
  DEMO_ACCOUNTS,
  DEMO_ADMIN_TOTP_SECRET,
  seedDemoAccounts,
  seedDemoAgencies,
} from "../app/models/demo.server";
import { demoTotpUri } from "../app/models/two-factor.server";
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
    await seedDemoAgencies();
    if (!production && process.env.HAIDANG_QUIET_SEED !== "1") {
      console.log("\n  Demo accounts (development only):");
      for (const a of DEMO_ACCOUNTS) console.log(`    ${a.role.padEnd(11)} ${a.email.padEnd(24)} ${a.password}`);
      console.log(`\n  The demo administrator signs in with two-step verification. Add this key to an`);
      console.log(`  authenticator app (or scan the URI as a QR code):`);
      console.log(`    ${DEMO_ADMIN_TOTP_SECRET.replace(/(.{4})(?=.)/g, "$1 ")}`);
      console.log(`    ${demoTotpUri(DEMO_ADMIN_TOTP_SECRET, "admin@haidang.test")}`);
      console.log("");
    }
  } else {
    console.log("seed: production, no demo accounts");
  }
} finally {
  await runShutdown();
}
