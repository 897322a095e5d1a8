/** Quizzes without JavaScript (project "chromium-no-js"): the navigator, flags and answers are saved by plain forms. */
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { newOfficer, QUIZ_COURSE } from "./journeys";

test.use({ viewport: { width: 390, height: 844 } });

test.afterEach(async ({ page }) => {
  expect(await page.evaluate(() => document.documentElement.dataset.hydrated ?? null)).toBeNull();
});

const question = (page: Page, n: number) => page.getByRole("group", { name: new RegExp(`^Question ${n}\\b`) });
const numberButton = (page: Page, n: number) =>
  page
    .getByRole("navigation", { name: "Questions of this attempt" })
    .getByRole("button", { name: new RegExp(`^${n} `) });

test("without JavaScript: the navigator saves the page and jumps, flags are kept, the summary lists them, submit works", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await newOfficer(page, "quiz-nojs");
  await page.goto(`/courses/${QUIZ_COURSE}`);
  await page.getByRole("button", { name: "Enrol" }).click();
  await page.goto(`/courses/${QUIZ_COURSE}/reading`);
  await page.getByRole("button", { name: "I have finished this module" }).click();
  await page.goto(`/courses/${QUIZ_COURSE}/assessments/module-quiz`);
  await page.getByRole("button", { name: "Start the assessment" }).click();

  await question(page, 1).getByLabel("A server log").check();
  await question(page, 3).getByLabel("True").check();
  await question(page, 3).getByLabel("Flag for review").check();
  // A number on another page saves this one on the way.
  await numberButton(page, 6).click();
  await expect(page).toHaveURL(/\?page=1#question-6$/);
  await expect(question(page, 6)).toBeVisible();
  await expect(numberButton(page, 1)).toHaveAccessibleName("1 answered");
  await expect(numberButton(page, 3)).toHaveAccessibleName("3 answered, flagged for review");
  await expect(numberButton(page, 2)).toHaveAccessibleName("2 not answered yet");

  await question(page, 6).getByLabel("Seizure").selectOption({ label: "Taking control of an item" });
  await numberButton(page, 3).click();
  await expect(page).toHaveURL(/\?page=0#question-3$/);
  await expect(question(page, 1).getByLabel("A server log")).toBeChecked();
  await expect(question(page, 3).getByLabel("Flag for review")).toBeChecked();
  await expect(numberButton(page, 6)).toHaveAccessibleName("6 answered");

  await page.getByRole("button", { name: "Next page" }).click();
  await page.getByRole("button", { name: "Finish the attempt…" }).click();
  const flagged = page.getByRole("list", { name: "Flagged for review (1)" });
  await expect(flagged).toContainText("Question 3");
  await expect(page.getByText("Questions not answered yet: 3.")).toBeVisible();
  await page.getByRole("button", { name: "Submit all and finish" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Review of attempt 1");
  await expect(page.locator(".result-score")).toContainText("not passed");
});

test("without JavaScript: a timed attempt shows the clock time it ends", async ({ page }) => {
  await newOfficer(page, "timer-nojs");
  await page.goto(`/courses/${QUIZ_COURSE}`);
  await page.getByRole("button", { name: "Enrol" }).click();
  await page.goto(`/courses/${QUIZ_COURSE}/assessments/final`);
  await page.getByRole("button", { name: "Start the assessment" }).click();
  await expect(page.locator(".timer")).toHaveText(/^This attempt ends at \d{1,2}:\d\d(\s?[AP]M)? UTC\.$/);
  await expect(page.locator(".timer [aria-live=polite]")).toHaveCount(1);
  await expect(page.getByText(/Time left/)).toHaveCount(0);
});
