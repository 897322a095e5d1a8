/** The same journeys with JavaScript disabled (project "chromium-no-js"): plain forms and links only. */
import { applyApproveComplete, newOfficer, passModuleQuiz } from "./journeys";
import {
  DEMO,
  confirmEmailFromOutbox,
  expect,
  fillSignup,
  freshTotpCode,
  insertLostBatch,
  logIn,
  plainText,
  readyCertificateSerial,
  test,
  uniqueEmail,
  waitForEmail,
} from "./fixtures";

test.afterEach(async ({ page }) => {
  // Proof that nothing ran: React never hydrated the document.
  expect(await page.evaluate(() => document.documentElement.dataset.hydrated ?? null)).toBeNull();
});

test("without JavaScript: sign up, confirm the address from the email, log in", async ({ page }) => {
  const person = {
    name: "Somchai Phan",
    email: uniqueEmail("nojs"),
    password: "a lighthouse over Hanoi",
    country: "TH",
    agency: "Royal Thai Police",
  };
  await page.goto("/signup");
  await fillSignup(page, person);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Check your email");
  expect(plainText(await waitForEmail(person.email))).toContain("/verify-email/");
  await confirmEmailFromOutbox(page, person.email);
  await expect(page.getByRole("status")).toHaveText("Your email address is confirmed. Log in to enrol in courses.");

  await page.getByRole("link", { name: "Log in", exact: true }).click();
  await page.getByLabel("Email address").fill(person.email);
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("My courses");
});

test("without JavaScript: the server's field errors keep what was typed", async ({ page }) => {
  await page.goto("/signup");
  await fillSignup(page, { name: "Kept Name", email: "bad-email", password: "short", country: "NP" });
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Enter a valid email address, like name@example.org.")).toBeVisible();
  await expect(page.getByText("Use at least 8 characters.")).toBeVisible();
  await expect(page.getByLabel("Full name")).toHaveValue("Kept Name");
  await expect(page.getByLabel("Country")).toHaveValue("NP");
});

test("without JavaScript: the language switcher turns the page Arabic and right-to-left", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("button", { name: "العربية" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("تسجيل الدخول");
});

test("without JavaScript: the catalogue filters by language and reading works", async ({ page }) => {
  await page.goto("/courses");
  await page.getByLabel("Language", { exact: true }).selectOption("ar");
  await page.getByRole("button", { name: "Show courses" }).click();
  await expect(page).toHaveURL(/language=ar/);
  await expect(page.getByRole("link", { name: "Electronic evidence: from identification to court" })).toBeVisible();
  await expect(page.getByRole("link", { name: /The UN Convention against Cybercrime/ })).toHaveCount(0);

  await page.getByLabel("Language", { exact: true }).selectOption("fr");
  await page.getByRole("button", { name: "Show courses" }).click();
  await expect(page.getByRole("link", { name: /The UN Convention against Cybercrime/ })).toBeVisible();
  await expect(page.getByRole("link", { name: "Electronic evidence: from identification to court" })).toHaveCount(0);

  await page.getByRole("link", { name: /The UN Convention against Cybercrime/ }).click();
  await page
    .getByRole("link", { name: /Why a global convention|why/i })
    .first()
    .click();
  await expect(page.locator(".prose h2").first()).toBeVisible();
  await page.getByRole("link", { name: /Next:/ }).click();
  await expect(page.getByText("Log in to read this module.")).toBeVisible();
});

test("without JavaScript: apply, get approved, read in order and complete the course", async ({ page }) => {
  test.setTimeout(120_000);
  await applyApproveComplete(page, "nojs-apply");
});

test("without JavaScript: take a two-page quiz of every question kind, go back a page, submit and read the review", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await passModuleQuiz(page, "nojs-quiz");
});

