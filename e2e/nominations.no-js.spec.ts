/** The nomination journey with JavaScript off: plain forms, and the progress page followed by its Refresh link. */
import { DEMO, expect, logIn, logOut, test } from "./fixtures";
import { NOMINATION } from "./nomination-data";

test("without JavaScript: a focal point nominates, the centre accepts in bulk, the officer sees it", async ({
  page,
}) => {
  const officer = NOMINATION.officers.noJs;
  await logIn(page, NOMINATION.focal);
  await page.goto("/focal/nominations/new?q=Plainform");
  await page.locator("#nominate-target").selectOption({ label: NOMINATION.courseTitle });
  await page.getByLabel(new RegExp(officer.name)).check();
  await page.getByRole("button", { name: "Nominate", exact: true }).click();
  await expect(page.getByText("Nominated: the nomination now waits for the centre")).toBeVisible();
  await logOut(page);

  await logIn(page, officer);
  await page.goto("/dashboard");
  await expect(page.locator(".course-card", { hasText: NOMINATION.courseTitle })).toContainText(
    "Nominated by your focal point, waiting for the centre",
  );
  await logOut(page);

  await logIn(page, DEMO.admin);
  await page.goto("/admin/applications");
  await page.getByLabel("Course").selectOption({ label: NOMINATION.courseTitle });
  await page.getByRole("button", { name: "Show" }).click();
  // Declining in bulk needs a reason: the page says so and nothing is decided.
  await page.getByLabel(`Select ${officer.name}`).check();
  await page.getByRole("button", { name: "Decline the selected" }).click();
  await expect(page.getByRole("alert")).toContainText("Give a reason when you decline.");
  await page.getByLabel(`Select ${officer.name}`).check();
  await page.getByRole("button", { name: "Accept the selected" }).click();
  await expect(page).toHaveURL(/\/admin\/applications\/batches\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("progressbar")).toBeVisible();
  // No script polls: the Refresh link reloads the page until the batch is finished.
  await expect(async () => {
    const refresh = page.getByRole("link", { name: "Refresh" });
    if (await refresh.count()) await refresh.click();
    await expect(page.locator(".batch-status")).toHaveText("Finished", { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await expect(page.getByRole("row", { name: new RegExp(officer.name) })).toContainText("Accepted");
  await logOut(page);

  await logIn(page, officer);
  await page.goto("/dashboard");
  await expect(page.locator(".course-card", { hasText: NOMINATION.courseTitle })).toContainText("Enrolled");
});
