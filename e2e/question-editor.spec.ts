/**
 * Trainers who never need the files (issue 11, items 10 and 11): a question of every type
 * written and previewed in the browser, an edit that leaves a past attempt as it was, and a
 * draft walked as an officer.
 */
import type { Locator, Page } from "@playwright/test";
import pg from "pg";
import { e2eEnv } from "./env";
import { DEMO, expect, expectFitsWidth, expectHydrated, expectNoAxeViolations, logIn, logOut, test } from "./fixtures";
import { newOfficer, QUIZ_COURSE } from "./journeys";

const run = Date.now().toString(36);
const editor = (page: Page) => page.locator("#question-form");
const previewPane = (page: Page) => page.getByRole("region", { name: "Preview: as officers see it" });
const row = (page: Page, name: string) => editor(page).getByRole("group", { name, exact: true });

async function openNew(page: Page, typeName: string) {
  await page.goto(`/author/${QUIZ_COURSE}/questions`);
  await page
    .getByRole("region", { name: "Write a new question" })
    .getByRole("link", { name: typeName, exact: true })
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`New question: ${typeName}`);
  await expectHydrated(page);
}

async function fillStem(page: Page, stem: string) {
  await editor(page).getByLabel("Question", { exact: true }).fill(stem);
  await editor(page).getByLabel("Category (optional)").fill(`Editor ${run}`);
}

/** Preview shows the question as officers see it, with nothing that gives the answer away; then save. */
async function previewAndSave(page: Page, stem: string, shown: string[], hidden: string[]) {
  await editor(page).getByRole("button", { name: "Preview" }).click();
  const pane = previewPane(page);
  await expect(pane.getByRole("group", { name: /^Question 1\b/ })).toContainText(stem);
  for (const text of shown) await expect(pane).toContainText(text);
  for (const text of hidden) await expect(pane).not.toContainText(text);
  await expect(pane).not.toContainText("✓");
  await editor(page).getByRole("button", { name: "Save the question" }).click();
  await expect(page.getByRole("status").first()).toContainText("Question added to the bank.");
  await expect(page).toHaveURL(new RegExp(`/author/${QUIZ_COURSE}/questions/[0-9a-f-]{36}$`));
  await expect(previewPane(page)).toContainText(stem);
}

const fillIn = (scope: Locator, label: string, value: string) => scope.getByLabel(label, { exact: true }).fill(value);

test("a trainer writes a question of every type, previews each as officers see it, and finds them in the bank", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await logIn(page, DEMO.trainer);

  await openNew(page, "Single choice");
  await fillStem(page, `Which is evidence? ${run}`);
  // The empty third choice is refused with the others' texts kept, all problems at once.
  await fillIn(row(page, "Choice 1"), "Text", "A server log");
  await fillIn(row(page, "Choice 1"), "Feedback (optional)", "Logs are records.");
  await fillIn(row(page, "Choice 2"), "Text", "A rumour");
  await editor(page).getByRole("button", { name: "Save the question" }).click();
  const summary = editor(page).getByRole("alert");
  await expect(summary).toContainText("Choice 3, Text: Fill this in.");
  await summary.getByRole("link", { name: "Choice 3, Text: Fill this in." }).click();
  await expect(row(page, "Choice 3").getByLabel("Text", { exact: true })).toBeFocused();
  await fillIn(row(page, "Choice 3"), "Text", "A guess");
  await editor(page).getByRole("button", { name: "Add another choice" }).click();
  await fillIn(row(page, "Choice 4"), "Text", "A photograph of the screen");
  await previewAndSave(
    page,
    `Which is evidence? ${run}`,
    ["A server log", "A photograph of the screen"],
    ["Logs are records."],
  );

  await openNew(page, "Multiple response");
  await fillStem(page, `Which are volatile? ${run}`);
  await fillIn(row(page, "Choice 1"), "Text", "RAM");
  await fillIn(row(page, "Choice 2"), "Text", "Running processes");
  await fillIn(row(page, "Choice 3"), "Text", "A printed report");
  await previewAndSave(page, `Which are volatile? ${run}`, ["RAM", "A printed report"], []);

  await openNew(page, "True/false");
  await fillStem(page, `Evidence must be preserved. ${run}`);
  await editor(page).getByRole("group", { name: "The statement is" }).getByLabel("True").check();
  await fillIn(editor(page), "Feedback for a wrong answer (optional)", "See module 3.");
  await previewAndSave(page, `Evidence must be preserved. ${run}`, ["True", "False"], ["See module 3."]);

  await openNew(page, "Short answer");
  await fillStem(page, `What does CERT stand for? ${run}`);
  await fillIn(row(page, "Answer 1"), "Text", "computer emergency response team");
  await previewAndSave(page, `What does CERT stand for? ${run}`, ["Your answer"], ["computer emergency"]);

  await openNew(page, "Numerical");
  await fillStem(page, `How many days may data be preserved? ${run}`);
  await fillIn(row(page, "Answer 1"), "Value", "90");
  await fillIn(row(page, "Answer 1"), "Margin (±)", "5");
  await previewAndSave(page, `How many days may data be preserved? ${run}`, ["Your answer"], ["90"]);

  await openNew(page, "Matching");
  await fillStem(page, `Match each term. ${run}`);
  for (const [n, left, right] of [
    [1, "Hash", "A fingerprint of data"],
    [2, "Image", "A bit-for-bit copy"],
    [3, "Seal", "A bag nobody can open unseen"],
  ] as const) {
    await fillIn(row(page, `Pair ${n}`), "Item", left);
    await fillIn(row(page, `Pair ${n}`), "Matching answer", right);
  }
  await previewAndSave(page, `Match each term. ${run}`, ["Hash", "A bit-for-bit copy"], []);

  await openNew(page, "Ordering");
  await fillStem(page, `Put the steps in order. ${run}`);
  await fillIn(editor(page), "Item 1", "Identify");
  await fillIn(editor(page), "Item 2", "Preserve");
  await fillIn(editor(page), "Item 3", "Analyse");
  await previewAndSave(page, `Put the steps in order. ${run}`, ["Identify", "Analyse"], []);

  await openNew(page, "Essay");
  await fillStem(page, `Explain the chain of custody. ${run}`);
  await fillIn(editor(page), "Grading guide (optional)", "Who held it, when and why.");
  await previewAndSave(page, `Explain the chain of custody. ${run}`, ["Your answer"], ["Who held it"]);
  await expectNoAxeViolations(page);

  await page.goto(`/author/${QUIZ_COURSE}/questions`);
  const category = page.locator("details", { hasText: `Editor ${run}` });
  await category.locator("summary").click();
  await expect(category.getByRole("row")).toHaveCount(9); // header + eight questions
  // A question from the course's files is shown, not edited: it changes in the files, or is copied.
  const fromFiles = page.locator("details").filter({ has: page.locator("summary", { hasText: /^Quiz\b/ }) });
  await fromFiles.locator("summary").click();
  await fromFiles
    .getByRole("link", { name: /^View / })
    .first()
    .click();
  await expect(page.getByText("This question comes from the course's files")).toBeVisible();
  await expect(page.locator("#question-form")).toHaveCount(0);
  await page.getByRole("link", { name: "Copy into a new question" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^New question: /);
  await expect(editor(page).getByLabel("Question", { exact: true })).not.toHaveValue("");
});

