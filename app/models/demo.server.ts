import type { AgencyType, Role } from "~/generated/prisma/enums";
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
    country: "VN",
    agency: "Department of Cybersecurity and High-Tech Crime Prevention",
  },
  // Agencies, focal points and vetting (docs/decisions/026).
  {
    email: "focal@haidang.test",
    name: "Demo Focal Point",
    password: "Hanoi-Beacon-F-2026",
    role: "FOCAL_POINT",
    country: "VN",
    agency: "Ministry of Public Security",
  },
  {
    email: "officer.vn@haidang.test",
    name: "Nguyen Van An",
    password: "Hanoi-Beacon-L-2026",
    role: "LEARNER",
    country: "VN",
    agency: "Department of Cybersecurity and High-Tech Crime Prevention",
  },
  {
    email: "officer.kh@haidang.test",
    name: "Sok Dara",
    password: "Hanoi-Beacon-L-2026",
    role: "LEARNER",
    country: "KH",
    agency: "Cambodian National Police",
  },
  {
    email: "officer.id@haidang.test",
    name: "Siti Rahayu",
    password: "Hanoi-Beacon-L-2026",
    role: "LEARNER",
    country: "ID",
    agency: "Indonesian National Police, Directorate of Cyber Crime",
  },
];

/** The demo agencies, parents first (the nominations work relies on these exact names). */
export const DEMO_AGENCIES: { name: string; country: string; type: AgencyType; parent?: string; domains?: string[] }[] =
  [
    { name: "Ministry of Public Security", country: "VN", type: "MINISTRY" },
    {
      name: "Department of Cybersecurity and High-Tech Crime Prevention",
      country: "VN",
      type: "POLICE",
      parent: "Ministry of Public Security",
      domains: ["a05.bocongan.gov.vn"],
    },
    { name: "Supreme People's Procuracy", country: "VN", type: "PROSECUTION" },
    { name: "Cambodian National Police", country: "KH", type: "POLICE" },
    {
      name: "Indonesian National Police, Directorate of Cyber Crime",
      country: "ID",
      type: "POLICE",
      domains: ["polri.go.id"],
    },
  ];

/**
 * Idempotent: the demo agencies, every demo account in its agency (by the agency name it was
 * given), the demo focal point appointed to the whole of Viet Nam, the demo learner vetted.
 * officer.vn stays UNVERIFIED (with a verified address) for the focal point to vet.
 */
export async function seedDemoAgencies() {
  for (const a of DEMO_AGENCIES) {
    const parent = a.parent
      ? await prisma.agency.findUniqueOrThrow({ where: { country_name: { country: a.country, name: a.parent } } })
      : null;
    await prisma.agency.upsert({
      where: { country_name: { country: a.country, name: a.name } },
      create: {
        name: a.name,
        country: a.country,
        type: a.type,
        parentId: parent?.id ?? null,
        trustedDomains: a.domains ?? [],
      },
      update: {},
    });
  }
  for (const account of DEMO_ACCOUNTS) {
    const agency = await prisma.agency.findUnique({
      where: { country_name: { country: account.country, name: account.agency } },
      select: { id: true },
    });
    if (agency)
      await prisma.user.updateMany({ where: { email: account.email, agencyId: null }, data: { agencyId: agency.id } });
  }
  const focal = await prisma.user.findUnique({ where: { email: "focal@haidang.test" }, select: { id: true } });
  if (focal) {
    const scoped = await prisma.focalPointScope.findFirst({ where: { userId: focal.id, country: "VN" } });
    if (!scoped) await prisma.focalPointScope.create({ data: { userId: focal.id, country: "VN" } });
  }
  await prisma.user.updateMany({
    where: { email: "learner@haidang.test", vettingStatus: "UNVERIFIED" },
    data: { vettingStatus: "VERIFIED", vettedAt: new Date(), vettingMethod: "admin", vettingReason: "Demo data" },
  });
}

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
