/** Two-step verification: an administrator must set it up, then signs in with a code or a recovery code. */
import pg from "pg";
import { e2eEnv } from "./env";
import {
  DEMO,
  expect,
  expectNoAxeViolations,
  fillSignup,
  logIn,
  logOut,
  submitSignup,
  test,
  totpCode,
  uniqueEmail,
} from "./fixtures";

async function setRole(email: string, role: "ADMIN" | "LEARNER") {
  const db = new pg.Client({ connectionString: e2eEnv.DATABASE_URL });
  await db.connect();
  try {
    await db.query(`UPDATE "User" SET role = $2::"Role" WHERE email = $1`, [email, role]);
  } finally {
    await db.end();
  }
}

// The journey's administrator goes back to being a learner: other journeys count on the demo
// administrator being the only one ("at least one administrator must remain").
const created: string[] = [];
test.afterEach(async () => {
  for (const email of created.splice(0)) await setRole(email, "LEARNER");
});

test("an administrator sets up two-step verification, then signs in with a code and with a recovery code once", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const person = {
    name: "Malia Tuilagi",
    email: uniqueEmail("twofa"),
    password: "a lighthouse over Apia",
    country: "WS",
  };
  await page.goto("/signup");
  await fillSignup(page, person);
  await submitSignup(page, person);
  created.push(person.email);
  await setRole(person.email, "ADMIN");

  // No admin page opens before two-step verification is on.
  await page.goto("/admin/users");
  await expect(page).toHaveURL(/\/account\/security\?redirectTo=%2Fadmin%2Fusers$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Two-step verification");
  await expect(page.getByText("Administrators must turn on two-step verification")).toBeVisible();
  await expect(page.getByRole("img", { name: "QR code for adding Haidang to an authenticator app" })).toBeVisible();
  await expectNoAxeViolations(page);

  const secret = (await page.locator("#two-factor-secret").innerText()).replace(/\s/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  // A wrong code first: refused, accessibly.
  await page.getByLabel("Code from your authenticator app").fill("000000");
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByRole("alert")).toContainText("That code is not right");
  await expectNoAxeViolations(page);
  await page.getByLabel("Code from your authenticator app").fill(totpCode(secret));
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByRole("heading", { name: "Your recovery codes" })).toBeVisible();
  const codes = await page.locator(".code-list code").allInnerTexts();
  expect(codes).toHaveLength(10);
  await expect(page.getByRole("link", { name: "Download as text" })).toHaveAttribute(
    "download",
    "haidang-recovery-codes.txt",
  );
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Users");
  await logOut(page);

  // With a code (the set-up used this time step: the next one is still inside the window).
  const signIn = async () => {
    await page.goto("/login");
    await page.getByLabel("Email address").fill(person.email);
    await page.getByLabel("Password").fill(person.password);
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Two-step verification");
  };
  await signIn();
  await expect(page.getByRole("button", { name: "Log out" })).toHaveCount(0);
  await expect(page.getByLabel("Code from your authenticator app")).toHaveAttribute("autocomplete", "one-time-code");
  await expect(page.getByLabel("Code from your authenticator app")).toHaveAttribute("inputmode", "numeric");
  await expectNoAxeViolations(page);
  await page.getByLabel("Code from your authenticator app").fill(totpCode(secret, Date.now() + 30_000));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("My courses");
  await page.goto("/account/security");
  await expect(page.getByText("Two-step verification is on. Recovery codes left: 10.")).toBeVisible();
  await expectNoAxeViolations(page);
  await logOut(page);

  // With a recovery code: once.
  for (const attempt of ["first", "again"] as const) {
    await signIn();
    await page.getByRole("link", { name: "Use a recovery code instead" }).click();
    await page.getByLabel("Recovery code").fill(codes[0]!);
    await page.getByRole("button", { name: "Verify" }).click();
    if (attempt === "first") {
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("My courses");
      await logOut(page);
    } else {
      await expect(page.getByRole("alert")).toContainText("That code is not right, or it was already used.");
      await expect(page.getByRole("button", { name: "Log out" })).toHaveCount(0);
      await expectNoAxeViolations(page);
    }
  }

  // She lost her phone: the demo administrator resets her two-step verification, with a reason
  // (in this browser, after her half-done sign-in is dropped).
  await page.context().clearCookies();
  await logIn(page, DEMO.admin);
  await page.goto(`/admin/users?${new URLSearchParams({ q: person.email })}`);
  await page.getByRole("link", { name: person.name }).click();
  await page.getByLabel("Reason (recorded in the audit trail)").last().fill("Phone lost on mission");
  await page.getByRole("button", { name: "Reset two-step verification" }).click();
  await expect(page.getByText("Two-step verification was reset.")).toBeVisible();
  await logOut(page);
  // Her password alone signs her in again, and an admin page sends her back to set it up.
  await page.goto("/login");
  await page.getByLabel("Email address").fill(person.email);
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("My courses");
  await page.goto("/admin/users");
  await expect(page).toHaveURL(/\/account\/security\?redirectTo=%2Fadmin%2Fusers$/);
});
