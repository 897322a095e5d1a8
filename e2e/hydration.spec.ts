/**
 * Every interactive page hydrates without React errors, in a browser whose time zone and
 * language differ from the server's (text rendered from Intl data must match on both sides,
 * or React discards the server HTML and with it whatever the person already typed).
 */
import { DEMO, expect, logIn, test } from "./fixtures";

test.use({ timezoneId: "Asia/Ho_Chi_Minh", locale: "ar-EG" });

test("pages hydrate cleanly in another time zone and language", async ({ page }) => {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(`${page.url()}: ${error.message}`));
  const visit = async (path: string) => {
    await page.goto(path);
    await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
  };
  for (const path of ["/", "/login", "/signup"]) await visit(path);
  await logIn(page, DEMO.admin);
  for (const path of [
    "/admin/users",
    "/admin/enrolments",
    "/author/electronic-evidence/cohorts",
    "/author/electronic-evidence/applications",
    "/author/electronic-evidence/progress",
    "/author",
    "/author/electronic-evidence",
    "/author/electronic-evidence?lang=ar",
    "/author/electronic-evidence/modules/chain-of-custody?lang=ar",
    "/author/electronic-evidence/translations",
    "/author/electronic-evidence/revisions",
    "/author/electronic-evidence/questions/new?type=single",
    "/author/electronic-evidence/questions/new?type=numerical",
    "/author/electronic-evidence/questions/new?type=matching",
  ]) {
    await visit(path);
  }
  expect(errors).toEqual([]);
});

test("what is typed before JavaScript arrives survives hydration", async ({ page }) => {
  await page.route("**/build/**/*.js", async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.continue();
  });
  await page.goto("/signup", { waitUntil: "commit" });
  await page.locator("#signup-name").fill("Typed Early");
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
  await expect(page.locator("#signup-name")).toHaveValue("Typed Early");
});