test("editing a question a past attempt used leaves that attempt's review as it was", async ({ page }) => {
  test.setTimeout(180_000);
  const oldStem = `Which of these is evidence (before the edit)? ${run}`;
  const newStem = `Which of these is NOT evidence (after the edit)? ${run}`;
  const slug = `edit-check-${run}`;
  await logIn(page, DEMO.trainer);
  await openNew(page, "Single choice");
  await editor(page).getByLabel("Question", { exact: true }).fill(oldStem);
  await fillIn(row(page, "Choice 1"), "Text", "A server log");
  await fillIn(row(page, "Choice 2"), "Text", "A rumour");
  await row(page, "Choice 3").getByRole("button", { name: "Remove Choice 3" }).click();
  await expect(row(page, "Choice 3")).toHaveCount(0);
  await editor(page).getByRole("button", { name: "Save the question" }).click();
  await expect(page.getByRole("status").first()).toContainText("Question added to the bank.");
  const questionUrl = new URL(page.url()).pathname;

  // A practice quiz asking just that question.
  await page.goto(`/author/${QUIZ_COURSE}/assessments/new`);
  await page.getByLabel("Title", { exact: true }).fill(`Edit check ${run}`);
  await page.getByLabel("Short name for the address").fill(slug);
  await page.getByLabel(new RegExp(oldStem.replace(/[()?]/g, "\\$&"))).check();
  await page.getByRole("button", { name: "Create the assessment" }).click();
  await expect(page.getByRole("status").first()).toBeVisible();
  await logOut(page);

  const officer = await newOfficer(page, "qedit");
  await page.goto(`/courses/${QUIZ_COURSE}`);
  await page.getByRole("button", { name: "Enrol" }).click();
  await expect(page.getByRole("status").first()).toContainText("You are enrolled.");
  await page.goto(`/courses/${QUIZ_COURSE}/assessments/${slug}`);
  await page.getByRole("button", { name: "Start the assessment" }).click();
  await page
    .getByRole("group", { name: /^Question 1\b/ })
    .getByLabel("A server log")
    .check();
  await page.getByRole("button", { name: "Finish the attempt…" }).click();
  await page.getByRole("button", { name: "Submit all and finish" }).click();
  await expect(page.getByText(oldStem)).toBeVisible();
  const reviewUrl = new URL(page.url()).pathname;
  await logOut(page);

  await logIn(page, DEMO.trainer);
  await page.goto(questionUrl);
  await expect(page.getByText("Attempts that used this question: 1.")).toBeVisible();
  await editor(page).getByLabel("Question", { exact: true }).fill(newStem);
  await fillIn(row(page, "Choice 1"), "Percentage of the mark", "0");
  await fillIn(row(page, "Choice 2"), "Percentage of the mark", "100");
  await editor(page).getByRole("button", { name: "Save the question" }).click();
  await expect(page.getByRole("status").first()).toContainText("Question saved.");
  await expect(page.getByText(`by ${DEMO.trainer.name}`)).toBeVisible();
  // The trainer's view of the officer's attempt, and the officer's own, still show the old question.
  await page.goto(reviewUrl);
  await expect(page.getByText(oldStem)).toBeVisible();
  await expect(page.getByText(newStem)).toHaveCount(0);
  await logOut(page);

  await logIn(page, officer);
  await page.goto(reviewUrl);
  await expect(page.getByText(oldStem)).toBeVisible();
  await expect(page.getByText(newStem)).toHaveCount(0);
});

