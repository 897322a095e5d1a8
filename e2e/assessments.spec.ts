import { E2E_ORIGIN } from "./env";
import { DEMO, expect, expectHydrated, expectNoAxeViolations, logIn, logOut, test } from "./fixtures";
import { newOfficer, passModuleQuiz, QUIZ_COURSE } from "./journeys";

const question = (page: import("@playwright/test").Page, n: number) =>
  page.getByRole("group", { name: new RegExp(`^Question ${n}\\b`) });

test("an officer passes a module's quiz of every question kind; passing completes the module", async ({ page }) => {
  test.setTimeout(90_000);
  await passModuleQuiz(page, "quiz");
});

test("answers are saved as they change, survive a reload, and a replayed submit grades nothing twice", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const officer = await passModuleQuiz(page, "replay");
  // Start the final test and answer one question; with JavaScript it is saved without pressing anything.
  await page.goto(`/courses/${QUIZ_COURSE}/assessments/final`);
  await page.getByRole("button", { name: "Start the assessment" }).click();
  await expectHydrated(page);
  await expect(page.getByText(/^Time left: \d+:\d\d/)).toBeVisible(); // a timed quiz
  await question(page, 1).getByLabel("Your answer").fill("It shows who held the evidence, so a court can trust it.");
  await expect(page.getByText("Your answers are saved.")).toBeVisible();
  await page.reload();
  await expect(question(page, 1).getByLabel("Your answer")).toHaveValue(
    "It shows who held the evidence, so a court can trust it.",
  );
  await question(page, 2).getByLabel("True").check();
  await page.getByRole("button", { name: "Finish the attempt…" }).click();
  await page.getByRole("button", { name: "Submit all and finish" }).click();
  await expect(page.getByText("Submitted. A trainer will grade the written answers")).toBeVisible();
  const attemptUrl = new URL(page.url()).pathname;

  // The same submission replayed (a double click, a second tab, a resent request).
  const replay = await page.request.post(attemptUrl, {
    form: { intent: "submit", "on-page": "0" },
    headers: { Origin: E2E_ORIGIN },
    maxRedirects: 0,
  });
  expect(replay.status()).toBe(302);
  await page.goto(`/courses/${QUIZ_COURSE}/assessments/final`);
  await expect(page.getByRole("row")).toHaveCount(2); // header + one attempt
  await expect(page.getByRole("row").nth(1)).toContainText("Waiting for a trainer");
  await logOut(page);

  // The trainer grades the essay; the officer then sees the result, the comment and the course completed.
  await logIn(page, DEMO.trainer);
  await page.goto(`/author/${QUIZ_COURSE}/grading`);
  const item = page.locator(".grading-item", { hasText: officer.name });
  await expect(item).toContainText("It shows who held the evidence");
  // More than the mark is stopped in the browser (and refused by the server: see the model tests).
  await item.getByLabel("Points (0–2)").fill("5");
  await item.getByRole("button", { name: "Save grade" }).click();
  expect(await item.getByLabel("Points (0–2)").evaluate((el) => (el as HTMLInputElement).validity.rangeOverflow)).toBe(
    true,
  );
  await page.locator(".grading-item", { hasText: officer.name }).getByLabel("Points (0–2)").fill("1.5");
  await page
    .locator(".grading-item", { hasText: officer.name })
    .getByLabel("Comment for the learner")
    .fill("Good: add who signs the log.");
  await page.locator(".grading-item", { hasText: officer.name }).getByRole("button", { name: "Save grade" }).click();
  await expect(page.getByRole("status").first()).toContainText("The attempt is now fully graded.");
  await logOut(page);

  await logIn(page, officer);
  await page.goto(attemptUrl);
  await expect(page.locator(".result-score")).toContainText("Score: 83.33%");
  await expect(page.getByText("Good: add who signs the log.")).toBeVisible();
  await page.goto("/dashboard");
  await expect(page.locator(".course-card", { hasText: "Evidence quiz" })).toContainText("Completed");
});

