/**
 * Agencies, focal points and vetting (docs/decisions/026): an administrator creates agencies,
 * merges a duplicate and appoints a focal point; the demo focal point (all of Viet Nam) vets
 * officer.vn and sees Viet Nam's officers only; an unvetted officer cannot see or join the
 * restricted course and is told why.
 */
import pg from "pg";
import { E2E_ORIGIN, e2eEnv } from "./env";
import { DEMO, expect, expectNoAxeViolations, logIn, logOut, test } from "./fixtures";

const RESTRICTED = "advanced-cyber-investigations";

async function query<T = Record<string, unknown>>(sql: string, params: unknown[] = []) {
  const db = new pg.Client({ connectionString: e2eEnv.DATABASE_URL });
  await db.connect();
  try {
    return (await db.query(sql, params)).rows as T[];
  } finally {
    await db.end();
  }
}

test("an administrator creates two spellings of an agency, merges them from the duplicates view, and appoints a focal point", async ({
  page,
}) => {
  const tag = Date.now().toString(36);
  // A future focal point: a learner with the demo learner's password (this test's own account).
  const email = `focal-${tag}@example.org`;
  await query(
    `INSERT INTO "User" (id, email, name, "passwordHash", role, country, "emailVerifiedAt", "updatedAt")
     SELECT gen_random_uuid()::text, $1, $2, "passwordHash", 'LEARNER', 'KH', now(), now() FROM "User" WHERE email = $3`,
    [email, `Focal ${tag}`, DEMO.learner.email],
  );
  await logIn(page, DEMO.admin);
  for (const name of [`Vietnam police ${tag}`, `Viet Nam Police ${tag}.`]) {
    await page.goto("/admin/agencies/new");
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByLabel("Country").selectOption("VN");
    await page.getByLabel("Type").selectOption("POLICE");
    await page.getByRole("button", { name: "Create the agency" }).click();
    await expect(page.getByRole("status").first()).toHaveText(`Agency “${name}” created.`);
  }
  await expectNoAxeViolations(page);
  await page.goto(`/admin/agencies?q=${tag}`);
  await expect(page.getByText("2 agencies")).toBeVisible();
  await expectNoAxeViolations(page);

  await page.goto("/admin/agencies/duplicates");
  await expectNoAxeViolations(page);
  await page
    .getByRole("button", { name: new RegExp(`Merge “Viet(nam| Nam) [pP]olice ${tag}\\.?” into`) })
    .first()
    .click();
  await expect(page.getByRole("status").first()).toContainText("Merged into");
  await page.goto(`/admin/agencies?q=${tag}`);
  await expect(page.getByText("1 agencies")).toBeVisible();
  const merged = await query(
    `SELECT action FROM "AuditEvent" WHERE action = 'agency.merged' AND detail->>'keptName' LIKE $1`,
    [`%${tag}%`],
  );
  expect(merged).toHaveLength(1);

  // The new person becomes focal point for the whole of Cambodia.
  const [person] = await query<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [email]);
  await page.goto(`/admin/users/${person!.id}`);
  await page.locator("#focal-country").selectOption("KH");
  await page.getByRole("button", { name: "Appoint for the whole country" }).click();
  await expect(page.getByRole("status").first()).toHaveText("Focal point appointed.");
  await expect(page.getByText("All agencies of Cambodia")).toBeVisible();
  await expectNoAxeViolations(page);
  await logOut(page);

  await logIn(page, { email, password: DEMO.learner.password });
  await page.goto("/focal");
  await expect(page.getByRole("link", { name: DEMO.officerKh.name })).toBeVisible();
  await expect(page.getByRole("link", { name: DEMO.officerVn.name })).toHaveCount(0);
});

test("the demo focal point vets officer.vn, sees only Viet Nam's officers, and downloads them as CSV", async ({
  page,
}) => {
  await logIn(page, DEMO.focal);
  await page.getByRole("link", { name: "My officers" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Officers");
  await expect(page.getByRole("link", { name: DEMO.learner.name })).toBeVisible();
  await expect(page.getByRole("link", { name: DEMO.officerKh.name })).toHaveCount(0);
  await expect(page.getByRole("link", { name: DEMO.officerId.name })).toHaveCount(0);
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: "Vetting" }).click();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: `Confirm ${DEMO.officerVn.name}` }).click();
  await expect(page.getByRole("status").first()).toHaveText("Membership confirmed.");
  const [vn] = await query<{ vettingStatus: string; vettingMethod: string; id: string }>(
    `SELECT id, "vettingStatus", "vettingMethod" FROM "User" WHERE email = $1`,
    [DEMO.officerVn.email],
  );
  expect(vn).toMatchObject({ vettingStatus: "VERIFIED", vettingMethod: "focal-point" });

  await page.goto(`/focal/officers/${vn!.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(DEMO.officerVn.name);
  await expect(page.getByText("Confirmed", { exact: false }).first()).toBeVisible();
  await expectNoAxeViolations(page);

  const csv = await page.request.get("/focal/officers.csv");
  expect(csv.status()).toBe(200);
  const text = await csv.text();
  expect(text).toContain(DEMO.officerVn.email);
  expect(text).toContain(DEMO.learner.email);
  expect(text).not.toContain(DEMO.officerKh.email);
  expect(text).not.toContain(DEMO.officerId.email);
  const [kh] = await query<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [DEMO.officerKh.email]);
  expect((await page.request.get(`/focal/officers/${kh!.id}`)).status()).toBe(404);
});

test("an unvetted officer does not see the restricted course, is told why on its page and cannot enrol", async ({
  page,
}) => {
  await logIn(page, DEMO.officerKh);
  await page.goto("/courses");
  await expect(page.getByRole("link", { name: "Advanced cyber investigations" })).toHaveCount(0);
  await page.goto(`/courses/${RESTRICTED}`);
  const box = page.getByTestId("restricted");
  await expect(box).toContainText("This course is for officers whose agency membership has been confirmed");
  await expect(box).toContainText(/focal point to confirm you|administrators can confirm you/);
  await expect(page.getByRole("button", { name: /Enrol/ })).toHaveCount(0);
  await expectNoAxeViolations(page);
  // The rule holds in the model, not only on the page.
  const refused = await page.request.post(`/courses/${RESTRICTED}`, {
    form: { intent: "enrol" },
    headers: { Origin: E2E_ORIGIN },
    maxRedirects: 0,
  });
  expect(refused.status()).toBe(403);
  await page.goto("/account");
  await expect(page.getByTestId("vetting-status")).toHaveText(
    "Your agency membership is not confirmed yet. Restricted courses open once it is.",
  );
  await logOut(page);

  // Signed out: the same explanation, and how to start.
  await page.goto(`/courses/${RESTRICTED}`);
  await expect(page.getByTestId("restricted")).toContainText("Log in or create an account");

  // The vetted demo learner sees it in the catalogue.
  await logIn(page, DEMO.learner);
  await page.goto("/courses");
  await expect(page.getByRole("link", { name: "Advanced cyber investigations" })).toBeVisible();
});