test("a trainer walks a draft as an officer: modules, an assessment with answers hidden, nothing recorded", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await logIn(page, DEMO.trainer);
  // A draft change officers do not see yet.
  await page.goto(`/author/${QUIZ_COURSE}/modules/reading`);
  const title = page.getByLabel("Module title");
  const original = await title.inputValue();
  await title.fill(`Reading, rewritten ${run}`);
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("status").first()).toContainText("Draft saved.");

  await page.goto(`/author/${QUIZ_COURSE}`);
  await page.getByRole("link", { name: "Preview the draft as an officer" }).click();
  await expect(page.getByRole("note")).toContainText("Preview: officers do not see this yet.");
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: `Reading, rewritten ${run}` }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Reading, rewritten ${run}`);
  await expect(page.getByRole("note")).toContainText("Preview: officers do not see this yet.");
  await page.getByRole("link", { name: /^Next:/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Quiz module");
  await page.getByRole("link", { name: "Take the assessment: Module quiz" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Module quiz");
  await expect(page.getByRole("group", { name: /^Question \d+\b/ })).toHaveCount(7);
  await expect(page.locator("main")).not.toContainText("✓");
  await expect(page.getByRole("button", { name: /Start the assessment|Submit/ })).toHaveCount(0);
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Back to authoring" }).click();
  await expect(page).toHaveURL(new RegExp(`/author/${QUIZ_COURSE}$`));

  // Officers still see the published module.
  await page.goto(`/courses/${QUIZ_COURSE}/reading`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(original);

  // The draft goes away again; the preview then shows the published course.
  await page.goto(`/author/${QUIZ_COURSE}`);
  await page.getByRole("button", { name: "Discard the draft and go back to the published version" }).click();
  await expect(page.getByRole("status").first()).toContainText("Draft discarded.");
  await page.getByRole("link", { name: "Preview as an officer" }).click();
  await expect(page.getByRole("note")).toContainText("There is no draft: this is the published course.");
  await expect(page.getByRole("link", { name: original })).toBeVisible();
});

test("in Arabic on a 320 px phone: the editor, its preview and the officer preview read right to left and fit", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 320, height: 640 });
  // A trainer who reads Arabic: signed up, then made a trainer of the quiz course.
  const trainer = await newOfficer(page, "qedit-ar");
  const db = new pg.Client({ connectionString: e2eEnv.DATABASE_URL });
  await db.connect();
  try {
    await db.query(`UPDATE "User" SET role = 'TRAINER', locale = 'ar' WHERE email = $1`, [trainer.email]);
    await db.query(
      `INSERT INTO "CourseMaintainer" ("courseId", "userId") SELECT c.id, u.id FROM "Course" c, "User" u WHERE c.slug = $1 AND u.email = $2`,
      [QUIZ_COURSE, trainer.email],
    );
  } finally {
    await db.end();
  }
  await page.goto(`/author/${QUIZ_COURSE}/questions/new?type=ordering`);
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("سؤال جديد: ترتيب");
  await expectHydrated(page);
  await editor(page).getByLabel("السؤال", { exact: true }).fill("رتّب الخطوات.");
  await editor(page).getByLabel("العنصر 1", { exact: true }).fill("التحديد");
  await editor(page).getByLabel("العنصر 2", { exact: true }).fill("الحفظ");
  await editor(page).getByLabel("العنصر 3", { exact: true }).fill("التحليل");
  await editor(page).getByRole("button", { name: "معاينة" }).click();
  await expect(page.getByRole("region", { name: "معاينة: كما يراها الموظفون" })).toContainText("التحليل");
  await expectFitsWidth(page);
  await expectNoAxeViolations(page);
  await page.goto(`/author/${QUIZ_COURSE}/as-officer/assessments/module-quiz`);
  await expect(page.getByRole("note")).toContainText("معاينة: لا يرى الموظفون هذا بعد.");
  await expectFitsWidth(page);
});