test("trainers upload GIFT and Aiken into the bank (errors name the line and add nothing), export it, build a random quiz and read the item statistics", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await passModuleQuiz(page, "stats"); // at least one graded attempt for the statistics
  await logOut(page);
  await logIn(page, DEMO.trainer);
  await page.goto(`/author/${QUIZ_COURSE}/questions`);
  await expect(page.getByRole("heading", { name: /Question bank \(9 questions\)/ })).toBeVisible();
  await page.getByLabel("Or paste the questions").fill("::fine:: Fine {T}\n\n::broken:: Broken {=a ~b\n");
  await page.getByRole("button", { name: "Check and add" }).click();
  await expect(page.getByRole("alert")).toContainText("Nothing was added");
  await expect(page.getByRole("alert")).toContainText("Line 3:");
  await expect(page.getByLabel("Or paste the questions")).toHaveValue(/::broken::/); // nothing typed is lost
  // Fixed, it goes in.
  await page
    .getByLabel("Or paste the questions")
    .fill("$CATEGORY: Imported\n\n::fine:: Fine {T}\n\n::fixed:: Fixed {=a ~b}\n");
  await page.getByRole("button", { name: "Check and add" }).click();
  await expect(page.getByRole("status").first()).toContainText("2 questions added");
  await page.getByLabel("Aiken").check();
  await page
    .getByLabel("Or paste the questions")
    .fill("Which port does HTTPS use by default?\nA. 80\nB. 443\nC. 25\nANSWER: B\n");
  await page.getByLabel("Category for questions that name none").fill("Imported");
  await page.getByRole("button", { name: "Check and add" }).click();
  await expect(page.getByRole("status").first()).toContainText("1 questions added");
  await expect(page.getByRole("heading", { name: /Question bank \(12 questions\)/ })).toBeVisible();
  const gift = await (await page.request.get(`/author/${QUIZ_COURSE}/questions.gift`)).text();
  expect(gift).toContain("$CATEGORY: Imported");
  expect(gift).toContain("::q-match::");
  await expectNoAxeViolations(page);

  // A random quiz: one fixed question and two drawn from the imported category.
  await page.goto(`/author/${QUIZ_COURSE}/assessments`);
  await page.getByRole("link", { name: "Build an assessment" }).click();
  await page.getByLabel("Title").fill("Random check");
  await page.getByLabel("Short name for the address").fill("random-check");
  // Asking for every imported question while also fixing one of them leaves too few to draw.
  await page.getByLabel("Draw at random from Imported:").fill("3");
  await page.getByLabel(/q-single/).check();
  await page.getByLabel(/^fixed Fixed/).check();
  await page.getByRole("button", { name: "Create the assessment" }).click();
  await expect(page.getByRole("alert")).toContainText("Category Imported has 2 questions available; you asked for 3.");
  await expect(page.getByLabel(/q-single/)).toBeChecked(); // what was chosen is kept
  await page.getByLabel(/^fixed Fixed/).uncheck();
  await page.getByLabel("Draw at random from Imported:").fill("2");
  await page.getByRole("button", { name: "Create the assessment" }).click();
  await expect(page.getByRole("status").first()).toContainText("Assessment saved.");
  await expectNoAxeViolations(page);
  await logOut(page);
  const officer = await newOfficer(page, "random");
  await page.goto(`/courses/${QUIZ_COURSE}`);
  await page.getByRole("button", { name: "Enrol" }).click();
  await page.goto(`/courses/${QUIZ_COURSE}/assessments/random-check`);
  await page.getByRole("button", { name: "Start the assessment" }).click();
  await expect(page.getByRole("group", { name: /^Question \d/ })).toHaveCount(3);
  await expect(question(page, 1)).toContainText("Which of these is electronic evidence?");
  await logOut(page);
  expect(officer.email).toContain("@");

  await logIn(page, DEMO.trainer);
  await page.goto(`/author/${QUIZ_COURSE}/assessments`);
  await page.getByRole("link", { name: "Module quiz" }).click();
  await expect(page.getByRole("heading", { name: "Item statistics" })).toBeVisible();
  await expect(page.getByRole("img", { name: "Facility 1.00" }).first()).toBeVisible();
  await expectNoAxeViolations(page);
  const csv = await (await page.request.get(`/author/${QUIZ_COURSE}/assessments/module-quiz.csv`)).text();
  expect(csv.split("\n")[0]).toContain("percent");
  expect(csv).toContain(",100,yes");
});

test("assessment pages have no axe violations; learners cannot reach the trainer's pages", async ({ page }) => {
  await logIn(page, DEMO.learner);
  for (const path of [
    `/author/${QUIZ_COURSE}/questions`,
    `/author/${QUIZ_COURSE}/assessments`,
    `/author/${QUIZ_COURSE}/grading`,
    `/author/${QUIZ_COURSE}/questions.gift`,
    `/author/${QUIZ_COURSE}/assessments/module-quiz.csv`,
  ]) {
    expect((await page.request.get(path, { maxRedirects: 0 })).status(), path).toBe(403);
  }
  await page.goto(`/courses/${QUIZ_COURSE}`);
  await page.getByRole("button", { name: "Enrol" }).click();
  await page.goto(`/courses/${QUIZ_COURSE}/assessments/final`);
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Start the assessment" }).click();
  await expect(question(page, 1)).toBeVisible();
  await expectNoAxeViolations(page);
  await logOut(page);
  await logIn(page, DEMO.otherTrainer);
  expect((await page.request.get(`/author/${QUIZ_COURSE}/grading`, { maxRedirects: 0 })).status()).toBe(403);
});
