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
  const person = { name: `Officer ${tag} ${Date.now().toString(36)}`, email: uniqueEmail(tag), password: "a lighthouse over Hanoi", country: "KH", agency: "Cambodian National Police" };
  await page.goto("/signup");
  await fillSignup(page, person);
  await submitSignup(page);
  return person;
}

/** The officer applies, a trainer approves, the officer reads every module in order and completes the course. */
export async function applyApproveComplete(page: Page, tag: string) {
  const officer = await newOfficer(page, tag);
  await page.goto(`/courses/${COURSE}`);
  await page.getByLabel("Why do you need this course?").fill("I seize phones in fraud cases and need to preserve them properly.");
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
  expect(plainText(await waitForEmail(officer.email, { subject: /^You are enrolled/ }))).toContain("You now have a place in the course");

  await logIn(page, officer);
  await page.goto("/dashboard");
  await expect(page.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "0");
  await page.getByRole("link", { name: `Continue: ${MODULES[0]}` }).click();
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

