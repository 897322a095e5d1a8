/** Forgotten password, with JavaScript disabled (project "chromium-no-js"): plain forms and links only. */
import { accountLink, expect, fillSignup, logIn, submitSignup, test, uniqueEmail } from "./fixtures";

test("without JavaScript: forgot password, new password from the mailed link, the old session is rejected", async ({
  page,
  browser,
}) => {
  const person = {
    name: "Reset Officer",
    email: uniqueEmail("reset"),
    password: "a lighthouse over Hanoi",
    country: "VN",
  };
  await page.goto("/signup");
  await fillSignup(page, person);
  await submitSignup(page, person);

  // Another browser (the one left signed in somewhere) keeps a session until the reset.
  const elsewhere = await browser.newPage();
  await logIn(elsewhere, person);
  expect((await elsewhere.goto("/dashboard"))?.url()).toContain("/dashboard");

  await page.getByRole("button", { name: "Log out" }).click();
  await page.goto("/login");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await page.getByLabel("Email address").fill(person.email);
  await page.getByRole("button", { name: "Send the link" }).click();
  const sent = page.getByText("If an account uses that address, a link to choose a new password is on its way.");
  await expect(sent).toBeVisible();

  // An unknown address gets the very same page.
  await page.goto("/forgot-password");
  await page.getByLabel("Email address").fill(uniqueEmail("nobody"));
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(sent).toBeVisible();

  const link = await accountLink(person.email, /Choose a new Haidang password/);
  await page.goto(link);
  await page.getByLabel("New password", { exact: true }).fill("a brand new lighthouse");
  await page.getByRole("button", { name: "Set the password" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByText("you have been signed out everywhere").first()).toBeVisible();

  // The session the other browser held is gone.
  await elsewhere.goto("/dashboard");
  await expect(elsewhere).toHaveURL(/\/login\?redirectTo=%2Fdashboard/);
  await elsewhere.close();

  // The link works once; the old password no longer does, the new one does.
  await page.goto(link);
  await expect(page.getByText("This link has already been used.")).toBeVisible();
  await logIn(page, person, { expectFailure: true });
  await logIn(page, { email: person.email, password: "a brand new lighthouse" });
});
