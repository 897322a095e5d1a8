import { DEMO, expect, expectNoAxeViolations, logIn, logOut, test } from "./fixtures";
import { newOfficer } from "./journeys";

const PUBLIC_PAGES = ["/", "/login", "/signup", "/no/such/page"];

for (const locale of ["en", "ar"] as const) {
  test(`public pages have no axe violations (${locale})`, async ({ page }) => {
    test.setTimeout(90_000);
    if (locale === "ar") {
      await page.goto("/");
      await page.getByRole("button", { name: "العربية" }).click();
      await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    }
    for (const path of PUBLIC_PAGES) {
      await page.goto(path);
      await expect(page.locator("html")).toHaveAttribute("lang", locale);
      await expectNoAxeViolations(page);
    }
  });
}

test("forms showing errors have no axe violations", async ({ page }) => {
  await page.goto("/signup");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Enter your full name.")).toBeVisible();
  await expectNoAxeViolations(page);
  await logIn(page, { email: DEMO.learner.email, password: "wrong password" }, { expectFailure: true });
  await expect(page.getByRole("alert")).toBeVisible();
  await expectNoAxeViolations(page);
});

test("signed-in pages have no axe violations (administrator, and learner's 403)", async ({ page }) => {
  test.setTimeout(90_000);
  await logIn(page, DEMO.admin);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("My courses");
  await expectNoAxeViolations(page);
  await page.goto("/admin/users");
  await expectNoAxeViolations(page);
  await logOut(page);
  await logIn(page, DEMO.learner);
  await page.goto("/admin/users");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Access denied");
  await expectNoAxeViolations(page);
});

test("the keyboard reaches the main content first through the skip link", async ({ page }) => {
  await page.goto("/login");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to main content" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#main$/);
});

test("the account pages have no axe violations, in English and in Arabic (right to left)", async ({ page }) => {
  test.setTimeout(90_000);
  // A new officer: switching language is saved on the account, and the demo accounts stay English.
  await newOfficer(page, "a11y-account");
  for (const locale of ["en", "ar"] as const) {
    if (locale === "ar") {
      await page.getByRole("button", { name: "العربية" }).click();
      await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    }
    for (const path of ["/account", "/account/password", "/account/data"]) {
      await page.goto(path);
      await expect(page.locator("html")).toHaveAttribute("lang", locale);
      await expectNoAxeViolations(page);
    }
  }
});
