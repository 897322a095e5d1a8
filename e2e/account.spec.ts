/**
 * The officer's own account: profile (with the certificate-exact name preview), password change,
 * the data download and deleting the account. Certificates are written straight into the
 * database: these journeys are about the account, not about issuing.
 */
import { readFile } from "node:fs/promises";
import { strFromU8, unzipSync } from "fflate";
import pg from "pg";
import type { Page } from "@playwright/test";
import { e2eEnv } from "./env";
import { expect, expectNoAxeViolations, logIn, test } from "./fixtures";
import { COURSE, newOfficer } from "./journeys";

/** Gives the officer a READY certificate of COURSE (a tiny PDF) and returns its serial. */
async function issueCertificate(email: string) {
  const db = new pg.Client({ connectionString: e2eEnv.DATABASE_URL });
  await db.connect();
  try {
    const serial = `HDG-2026-${Math.random().toString(36).slice(2, 6).toUpperCase()}-ACCT`;
    await db.query(
      `WITH e AS (
         INSERT INTO "Enrolment" (id, "userId", "courseId", status, "completedAt", "updatedAt")
         SELECT gen_random_uuid()::text, u.id, c.id, 'COMPLETED', now(), now() FROM "User" u, "Course" c
         WHERE u.email = $1 AND c.slug = $2 RETURNING id, "userId", "courseId"
       ), cc AS (
         INSERT INTO "CourseCompletion" (id, "enrolmentId", revision) SELECT gen_random_uuid()::text, e.id, 1 FROM e RETURNING id
       )
       INSERT INTO "Certificate" (id, serial, "completionId", "userId", "courseId", status, "learnerName", "courseTitle", hours, "completedAt", locale, "issuerName", "issuerTitle", pdf, "updatedAt")
       SELECT gen_random_uuid()::text, $3, cc.id, e."userId", e."courseId", 'READY', u.name, 'Electronic evidence', 6, now(), 'en', 'Director of Training', 'Regional Cybercrime Training Centre', convert_to('%PDF-1.7 account test', 'UTF8'), now()
       FROM cc, e JOIN "User" u ON u.id = e."userId"`,
      [email, COURSE, serial],
    );
    return serial;
  } finally {
    await db.end();
  }
}

async function previewSrc(page: Page) {
  const img = page.getByTestId("name-preview");
  await expect(img).toBeVisible();
  // The image really loaded (an SVG of the name's glyphs).
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(true);
  return (await img.getAttribute("src"))!;
}

test("an officer renames themselves and the certificate preview follows the saved name", async ({ page }) => {
  const officer = await newOfficer(page, "acct-name");
  await page.getByRole("link", { name: "Account", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your profile");
  await expect(page.getByRole("navigation", { name: "Your account" }).getByRole("link")).toHaveText([
    "Profile",
    "Password",
    "Email",
    "Two-factor",
    "Sessions",
    "Your data",
  ]);
  const before = await previewSrc(page);
  expect(await (await page.request.get(before)).text()).toContain(`<title>${officer.name}</title>`);
  await expect(page.getByText("Certificates already issued keep the name they were issued with.")).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByLabel("Full name").fill("محمد عبد الله");
  await page.getByLabel("My agency is not listed: its name").fill("Direction de la police judiciaire");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByRole("status").first()).toHaveText("Your profile was saved.");
  await expect(page.getByLabel("Full name")).toHaveValue("محمد عبد الله");
  const after = await previewSrc(page);
  expect(after).not.toBe(before);
  const svg = await (await page.request.get(after)).text();
  expect(svg).toContain("<title>محمد عبد الله</title>");
  expect(svg).toMatch(/<path [^>]*d="M/);
  await expect(page.getByTestId("name-preview")).toHaveAttribute("alt", "محمد عبد الله, as a certificate prints it");

  // A bad submission is answered field by field.
  await page.getByLabel("Full name").fill("");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("Enter your full name.")).toBeVisible();
  await expectNoAxeViolations(page);
});

test("changing the password signs out every other browser, keeps this one, and needs the current password", async ({
  page,
  browser,
}) => {
  const officer = await newOfficer(page, "acct-pass");
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await logIn(otherPage, officer);

  await page.goto("/account/password");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Change your password");
  await page.getByLabel("Current password").fill("not my password");
  await page.getByLabel("New password").fill("a quiet harbour at dawn");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("That is not your current password.")).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByLabel("Current password").fill(officer.password);
  await page.getByLabel("New password").fill("a quiet harbour at dawn");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("status").first()).toHaveText(
    "Your password was changed, and you were signed out on every other device.",
  );

  // This browser is still signed in; the other one is not.
  await page.goto("/account");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your profile");
  await otherPage.goto("/account");
  await expect(otherPage).toHaveURL(/\/login\?redirectTo=%2Faccount/);
  await logIn(otherPage, officer, { expectFailure: true });
  await logIn(otherPage, { email: officer.email, password: "a quiet harbour at dawn" });
  await other.close();
});

test("an officer downloads their data as one ZIP, then deletes their account; /verify shows their initials", async ({
  page,
}) => {
  const officer = await newOfficer(page, "acct-data");
  await page.goto("/account");
  await page.getByLabel("Full name").fill("Sokha Chan");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByRole("status").first()).toHaveText("Your profile was saved.");
  const serial = await issueCertificate(officer.email);

  await page.getByRole("link", { name: "Your data" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your data");
  await expectNoAxeViolations(page);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download my data (ZIP)" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^haidang-my-data-\d{4}-\d{2}-\d{2}\.zip$/);
  const files = unzipSync(new Uint8Array(await readFile((await download.path())!)));
  expect(Object.keys(files).sort()).toEqual(
    [
      "attempts.json",
      "certificates.json",
      `certificates/${serial}.pdf`,
      "enrolments.json",
      "profile.json",
      "progress.json",
    ].sort(),
  );
  expect(JSON.parse(strFromU8(files["profile.json"]!))).toMatchObject({ email: officer.email, name: "Sokha Chan" });
  expect(JSON.parse(strFromU8(files["certificates.json"]!))).toEqual([expect.objectContaining({ serial })]);

  // Deleting needs the password.
  await page.getByLabel("Your password").fill("not my password");
  await page.getByRole("button", { name: "Delete my account" }).click();
  await expect(page.getByText("That is not your password.")).toBeVisible();
  await page.getByLabel("Your password").fill(officer.password);
  await page.getByRole("button", { name: "Delete my account" }).click();
  await expect(page.getByRole("status").first()).toHaveText(
    "Your account was deleted. Thank you for training with us.",
  );
  await expect(page.getByRole("link", { name: "Log in", exact: true })).toBeVisible();

  await logIn(page, officer, { expectFailure: true });
  await page.goto(`/verify/${serial}`);
  await expect(page.getByText("S. C.", { exact: true })).toBeVisible();
  await expect(page.getByText("Sokha Chan")).toHaveCount(0);
});

test.describe("on a 390 px phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the account pages fit and work on a phone", async ({ page }) => {
    await newOfficer(page, "acct-phone");
    for (const [path, heading] of [
      ["/account", "Your profile"],
      ["/account/password", "Change your password"],
      ["/account/data", "Your data"],
    ] as const) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    }
    await page.goto("/account");
    await page.getByLabel("Full name").fill("Dara Sok");
    await page.getByRole("button", { name: "Save profile" }).click();
    await expect(page.getByRole("status").first()).toHaveText("Your profile was saved.");
    const img = page.getByTestId("name-preview");
    const box = (await img.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(390);
  });
});
