/** Signed-in devices, suspension and the audit trail, as an officer and an administrator do them. */
import type { Browser, Page } from "@playwright/test";
import {
  accountLink,
  DEMO,
  expect,
  expectNoAxeViolations,
  fillSignup,
  logIn,
  submitSignup,
  test,
  uniqueEmail,
} from "./fixtures";

const PASSWORD = "a lighthouse over Hanoi";

async function newOfficer(browser: Browser, tag: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const officer = {
    name: `Officer ${tag} ${Date.now().toString(36)}`,
    email: uniqueEmail(tag),
    password: PASSWORD,
    country: "VN",
  };
  await page.goto("/signup");
  await fillSignup(page, officer);
  await submitSignup(page, officer);
  return { officer, context, page };
}

async function signedOut(page: Page) {
  await page.goto("/account/sessions");
  await expect(page).toHaveURL(/\/login/);
}

test("an officer signed in on two browsers sees both, ends the other, and the other is signed out", async ({
  browser,
}) => {
  const { officer, context: first, page } = await newOfficer(browser, "devices");
  const second = await browser.newContext({
    userAgent: "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
  });
  const other = await second.newPage();
  await logIn(other, officer);

  await page.goto("/account/sessions");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Signed-in devices");
  const items = page.locator(".session-item");
  await expect(items).toHaveCount(2);
  await expect(page.locator(".session-item[data-current]")).toContainText("(this device)");
  await expect(page.locator(".session-item:not([data-current])")).toContainText("Firefox on Linux");
  await expectNoAxeViolations(page);

  await page.getByRole("button", { name: "Sign out: Firefox on Linux" }).click();
  await expect(page.getByText("That device is signed out.")).toBeVisible();
  await expect(items).toHaveCount(1);
  await signedOut(other);

  // Sign in again elsewhere, then "all other devices".
  await logIn(other, officer);
  await page.goto("/account/sessions");
  await expect(items).toHaveCount(2);
  await page.getByRole("button", { name: "Sign out of all other devices" }).click();
  await expect(items).toHaveCount(1);
  await signedOut(other);
  await first.close();
  await second.close();
});

test("an administrator suspends an officer (signed out at once, told at sign-in), reactivates, and finds it in the audit trail", async ({
  browser,
  page,
}) => {
  const { officer, context, page: officerPage } = await newOfficer(browser, "suspend");
  await logIn(page, DEMO.admin);
  await page.goto(`/admin/users?${new URLSearchParams({ q: officer.email })}`);
  await page.getByRole("link", { name: officer.name }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(officer.name);
  await expectNoAxeViolations(page);

  await page
    .getByRole("form", { name: "Suspend the account" })
    .getByLabel("Reason (recorded in the audit trail)")
    .fill("Left the unit");
  await page.getByRole("button", { name: "Suspend the account" }).click();
  await expect(page.getByText("The account is suspended and all its sessions have ended.")).toBeVisible();
  await expect(page.getByText(/Suspended since .*: Left the unit/)).toBeVisible();

  await signedOut(officerPage);
  await logIn(officerPage, officer, { expectFailure: true });
  await expect(officerPage.getByRole("alert")).toHaveText(
    "This account is suspended. Please contact the training centre.",
  );
  // A wrong password says only that the credentials are wrong.
  await logIn(officerPage, { email: officer.email, password: "not the password" }, { expectFailure: true });
  await expect(officerPage.getByRole("alert")).not.toContainText("suspended");

  await page.getByRole("button", { name: "Reactivate the account" }).click();
  await expect(page.getByText("The account is active again.")).toBeVisible();
  await logIn(officerPage, officer);

  await page.goto("/admin/audit");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Audit trail");
  await expectNoAxeViolations(page);
  await page.getByLabel("About whom (email or name)").fill(officer.email);
  await page.getByLabel("Action").fill("user.");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/action=user\./);
  const rows = page.locator("table.audit tbody tr");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText("user.reactivated");
  await expect(rows.nth(1)).toContainText("user.suspended");
  await page.getByLabel("Action").fill("auth.login");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(rows.filter({ hasText: "auth.login-refused" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "auth.login-failed" })).toHaveCount(1);

  const csvHref = await page.getByRole("link", { name: "Download these events (CSV)" }).getAttribute("href");
  const csv = await page.request.get(csvHref!);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect(await csv.text()).toContain("auth.login-refused");
  await context.close();
});

test.describe("on a 390 px phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the devices page and the audit trail fit the screen", async ({ page }) => {
    await logIn(page, DEMO.admin);
    for (const path of ["/account/sessions", "/admin/audit"]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
      await expectNoAxeViolations(page);
    }
    await page.goto("/account/sessions");
    await expect(page.locator(".session-item[data-current]")).toBeVisible();
  });
});

test("an administrator requires a new password: the officer is signed out, the old password fails, the mailed link sets a new one", async ({
  browser,
  page,
}) => {
  const { officer, context, page: officerPage } = await newOfficer(browser, "mustreset");
  await logIn(page, DEMO.admin);
  await page.goto(`/admin/users?${new URLSearchParams({ q: officer.email })}`);
  await page.getByRole("link", { name: officer.name }).click();
  await page.getByRole("button", { name: "Require a new password" }).click();
  await expect(page.getByText("The old password no longer works, every session has ended")).toBeVisible();

  await signedOut(officerPage);
  await logIn(officerPage, officer, { expectFailure: true });
  await officerPage.goto(await accountLink(officer.email, /Choose a new Haidang password/));
  await officerPage.getByLabel("New password", { exact: true }).fill("a brand new lighthouse");
  await officerPage.getByRole("button", { name: "Set the password" }).click();
  await expect(officerPage).toHaveURL(/\/login$/);
  await logIn(officerPage, { email: officer.email, password: "a brand new lighthouse" });
  await context.close();

  await page.goto(`/admin/audit?${new URLSearchParams({ action: "user.password-reset-required" })}`);
  await expect(page.locator("table.audit tbody tr").first()).toContainText("user.password-reset-required");
});
