/** Email verification and email change, as an officer does them (forgotten password: account-recovery.no-js.spec.ts). */
import {
  accountLink,
  confirmEmailFromOutbox,
  expect,
  expectNoAxeViolations,
  fillSignup,
  logIn,
  logOut,
  test,
  uniqueEmail,
  waitForEmail,
} from "./fixtures";

// An open course: enrolling leaves no application waiting in a trainer's list.
const COURSE = "cybercrime-first-response";

async function signUpUnverified(page: import("@playwright/test").Page, tag: string) {
  const person = {
    name: `Officer ${tag}`,
    email: uniqueEmail(tag),
    password: "a lighthouse over Hanoi",
    country: "KH",
  };
  await page.goto("/signup");
  await fillSignup(page, person);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Check your email");
  return person;
}

test("an unverified officer can read but not enrol; after the mailed link, enrolment goes through", async ({
  page,
}) => {
  const person = await signUpUnverified(page, "verify");
  await logIn(page, person);
  await page.goto("/dashboard");
  await expect(page.getByText("Your email address is not confirmed yet.")).toBeVisible();
  await expectNoAxeViolations(page);

  await page.goto(`/courses/${COURSE}`);
  await expect(page.getByRole("button", { name: "Send the link again" })).toBeVisible();
  await page.getByRole("button", { name: "Enrol", exact: true }).click();
  await expect(page.getByText("Confirm your email address before you enrol or apply").first()).toBeVisible();

  await confirmEmailFromOutbox(page, person.email);
  await expect(page.getByRole("status").first()).toHaveText(
    "Your email address is confirmed. You can now enrol in courses.",
  );
  await page.goto(`/courses/${COURSE}`);
  await expect(page.getByRole("button", { name: "Send the link again" })).toHaveCount(0);
  await page.getByRole("button", { name: "Enrol", exact: true }).click();
  await expect(page.getByRole("status").first()).toContainText("You are enrolled.");
});

test("signing up again with a registered address shows the same page and mails the owner a notice", async ({
  page,
}) => {
  const person = await signUpUnverified(page, "twice");
  await page.goto("/signup");
  await fillSignup(page, { ...person, name: "Someone Else" });
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Check your email");
  await expectNoAxeViolations(page);
  await waitForEmail(person.email, { subject: /Someone tried to create a Haidang account/ });
});

test("an officer changes the email address: link to the new one, notice to the old one", async ({ page }) => {
  const person = await signUpUnverified(page, "change");
  await confirmEmailFromOutbox(page, person.email);
  await logIn(page, person);
  const next = uniqueEmail("changed");
  await page.goto("/account/email");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Email address");
  await expectNoAxeViolations(page);
  await page.getByLabel("New email address", { exact: true }).fill(next);
  await page.getByLabel("Current password", { exact: true }).fill("not my password");
  await page.getByRole("button", { name: "Change the address" }).click();
  await expect(page.getByText("That is not your current password.").first()).toBeVisible();
  // Enter, not a click: leaving the field clears its error, and the button moves up under the pointer.
  await page.getByLabel("Current password", { exact: true }).fill(person.password);
  await page.getByLabel("Current password", { exact: true }).press("Enter");
  await expect(page.getByRole("status").first()).toContainText("a confirmation link is on its way");
  await waitForEmail(person.email, { subject: /is being changed/ });

  await page.goto(await accountLink(next, /Confirm your new/));
  await expect(page.getByText(`Confirm that your account's address should become ${next}.`)).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByRole("status").first()).toHaveText("Your account's email address has been changed.");
  await logOut(page);
  await logIn(page, { email: next, password: person.password });
});

test("account recovery pages have no axe violations", async ({ page }) => {
  for (const path of [
    "/forgot-password",
    "/forgot-password?sent=1",
    "/reset-password/not-a-token",
    "/verify-email/not-a-token",
  ]) {
    await page.goto(path);
    await expectNoAxeViolations(page);
  }
  await page.goto("/login");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Forgotten password");
  await page.getByRole("button", { name: "Send the link" }).click();
  await expectNoAxeViolations(page); // with the field error
});