test("without JavaScript: a bad file is answered at once; the batch page is right on every reload, and Refresh shows the finished report", async ({
  page,
}) => {
  const tag = Date.now().toString(36);
  await logIn(page, DEMO.admin);
  // The upload form is a plain multipart form: a file-level problem is answered at once.
  await page.goto("/admin/enrolments");
  await page.getByLabel("Course", { exact: true }).selectOption({ label: "First response to a cybercrime incident" });
  await page
    .getByLabel(/^CSV file/)
    .setInputFiles({ name: "no-email.csv", mimeType: "text/csv", buffer: Buffer.from("name,country\nSomeone,LA\n") });
  await page.getByRole("button", { name: "Check and enrol" }).click();
  await expect(page.getByRole("heading", { name: "Report for no-email.csv" })).toBeVisible();
  await expect(page.getByRole("alert")).toHaveText("Line 1: the header row has no email column.");

  const batchId = await insertLostBatch({
    courseSlug: "cybercrime-first-response",
    fileName: "nojs.csv",
    csv: `email,name\nnojs-${tag}@police.gov.la,Bounmy NoJS\n`,
  });
  await page.goto(`/admin/enrolments/batches/${batchId}`);
  await expect(page.locator(".batch-status")).toHaveText("Waiting to start");
  const refresh = page.getByRole("link", { name: "Refresh" });
  // The worker's reconciler picks the batch up within seconds; each click is a plain reload.
  await expect
    .poll(
      async () => {
        if (await refresh.count()) await refresh.click();
        return page.locator(".batch-status").textContent();
      },
      { timeout: 30_000, intervals: [1_000] },
    )
    .toBe("Finished");
  await expect(page.getByRole("progressbar")).toHaveAttribute(
    "aria-valuetext",
    "1 of 1 rows handled: 1 done, 0 with problems, 0 remaining.",
  );
  await expect(page.getByRole("row", { name: /^2 .*Account created and enrolled/ })).toBeVisible();
});

test("without JavaScript: anyone verifies a serial from the QR address and checks a pasted credential", async ({
  page,
}) => {
  await page.goto("/verify");
  await page.getByLabel("Serial number").fill("hdg-2026-zzzz-zzzz");
  await page.getByRole("button", { name: "Look it up" }).click();
  await expect(page).toHaveURL(/\/verify\/HDG-2026-ZZZZ-ZZZZ$/);
  await expect(page.getByText("No certificate has the serial number HDG-2026-ZZZZ-ZZZZ.")).toBeVisible();
  const serial = await readyCertificateSerial();
  await page.goto(`/verify/${serial}`);
  await expect(page.locator(".verify-status")).toContainText(/Valid|Revoked|Replaced/);
  await page.getByLabel("Paste the credential").fill('{"not":"a credential"}');
  await page.getByRole("button", { name: "Check the credential" }).click();
  await expect(page.getByText("This credential cannot be trusted as it is.")).toBeVisible();
});

test("without JavaScript: the audit trail filters through its GET form", async ({ page }) => {
  await logIn(page, DEMO.admin);
  await page.goto("/admin/audit");
  await page.getByLabel("Who acted (email or name)").fill(DEMO.admin.email);
  await page.getByLabel("Action").fill("auth.login-succeeded");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/action=auth\.login-succeeded/);
  const rows = page.locator("table.audit tbody tr");
  await expect(rows.first()).toContainText("auth.login-succeeded");
  expect(await rows.filter({ hasNotText: "auth.login-succeeded" }).count()).toBe(0);
});

test("without JavaScript: rename, change the password, download my data and delete the account", async ({ page }) => {
  const officer = await newOfficer(page, "nojs-account");
  await page.getByRole("link", { name: "Account", exact: true }).click();
  const before = await page.getByTestId("name-preview").getAttribute("src");
  await page.getByLabel("Full name").fill("Vannak Chea");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByRole("status").first()).toHaveText("Your profile was saved.");
  await expect(page.getByLabel("Full name")).toHaveValue("Vannak Chea");
  expect(await page.getByTestId("name-preview").getAttribute("src")).not.toBe(before);

  await page.getByRole("link", { name: "Password", exact: true }).click();
  await page.getByLabel("Current password").fill("wrong password");
  await page.getByLabel("New password").fill("a quiet harbour at dawn");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("That is not your current password.")).toBeVisible();
  await page.getByLabel("Current password").fill(officer.password);
  await page.getByLabel("New password").fill("a quiet harbour at dawn");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("status").first()).toContainText("Your password was changed");

  await page.getByRole("link", { name: "Your data", exact: true }).click();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download my data (ZIP)" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.zip$/);

  await page.getByLabel("Your password").fill("a quiet harbour at dawn");
  await page.getByLabel("Keep my name on my issued certificates").check();
  await page.getByRole("button", { name: "Delete my account" }).click();
  await expect(page.getByRole("status").first()).toHaveText(
    "Your account was deleted. Thank you for training with us.",
  );
  await expect(page.getByRole("link", { name: "Log in", exact: true })).toBeVisible();
});

test("without JavaScript: the administrator's second step (a wrong code, then the right one)", async ({ page }) => {
  await page.goto("/login?redirectTo=%2Fadmin%2Fusers");
  await page.getByLabel("Email address").fill(DEMO.admin.email);
  await page.getByLabel("Password").fill(DEMO.admin.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Two-step verification");
  await page.getByLabel("Code from your authenticator app").fill("000000");
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByRole("alert")).toContainText("That code is not right");
  await page
    .getByLabel("Code from your authenticator app")
    .fill(await freshTotpCode(DEMO.admin.email, DEMO.admin.totpSecret));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Users");
});
