/**
 * The site's chrome on a phone (issue 11): the menu folds into a <details> disclosure at 320 px
 * for every role and marks the current page, the language can be switched from the top, and
 * breadcrumbs show titles. The automatic reflow check (fixtures.ts) measures every page loaded.
 */
import type { Page } from "@playwright/test";
import { DEMO, expect, expectFitsWidth, logIn, REFLOW_WIDTH, test } from "./fixtures";
import { COURSE } from "./journeys";

const COURSE_TITLE = "Electronic evidence: from identification to court";
const MODULE = { slug: "identification-and-seizure", title: "Identification and seizure" };

const menu = (page: Page) => page.locator("details.site-menu");
const mainNav = (page: Page) => page.getByRole("navigation", { name: "Main" });

for (const [role, account, own] of [
  ["learner", DEMO.learner, "My courses"],
  ["trainer", DEMO.trainer, "Authoring"],
  ["administrator", DEMO.admin, "Users"],
] as const) {
  test(`at 320 px the ${role}'s menu opens and closes and marks the current page`, async ({ page }) => {
    await logIn(page, account);
    await page.setViewportSize({ width: REFLOW_WIDTH, height: 640 });
    await page.goto("/courses");
    // Closed: only the button shows, and the page fits the screen.
    await expect(menu(page).locator("summary")).toBeVisible();
    await expect(mainNav(page)).toBeHidden();
    await expectFitsWidth(page);

    await menu(page).locator("summary").click();
    await expect(mainNav(page)).toBeVisible();
    await expect(mainNav(page).getByRole("link", { name: "Courses", exact: true })).toHaveAttribute(
      "aria-current",
      "page",
    );
    await expect(mainNav(page).getByRole("link", { name: "Home" })).not.toHaveAttribute("aria-current", /.+/);
    await expect(mainNav(page).getByRole("link", { name: own, exact: true })).toBeVisible();
    await expect(page.getByRole("button", { name: "Log out" })).toBeVisible();
    await expectFitsWidth(page);

    // Following a link lands on that page, marked current there.
    await mainNav(page).getByRole("link", { name: own, exact: true }).click();
    await expect(page).not.toHaveURL(/\/courses$/);
    await menu(page).locator("summary").click();
    await expect(mainNav(page).getByRole("link", { name: own, exact: true })).toHaveAttribute("aria-current", "page");
    await menu(page).locator("summary").click();
    await expect(mainNav(page)).toBeHidden();
  });
}

test("on a wide screen the menu is shown inline, with no menu button", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto("/verify");
  await expect(menu(page).locator("summary")).toBeHidden();
  await expect(mainNav(page).getByRole("link", { name: "Verify a certificate" })).toHaveAttribute(
    "aria-current",
    "page",
  );
});

test("the language switcher at the top changes the language and stays on the page", async ({ page }) => {
  await page.setViewportSize({ width: REFLOW_WIDTH, height: 640 });
  await page.goto(`/courses/${COURSE}`);
  const top = page.locator("details.language-menu");
  await top.locator("summary").click();
  await top.getByRole("button", { name: "Français" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await expect(page).toHaveURL(new RegExp(`/courses/${COURSE}$`));
  await expect(top.locator("summary")).toContainText("Français");
  await expectFitsWidth(page);
  await top.locator("summary").click();
  await top.getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
});

test("breadcrumbs show the course's and the module's titles, the page itself marked current", async ({ page }) => {
  await page.goto(`/courses/${COURSE}/${MODULE.slug}`);
  const trail = page.getByRole("navigation", { name: "You are here" });
  await expect(trail.getByRole("listitem")).toHaveText(["Course catalogue", COURSE_TITLE, MODULE.title]);
  await expect(trail.getByRole("link", { name: MODULE.title })).toHaveAttribute("aria-current", "page");
  await trail.getByRole("link", { name: COURSE_TITLE }).click();
  await expect(page).toHaveURL(new RegExp(`/courses/${COURSE}$`));
  await expect(trail.getByRole("link", { name: COURSE_TITLE })).toHaveAttribute("aria-current", "page");

  await logIn(page, DEMO.admin);
  await page.goto(`/author/${COURSE}/cohorts`);
  await expect(trail.getByRole("listitem")).toHaveText(["Authoring", COURSE_TITLE, "Cohorts"]);
  await page.goto(`/author/${COURSE}/modules/${MODULE.slug}`);
  await expect(trail.getByRole("listitem")).toHaveText(["Authoring", COURSE_TITLE, MODULE.title]);
  await page.goto("/admin/queues");
  await expect(trail.getByRole("listitem")).toHaveText(["Certificates", "Background queues"]);
});
