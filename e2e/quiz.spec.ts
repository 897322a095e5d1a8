/**
 * Quizzes on a 390 px phone (issue 11, item 5): the question navigator, flags for review that
 * the server keeps, the timer that stays in sight and speaks only at 5 and 1 minutes, the
 * growing essay box, and matching and ordering that fit 320 px in English and Arabic.
 */
import type { Page } from "@playwright/test";
import { expect, expectFitsWidth, expectHydrated, expectNoAxeViolations, test } from "./fixtures";
import { newOfficer, QUIZ_COURSE } from "./journeys";

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });

const question = (page: Page, n: number) => page.getByRole("group", { name: new RegExp(`^(Question|السؤال) ${n}\\b`) });
const navigator = (page: Page) => page.getByRole("navigation", { name: "Questions of this attempt" });
const numberButton = (page: Page, n: number) => navigator(page).getByRole("button", { name: new RegExp(`^${n} `) });

/** A new officer, enrolled in the test course with its first module read, on page 1 of the module quiz. */
async function startModuleQuiz(page: Page, tag: string) {
  await newOfficer(page, tag);
  await page.goto(`/courses/${QUIZ_COURSE}`);
  await page.getByRole("button", { name: "Enrol" }).click();
  await expect(page.getByRole("status").first()).toContainText("You are enrolled.");
  await page.goto(`/courses/${QUIZ_COURSE}/reading`);
  await page.getByRole("button", { name: "I have finished this module" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Quiz module");
  await page.goto(`/courses/${QUIZ_COURSE}/assessments/module-quiz`);
  await page.getByRole("button", { name: "Start the assessment" }).click();
  await expect(question(page, 1)).toBeVisible();
  await expectHydrated(page);
}

test("the navigator jumps between questions and shows answered and flagged; flags survive a reload and are listed before submitting", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await startModuleQuiz(page, "navigator");
  await expect(navigator(page).getByRole("button")).toHaveCount(7);
  await expect(numberButton(page, 1)).toHaveAccessibleName("1 not answered yet");

  // Answering and flagging are saved as they happen, and the navigator says so in words.
  await question(page, 1).getByLabel("A server log").check();
  await expect(page.getByText("Your answers are saved.")).toBeVisible();
  await expect(numberButton(page, 1)).toHaveAccessibleName("1 answered");
  await question(page, 2).getByLabel("Flag for review").check();
  await expect(numberButton(page, 2)).toHaveAccessibleName("2 not answered yet, flagged for review");

  // A question on another page: its page opens scrolled to it.
  await numberButton(page, 6).click();
  await expect(page).toHaveURL(/\?page=1#question-6$/);
  await expect(question(page, 6)).toBeInViewport();
  // One on the same page: no new page, just there.
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await numberButton(page, 5).click();
  await expect(page).toHaveURL(/\?page=1#question-5$/);
  await expect(question(page, 5)).toBeInViewport();

  // The flag is on the server: a reload of its page still shows it.
  await numberButton(page, 2).click();
  await expect(page).toHaveURL(/\?page=0#question-2$/);
  await page.reload();
  await expect(question(page, 2).getByLabel("Flag for review")).toBeChecked();
  await expect(numberButton(page, 2)).toHaveAccessibleName("2 not answered yet, flagged for review");

  // The summary before submitting lists what was flagged, and leads back to it.
  await page.goto(`${new URL(page.url()).pathname}?page=summary`);
  const flagged = page.getByRole("list", { name: "Flagged for review (1)" });
  await expect(flagged.getByRole("listitem")).toHaveCount(1);
  await expect(flagged).toContainText("Question 2");
  await expectNoAxeViolations(page);
  await flagged.getByRole("button", { name: "Question 2" }).click();
  await expect(page).toHaveURL(/\?page=0#question-2$/);
  await question(page, 2).getByLabel("Flag for review").uncheck();
  await expect(numberButton(page, 2)).toHaveAccessibleName("2 not answered yet");
  await page.goto(`${new URL(page.url()).pathname}?page=summary`);
  await expect(page.getByRole("heading", { name: /Flagged for review/ })).toHaveCount(0);
});

test("a timed attempt keeps its timer in sight and tells screen readers at 5 and at 1 minute left, not every second", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await newOfficer(page, "timer");
  await page.goto(`/courses/${QUIZ_COURSE}`);
  await page.getByRole("button", { name: "Enrol" }).click();
  await expect(page.getByRole("status").first()).toContainText("You are enrolled.");
  await page.clock.install();
  await page.goto(`/courses/${QUIZ_COURSE}/assessments/final`);
  await page.getByRole("button", { name: "Start the assessment" }).click();
  await expectHydrated(page);
  const timer = page.locator(".timer");
  await expect(timer.getByText(/^Time left: \d+:\d\d$/)).toBeVisible();
  await expect(timer.locator("time")).toHaveAttribute("datetime", /^\d{4}-\d\d-\d\dT/);
  const announcer = timer.locator("[aria-live]");
  await expect(announcer).toHaveCount(1);
  await expect(announcer).toHaveAttribute("aria-live", "polite");
  await expect(announcer).toHaveText("");
  // The countdown ticks, but the live region stays quiet.
  await page.clock.fastForward(3_000);
  await expect(announcer).toHaveText("");

  // The essay box is as wide as its question and grows with the text.
  const essay = question(page, 1).getByLabel("Your answer");
  const before = (await essay.boundingBox())!;
  const fieldset = (await question(page, 1).boundingBox())!;
  expect(before.width).toBeGreaterThan(fieldset.width - 60);
  await essay.fill(Array.from({ length: 14 }, (_, i) => `Line ${i + 1} of the answer.`).join("\n"));
  await expect.poll(async () => (await essay.boundingBox())!.height).toBeGreaterThan(before.height + 60);

  // Scrolled to the end, the timer is still at the top of the screen.
  await page.setViewportSize({ width: 390, height: 480 });
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
  await expect(timer).toBeInViewport();
  expect(Math.round((await timer.boundingBox())!.y)).toBe(0);

  await page.clock.fastForward("15:05");
  await expect(announcer).toHaveText("5 minutes left.");
  await page.clock.fastForward("02:00");
  await expect(announcer).toHaveText("5 minutes left.");
  await page.clock.fastForward("02:00");
  await expect(announcer).toHaveText("1 minute left.");
  await expect(timer).toHaveClass(/timer-low/);
});

for (const locale of ["en", "ar"] as const) {
  test(`matching and ordering fit 320 px, each label above its drop-down (${locale})`, async ({ page }) => {
    test.setTimeout(90_000);
    await startModuleQuiz(page, `fit-${locale}`);
    if (locale === "ar") {
      await page.getByRole("button", { name: "العربية" }).first().click();
      await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    }
    const attempt = new URL(page.url()).pathname;
    for (const width of [390, 320]) {
      await page.setViewportSize({ width, height: 700 });
      await page.goto(`${attempt}?page=1`);
      await expect(question(page, 6)).toBeVisible();
      await expectFitsWidth(page, width);
      for (const n of [6, 7]) {
        const box = (await question(page, n).boundingBox())!;
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(width);
        // Stacked: every drop-down starts below its label and stays inside the question.
        const labels = question(page, n).locator("label:not(.question-flag label)");
        const selects = question(page, n).locator("select");
        await expect(selects).toHaveCount(n === 6 ? 3 : 4);
        for (let i = 0; i < (await selects.count()); i++) {
          const select = (await selects.nth(i).boundingBox())!;
          const label = (await labels.nth(i).boundingBox())!;
          expect(select.y).toBeGreaterThanOrEqual(label.y + label.height - 1);
          expect(select.x).toBeGreaterThanOrEqual(box.x);
          expect(select.x + select.width).toBeLessThanOrEqual(box.x + box.width);
        }
      }
    }
    await expectNoAxeViolations(page);

    // At a desk the navigator sits beside the questions: after them in reading direction.
    await page.setViewportSize({ width: 1280, height: 800 });
    const nav = (await page
      .getByRole("navigation", { name: /Questions of this attempt|أسئلة هذه المحاولة/ })
      .boundingBox())!;
    const main = (await page.locator(".attempt-main").boundingBox())!;
    if (locale === "en") expect(nav.x).toBeGreaterThanOrEqual(main.x + main.width);
    else expect(nav.x + nav.width).toBeLessThanOrEqual(main.x);
    expect(nav.y).toBeLessThan(main.y + 200);
  });
}
