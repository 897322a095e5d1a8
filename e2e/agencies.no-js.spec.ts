/**
 * Agencies without JavaScript (project "chromium-no-js"): sign-up narrows the agency list with
 * "Find" (a plain form post that keeps what was typed) and chooses one; the demo focal point
 * then vets the new officer with plain forms.
 */
import pg from "pg";
import { e2eEnv } from "./env";
import { DEMO, confirmEmailFromOutbox, expect, logIn, logOut, test, uniqueEmail } from "./fixtures";

test("without JavaScript: sign up choosing an agency found by search, then the focal point vets the officer", async ({
  page,
}) => {
  const person = { name: "Tran Thi Mai", email: uniqueEmail("procuracy"), password: "a lantern on the Red River" };
  await page.goto("/signup");
  await page.getByLabel("Full name").fill(person.name);
  await page.getByLabel("Email address").fill(person.email);
  await page.getByLabel("Country").selectOption("VN");
  await page.getByLabel("Search the agency list").fill("procuracy");
  await page.getByRole("button", { name: "Find" }).click();
  // The same form again, what was typed kept, the list narrowed to the search.
  await expect(page.getByLabel("Full name")).toHaveValue(person.name);
  await expect(page.getByLabel("Email address")).toHaveValue(person.email);
  const select = page.getByTestId("agency-select");
  await expect(select.locator("option")).toHaveText(["Not chosen", "Supreme People's Procuracy"]);
  // (axe needs the page's JavaScript: the sign-up page is checked in e2e/a11y.spec.ts.)
  await select.selectOption({ label: "Supreme People's Procuracy" });
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Check your email");
  await confirmEmailFromOutbox(page, person.email);

  const db = new pg.Client({ connectionString: e2eEnv.DATABASE_URL });
  await db.connect();
  const { rows } = await db.query(
    `SELECT u.id, u."vettingStatus", a.name FROM "User" u JOIN "Agency" a ON a.id = u."agencyId" WHERE u.email = $1`,
    [person.email],
  );
  await db.end();
  expect(rows[0]).toMatchObject({ name: "Supreme People's Procuracy", vettingStatus: "UNVERIFIED" });

  await logIn(page, DEMO.focal);
  await page.goto("/focal/vetting");
  await expect(page.getByRole("heading", { name: person.name })).toBeVisible();
  // Declining needs a reason (the browser asks for it); then the decision is kept with it.
  await page.getByLabel(`Reason to decline ${person.name}`).fill("Not on the procuracy's staff list");
  await page.getByRole("button", { name: `Decline ${person.name}` }).click();
  await expect(page.getByRole("status").first()).toHaveText("Membership declined.");
  await expect(page.getByRole("heading", { name: person.name })).toHaveCount(0);
  await page.goto(`/focal/officers/${rows[0]!.id}`);
  await expect(page.getByText("Declined", { exact: false }).first()).toBeVisible();
  await expect(page.getByText("Not on the procuracy's staff list", { exact: false })).toBeVisible();
  await logOut(page);

  await logIn(page, person);
  await page.goto("/account");
  await expect(page.getByTestId("vetting-status")).toHaveText(
    "Your agency membership was not confirmed: Not on the procuracy's staff list",
  );
});
