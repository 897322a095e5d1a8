/** Journeys shared by the JavaScript and no-JavaScript projects. */
import { expect, type Page } from "@playwright/test";
import { DEMO, fillSignup, logIn, logOut, plainText, submitSignup, uniqueEmail, waitForEmail } from "./fixtures";

export const COURSE = "electronic-evidence";
const MODULES = [
  "What is electronic evidence?",
  "Identification and seizure",
  "Preservation and integrity",
  "Chain of custody",
  "Requests to other states and service providers",
];

export async function newOfficer(page: Page, tag: string) {
  const person = {
    name: `Officer ${tag} ${Date.now().toString(36)}`,
    email: uniqueEmail(tag),
    password: "a lighthouse over Hanoi",
    country: "KH",
    agency: "Cambodian National Police",
  };
  await page.goto("/signup");
  await fillSignup(page, person);
  await submitSignup(page, person);
  return person;
}

/** The officer applies, a trainer approves, the officer reads every module in order and completes the course. */
export async function applyApproveComplete(page: Page, tag: string) {
  const officer = await newOfficer(page, tag);
  await page.goto(`/courses/${COURSE}`);
  await page
    .getByLabel("Why do you need this course?")
    .fill("I seize phones in fraud cases and need to preserve them properly.");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByRole("status").first()).toContainText("Your application has been sent.");
  await expect(page.locator(".enrolment-status")).toContainText("Application under review");
  await page.goto("/dashboard");
  await expect(page.getByText("Application under review")).toBeVisible();
  await logOut(page);

  await logIn(page, DEMO.trainer);
  await page.goto(`/author/${COURSE}/applications`);
  const card = page.locator(".course-card", { hasText: officer.name });
  await expect(card).toContainText("I seize phones in fraud cases");
  await card.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByRole("status")).toContainText("Application approved.");
  await logOut(page);
  expect(plainText(await waitForEmail(officer.email, { subject: /^You are enrolled/ }))).toContain(
    "You now have a place in the course",
  );

  await logIn(page, officer);
  await page.goto("/dashboard");
  await expect(page.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "0");
  await page.getByRole("link", { name: "Start the course" }).click();
  for (const [index, title] of MODULES.entries()) {
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    await page.getByRole("button", { name: "I have finished this module" }).click();
    if (index < MODULES.length - 1) await expect(page.getByRole("status").first()).toHaveText("Module completed.");
  }
  await expect(page.getByRole("status").first()).toHaveText("Congratulations: you have completed the course.");
  await page.goto("/dashboard");
  const entry = page.locator(".course-card", { hasText: "Electronic evidence" });
  await expect(entry).toContainText("Completed");
  await expect(entry.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "5");
  return officer;
}

export const QUIZ_COURSE = "e2e-quiz";

/**
 * An officer enrols in the test course, reads the first module and passes the second
 * module's quiz (two pages, one question of every objective kind), going back a page to
 * check nothing typed was lost. Works with and without JavaScript.
 */
export async function passModuleQuiz(page: Page, tag: string) {
  const officer = await newOfficer(page, tag);
  await page.goto(`/courses/${QUIZ_COURSE}`);
  await page.getByRole("button", { name: "Enrol" }).click();
  await expect(page.getByRole("status").first()).toContainText("You are enrolled.");
  await page.goto(`/courses/${QUIZ_COURSE}/reading`);
  await page.getByRole("button", { name: "I have finished this module" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Quiz module");
  await expect(page.getByRole("button", { name: "I have finished this module" })).toHaveCount(0);
  await page.getByRole("link", { name: "Take the assessment: Module quiz" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Module quiz");
  await page.getByRole("button", { name: "Start the assessment" }).click();

  const question = (n: number) => page.getByRole("group", { name: new RegExp(`^Question ${n}\\b`) });
  await question(1).getByLabel("A server log").check();
  await question(2).getByLabel("SHA-256").check();
  await question(2).getByLabel("MD5").check();
  await question(3).getByLabel("True").check();
  await question(4).getByLabel("Your answer").fill("computer emergency response team");
  await page.getByRole("button", { name: "Next page" }).click();

  await expect(question(5)).toBeVisible();
  await question(5).getByLabel("Your answer").fill("48");
  await question(6).getByLabel("Seizure").selectOption({ label: "Taking control of an item" });
  await question(6).getByLabel("Preservation").selectOption({ label: "Keeping data unchanged" });
  await question(6).getByLabel("Acquisition").selectOption({ label: "Making a forensic copy" });
  await question(7).getByLabel("Protect people").selectOption("1");
  await question(7).getByLabel("Secure the scene").selectOption("2");
  await question(7).getByLabel("Document what you see").selectOption("3");
  await question(7).getByLabel("Hand over to specialists").selectOption("4");
  // Back to page 1: what was answered there is still there.
  await page.getByRole("button", { name: "Previous page" }).click();
  await expect(question(1).getByLabel("A server log")).toBeChecked();
  await expect(question(4).getByLabel("Your answer")).toHaveValue("computer emergency response team");
  await page.getByRole("button", { name: "Next page" }).click();
  await expect(question(7).getByLabel("Hand over to specialists")).toHaveValue("4");
  await page.getByRole("button", { name: "Finish the attempt…" }).click();
  await expect(page.getByText("You have answered every question.")).toBeVisible();
  await page.getByRole("button", { name: "Submit all and finish" }).click();

  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Review of attempt 1");
  await expect(page.locator(".result-score")).toContainText("Score: 100%");
  await expect(page.locator(".result-score")).toContainText("passed");
  // Feedback is shown at once for this quiz.
  await expect(page.getByText("Right: logs record what happened.")).toBeVisible();
  await page.goto(`/courses/${QUIZ_COURSE}`);
  await expect(page.getByRole("listitem").filter({ hasText: "Quiz module" })).toContainText("completed");
  return officer;
}
