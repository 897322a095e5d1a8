/**
 * Reflow (WCAG 1.4.10) where it is hardest: an open attempt on a phone, on the page with the
 * matching question (a row of drop-downs beside long left items). Every other page the
 * journeys load is checked by the automatic fixture in fixtures.ts.
 */
import { expect, expectFitsWidth, REFLOW_WIDTH, test } from "./fixtures";
import { newOfficer, QUIZ_COURSE } from "./journeys";

test("an open attempt with a matching question fits a 320 px screen", async ({ page }) => {
  await newOfficer(page, "reflow");
  await page.goto(`/courses/${QUIZ_COURSE}`);
  await page.getByRole("button", { name: "Enrol" }).click();
  await expect(page.getByRole("status").first()).toContainText("You are enrolled.");
  await page.goto(`/courses/${QUIZ_COURSE}/reading`);
  await page.getByRole("button", { name: "I have finished this module" }).click();
  await page.getByRole("link", { name: "Take the assessment: Module quiz" }).click();
  await page.getByRole("button", { name: "Start the assessment" }).click();

  await page.setViewportSize({ width: REFLOW_WIDTH, height: 640 });
  await expectFitsWidth(page);
  await page.getByRole("button", { name: "Next page" }).click();
  const matching = page.getByRole("group", { name: /^Question 6\b/ });
  await expect(matching.getByLabel("Seizure")).toBeVisible();
  await expectFitsWidth(page);
  // Still usable: each drop-down is within the screen.
  for (const label of ["Seizure", "Preservation", "Acquisition"]) {
    const box = (await matching.getByLabel(label).boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(REFLOW_WIDTH);
  }
});
