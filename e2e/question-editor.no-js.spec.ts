/** The question editor with JavaScript disabled: "add another" and "remove" are server round trips, Preview a plain submit. */
import type { Page } from "@playwright/test";
import { DEMO, expect, logIn, test } from "./fixtures";
import { QUIZ_COURSE } from "./journeys";

const run = Date.now().toString(36);
const editor = (page: Page) => page.locator("#question-form");
const row = (page: Page, name: string) => editor(page).getByRole("group", { name, exact: true });
const previewPane = (page: Page) => page.getByRole("region", { name: "Preview: as officers see it" });

test.afterEach(async ({ page }) => {
  expect(await page.evaluate(() => document.documentElement.dataset.hydrated ?? null)).toBeNull();
});

test("without JavaScript: a multiple choice question with another choice added, previewed and saved", async ({
  page,
}) => {
  await logIn(page, DEMO.trainer);
  await page.goto(`/author/${QUIZ_COURSE}/questions/new?type=single`);
  const stem = `Which is evidence, without JavaScript? ${run}`;
  await editor(page).getByLabel("Question", { exact: true }).fill(stem);
  await row(page, "Choice 1").getByLabel("Text", { exact: true }).fill("A server log");
  await row(page, "Choice 2").getByLabel("Text", { exact: true }).fill("A rumour");
  await row(page, "Choice 3").getByLabel("Text", { exact: true }).fill("A guess");
  // The server adds the row and sends back everything typed so far.
  await editor(page).getByRole("button", { name: "Add another choice" }).click();
  await expect(row(page, "Choice 4")).toBeVisible();
  await expect(editor(page).getByLabel("Question", { exact: true })).toHaveValue(stem);
  await expect(row(page, "Choice 3").getByLabel("Text", { exact: true })).toHaveValue("A guess");
  await expect(editor(page).getByRole("alert")).toHaveCount(0);
  await row(page, "Choice 4").getByLabel("Text", { exact: true }).fill("A screenshot");
  // Remove works the same way.
  await row(page, "Choice 3").getByRole("button", { name: "Remove Choice 3" }).click();
  await expect(row(page, "Choice 4")).toHaveCount(0);
  await expect(row(page, "Choice 3").getByLabel("Text", { exact: true })).toHaveValue("A screenshot");

  await editor(page).getByRole("button", { name: "Preview" }).click();
  await expect(previewPane(page).getByRole("group", { name: /^Question 1\b/ })).toContainText(stem);
  await expect(previewPane(page)).toContainText("A screenshot");
  await expect(previewPane(page)).not.toContainText("✓");
  await editor(page).getByRole("button", { name: "Save the question" }).click();
  await expect(page.getByRole("status").first()).toContainText("Question added to the bank.");
  await expect(previewPane(page)).toContainText("A screenshot");
});

test("without JavaScript: a matching question, refused with every problem listed, then saved", async ({ page }) => {
  await logIn(page, DEMO.trainer);
  await page.goto(`/author/${QUIZ_COURSE}/questions/new?type=matching`);
  const stem = `Match each term, without JavaScript. ${run}`;
  await editor(page).getByLabel("Question", { exact: true }).fill(stem);
  await row(page, "Pair 1").getByLabel("Item", { exact: true }).fill("Hash");
  await editor(page).getByRole("button", { name: "Save the question" }).click();
  const summary = editor(page).getByRole("alert");
  await expect(summary).toContainText("Pair 1, Matching answer: Fill this in.");
  await expect(summary).toContainText("Pair 2, Item: Fill this in.");
  await expect(summary.getByRole("link", { name: "Pair 3, Matching answer: Fill this in." })).toHaveAttribute(
    "href",
    "#question-form-pairs[2].right",
  );
  await expect(row(page, "Pair 1").getByLabel("Item", { exact: true })).toHaveValue("Hash");
  await row(page, "Pair 1").getByLabel("Matching answer", { exact: true }).fill("A fingerprint of data");
  await row(page, "Pair 2").getByLabel("Item", { exact: true }).fill("Image");
  await row(page, "Pair 2").getByLabel("Matching answer", { exact: true }).fill("A bit-for-bit copy");
  await row(page, "Pair 3").getByRole("button", { name: "Remove Pair 3" }).click();
  await expect(row(page, "Pair 3")).toHaveCount(0);
  await editor(page).getByRole("button", { name: "Add an extra answer" }).click();
  await editor(page).getByLabel("Extra answer 1", { exact: true }).fill("A photograph");
  await editor(page).getByRole("button", { name: "Save the question" }).click();
  await expect(page.getByRole("status").first()).toContainText("Question added to the bank.");
  const pane = previewPane(page);
  await expect(pane.getByRole("group", { name: /^Question 1\b/ })).toContainText(stem);
  await expect(pane.getByLabel("Hash")).toContainText("A photograph");
  await expect(pane.getByLabel("Hash")).toContainText("A bit-for-bit copy");
});
