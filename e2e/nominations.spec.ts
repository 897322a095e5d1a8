/**
 * Nominations (docs/decisions/027): a focal point nominates an officer of their agency, the
 * centre accepts in bulk and watches the drawn progress bar, the officer reads the status on
 * their dashboard; an officer applies and their focal point endorses the application.
 */
import { DEMO, expect, expectHydrated, expectNoAxeViolations, logIn, logOut, test, waitForEmail } from "./fixtures";
import { NOMINATION } from "./nomination-data";

test("a focal point nominates an officer, the centre accepts in bulk with a progress bar, the officer sees it", async ({
  page,
}) => {
  const officer = NOMINATION.officers.js;
  await logIn(page, NOMINATION.focal);
  await page.goto("/focal/nominations/new");
  await page.getByLabel("Find an officer (name or email)").fill("Nominee");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByLabel(new RegExp(officer.name))).toBeVisible();
  await page.getByLabel("Find an officer (name or email)").fill("");
  await page.getByRole("button", { name: "Search" }).click();
  // Officers of other agencies are never offered.
  await expect(page.getByText(NOMINATION.outsider.name)).toHaveCount(0);
  await expectNoAxeViolations(page);
  await page.locator("#nominate-target").selectOption({ label: NOMINATION.courseTitle });
  await page.getByLabel(new RegExp(officer.name)).check();
  await page.locator("#nominate-justification").fill("Leads the unit's mobile forensics work.");
  await page.getByRole("button", { name: "Nominate", exact: true }).click();
  await expect(page.getByText("Nominated: the nomination now waits for the centre")).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(officer.name) })).toContainText("Application under review");
  await expectNoAxeViolations(page);
  await waitForEmail(officer.email, { subject: /You have been nominated/ });
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
  await expectNoAxeViolations(page);
  await page.getByLabel(`Select ${officer.name}`).check();
  await page.getByRole("button", { name: "Accept the selected" }).click();
  await expect(page).toHaveURL(/\/admin\/applications\/batches\/[0-9a-f-]{36}$/);
  await expectHydrated(page);
  await expect(page.getByRole("progressbar")).toBeVisible();
  // The page follows the batch by itself.
  await expect(page.locator(".batch-status")).toHaveText("Finished", { timeout: 20_000 });
  await expect(page.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "1");
  await expect(page.getByRole("row", { name: new RegExp(officer.name) })).toContainText("Accepted");
  await expectNoAxeViolations(page);
  await logOut(page);

  await logIn(page, officer);
  await page.goto("/dashboard");
  await expect(page.locator(".course-card", { hasText: NOMINATION.courseTitle })).toContainText("Enrolled");
  await waitForEmail(NOMINATION.focal.email, { subject: new RegExp(`${officer.name} has a place`) });
});

test("an officer applies to a nomination course and waits for their focal point, who endorses", async ({ page }) => {
  const officer = NOMINATION.officers.applies;
  await logIn(page, officer);
  await page.goto(`/courses/${NOMINATION.course}`);
  await page.getByRole("button", { name: "Apply" }).click();
  await page.goto("/dashboard");
  await expect(page.locator(".course-card", { hasText: NOMINATION.courseTitle })).toContainText(
    "Applied, waiting for your focal point's endorsement",
  );
  await logOut(page);

  await logIn(page, NOMINATION.focal);
  await waitForEmail(NOMINATION.focal.email, { subject: /An application waits for your endorsement/ });
  await page.goto("/focal/nominations");
  const item = page.locator(".course-card", { hasText: officer.name });
  // Declining needs a reason.
  await item.getByRole("button", { name: "Decline" }).click();
  await expect(page.getByRole("alert")).toContainText("Give a reason when you decline.");
  await page.locator(".course-card", { hasText: officer.name }).getByRole("button", { name: "Endorse" }).click();
  await expect(page.getByText("Endorsed: the application now waits for the centre.")).toBeVisible();
  await logOut(page);

  await logIn(page, officer);
  await page.goto("/dashboard");
  await expect(page.locator(".course-card", { hasText: NOMINATION.courseTitle })).toContainText(
    "Endorsed by your focal point, waiting for the centre",
  );
});
