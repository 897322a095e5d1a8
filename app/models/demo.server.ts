import type { Role } from "~/generated/prisma/enums";
import { prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { enableDemoTwoFactor } from "./two-factor.server";
import { registerUser } from "./users.server";

/**
 * The demo administrator's TOTP secret (development and tests only; never in production).
 * Add it to an authenticator app to sign in as the demo administrator; e2e/fixtures.ts
 * computes the codes from it.
 */
export const DEMO_ADMIN_TOTP_SECRET = "JBSWY3DPEHPK3PXPHAIDANGDEMOADMIN";

/** Demo accounts for local development and the end-to-end tests. Never created in production. */
export const DEMO_ACCOUNTS: {
  email: string;
  name: string;
  password: string;
  role: Role;
  country: string;
  agency: string;
}[] = [
  {
    email: "admin@haidang.test",
    name: "Demo Administrator",
    password: "Hanoi-Beacon-A-2026",
    role: "ADMIN",
    country: "VN",
    agency: "UNODC Regional Office",
  },
  {
    email: "trainer@haidang.test",
    name: "Demo Trainer",
    password: "Hanoi-Beacon-T-2026",
    role: "TRAINER",
    country: "TH",
    agency: "Regional Cybercrime Training Centre",
  },
  {
    email: "learner@haidang.test",
    name: "Demo Learner",
    password: "Hanoi-Beacon-L-2026",
    role: "LEARNER",
    country: "LA",
    agency: "Ministry of Public Security, Cybercrime Division",
  },
];

/** The demo trainer maintains every course that exists (the imported demo courses). */
export async function assignDemoTrainer() {
  const trainer = await prisma.user.findUnique({ where: { email: "trainer@haidang.test" }, select: { id: true } });
  if (!trainer) return 0;
  const courses = await prisma.course.findMany({ select: { id: true } });
  const result = await prisma.courseMaintainer.createMany({
    data: courses.map((c) => ({ courseId: c.id, userId: trainer.id })),
    skipDuplicates: true,
  });
  return result.count;
}

/** Job titles printed on the certificates the demo administrator issues. */
const DEMO_TITLES: Record<string, string> = { "admin@haidang.test": "Programme Officer, UNODC" };

/** Idempotent: existing accounts are left exactly as they are (a missing title is filled in). */
export async function seedDemoAccounts() {
  const created: string[] = [];
  for (const account of DEMO_ACCOUNTS) {
    const exists = await prisma.user.findUnique({ where: { email: account.email }, select: { id: true, title: true } });
    const title = DEMO_TITLES[account.email];
    if (exists) {
      if (title && !exists.title) await prisma.user.update({ where: { id: exists.id }, data: { title } });
      continue;
    }
    const result = await registerUser({ ...account, locale: "en" }, { welcomeEmail: false });
    if (result.status !== "created") throw new Error(`demo account ${account.email}: ${result.status}`);
    if (title) await prisma.user.update({ where: { id: result.user.id }, data: { title } });
    created.push(account.email);
  }
  // Administrators must use two-step verification: the demo one gets a known secret, outside production only.
  if (env().NODE_ENV !== "production") {
    const admin = await prisma.user.findUnique({ where: { email: "admin@haidang.test" }, select: { id: true } });
    if (admin) await enableDemoTwoFactor({ userId: admin.id, secret: DEMO_ADMIN_TOTP_SECRET });
  }
  return created;
}
