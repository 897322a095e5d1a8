import {
  DEMO,
  expect,
  expectHydrated,
  expectNoAxeViolations,
  insertLostBatch,
  logIn,
  logOut,
  plainText,
  test,
  waitForEmail,
} from "./fixtures";
import { applyApproveComplete, COURSE, newOfficer } from "./journeys";

test("an officer applies, a trainer approves, the officer reads the modules in order and completes the course", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const officer = await applyApproveComplete(page, "apply");
  expect(plainText(await waitForEmail(officer.email, { subject: /^You are enrolled/ }))).toContain(officer.name);
});

test("a learner enrols in an open course, and the trainer's grid shows their progress (CSV too)", async ({ page }) => {
  const officer = await newOfficer(page, "grid");
  await page.goto("/courses/cybercrime-first-response");
  await page.getByRole("button", { name: "Enrol" }).click();
  await expect(page.getByRole("status").first()).toHaveText("You are enrolled. Start with the first module.");
  await page.goto("/courses/cybercrime-first-response/securing-the-scene");
  await page.getByRole("button", { name: "I have finished this module" }).click();
  await logOut(page);

  await logIn(page, DEMO.trainer);
  await page.goto("/author/cybercrime-first-response/progress");
  const row = page.getByRole("row", { name: new RegExp(officer.name) });
  await expect(row.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "1");
  await expect(row.locator("td.done")).toHaveCount(1);
  const csv = await page.request.get("/author/cybercrime-first-response/progress.csv");
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const text = await csv.text();
  expect(text).toContain(officer.name);
  expect(text.split("\n")[0]).toContain("02.securing-the-scene");
  await expectNoAxeViolations(page);
});

test("learners see only their own things: authoring, grids and applications are closed to them", async ({ page }) => {
  await logIn(page, DEMO.learner);
  for (const path of [
    `/author/${COURSE}/applications`,
    `/author/${COURSE}/progress`,
    `/author/${COURSE}/cohorts`,
    `/author/${COURSE}/progress.csv`,
  ]) {
    const response = await page.request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(403);
  }
});

test("enrolment pages have no axe violations", async ({ page }) => {
  test.setTimeout(90_000);
  await logIn(page, DEMO.learner);
  for (const path of ["/dashboard", `/courses/${COURSE}`, "/courses/cybercrime-first-response"]) {
    await page.goto(path);
    await expectNoAxeViolations(page);
  }
  await logOut(page);
  await logIn(page, DEMO.trainer);
  for (const path of [`/author/${COURSE}/cohorts`, `/author/${COURSE}/applications`, `/author/${COURSE}/progress`]) {
    await page.goto(path);
    await expectNoAxeViolations(page);
  }
});

test("an administrator bulk-enrols a CSV with two bad rows, follows the batch to its report, and a new officer sets a password from the invitation", async ({
  page,
}) => {
  const tag = Date.now().toString(36);
  const csv = [
    "email,name,country,agency,cohort",
    `new-${tag}@police.gov.la,Souphanh Keola,LA,Ministry of Public Security,`,
    `${DEMO.learner.email},Demo Learner,LA,,`,
    `broken-email-${tag},Bad Email,KH,,`,
    `second-${tag}@police.gov.mm,,MM,,`,
  ].join("\n");
  await logIn(page, DEMO.admin);
  await page.getByRole("link", { name: "Bulk enrolment" }).click();
  await expectHydrated(page);
  await page.getByLabel("Course", { exact: true }).selectOption({ label: "First response to a cybercrime incident" });
  await page
    .getByLabel(/^CSV file/)
    .setInputFiles({ name: "officers.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Check and enrol" }).click();

  // The file is applied by the worker; the batch page follows it (polling the loader) to the end.
  await expect(page).toHaveURL(/\/admin\/enrolments\/batches\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("CSV file officers.csv");
  await expectHydrated(page);
  await expect(page.locator(".batch-status")).toHaveText("Finished", { timeout: 30_000 });
  const bar = page.getByRole("progressbar");
  await expect(bar).toHaveAttribute("aria-valuenow", "4");
  await expect(bar).toHaveAttribute("aria-valuemax", "4");
  await expect(bar).toHaveAttribute("aria-valuetext", "4 of 4 rows handled: 2 done, 2 with problems, 0 remaining.");
  await expect(page.getByRole("link", { name: "Refresh" })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Report for officers.csv" })).toBeVisible();
  await expect(page.getByRole("row", { name: /^2 .*Account created and enrolled/ })).toBeVisible();
  await expect(page.getByRole("row", { name: /^3 .*(Enrolled|Already enrolled)/ })).toBeVisible();
  await expect(page.getByRole("row", { name: /^4 .*Not enrolled: the email is not valid\./ })).toBeVisible();
  await expect(page.getByRole("row", { name: /^5 .*Not enrolled: the name is missing\./ })).toBeVisible();
  await expectNoAxeViolations(page);

  // The batch is listed among the recent files.
  await page.getByRole("link", { name: "Bulk enrolment", exact: true }).first().click();
  const listed = page.getByRole("row", { name: /officers\.csv/ }).first();
  await expect(listed).toContainText("Finished");
  await expect(listed).toContainText("2 / 2 / 4");
  await expectNoAxeViolations(page);
  await logOut(page);

  const invitation = await waitForEmail(`new-${tag}@police.gov.la`, { subject: /set your password/ });
  const link = plainText(invitation).match(/http:\/\/localhost:\d+(\/invite\/[\w-]+)/)![1]!;
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Set your password");
  await page.getByLabel("Password", { exact: true }).fill("a lighthouse over Vientiane");
  await page.getByRole("button", { name: "Set my password" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("My courses");
  await expect(page.getByRole("link", { name: "First response to a cybercrime incident" })).toBeVisible();
  await page.goto(link);
  await expect(page.getByRole("alert")).toHaveText("This invitation was already used. Log in with your password.");
});

test("a trainer creates a cohort with places and a window, then edits it", async ({ page }) => {
  const name = `Hanoi ${Date.now().toString(36)}`;
  await logIn(page, DEMO.trainer);
  await page.goto(`/author/${COURSE}/cohorts`);
  await page.getByLabel("Cohort name").fill(name);
  await page.getByLabel("Enrolment opens").fill("2026-01-01");
  await page.getByLabel("Enrolment closes").fill("2099-12-31");
  await page.getByLabel("Places").fill("20");
  await page.getByRole("button", { name: "Create cohort" }).click();
  await expect(page.getByRole("status")).toHaveText("Cohort created.");
  const row = page.getByRole("row", { name: new RegExp(name) });
  await expect(row).toContainText("enrolment open");
  await row.getByRole("link", { name: `Edit cohort: ${name}` }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Edit cohort: ${name}`);
  await expect(page.getByLabel("Places")).toHaveValue("20");
  await expectNoAxeViolations(page);
  await page.getByLabel("Places").fill("25");
  await page.getByRole("button", { name: "Save cohort" }).click();
  await expect(page.getByRole("status")).toHaveText("Cohort saved.");
  await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText("/ 25");
});

test("a batch whose job was lost is picked up by the worker's reconciler, and the open batch page follows it live", async ({
  page,
}) => {
  const tag = Date.now().toString(36);
  const csv = `email,name,country\nlost-a-${tag}@police.gov.kh,Sokha Lost,KH\nlost-b-${tag},Bad Row,KH\n`;
  await logIn(page, DEMO.admin);
  const batchId = await insertLostBatch({ courseSlug: "cybercrime-first-response", fileName: "lost.csv", csv });
  await page.goto(`/admin/enrolments/batches/${batchId}`);
  await expectHydrated(page);
  await expect(page.locator(".batch-status")).toHaveText("Waiting to start");
  await expect(page.getByRole("progressbar")).toHaveAttribute(
    "aria-valuetext",
    "0 of 2 rows handled: 0 done, 0 with problems, 2 remaining.",
  );
  await expect(page.getByRole("link", { name: "Refresh" })).toBeVisible();
  await expectNoAxeViolations(page);

  // No navigation from here on: the page asks its loader again every second.
  await page.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true));
  await expect(page.locator(".batch-status")).toHaveText("Finished", { timeout: 30_000 });
  expect(await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);
  await expect(page.getByRole("progressbar")).toHaveAttribute(
    "aria-valuetext",
    "2 of 2 rows handled: 1 done, 1 with problems, 0 remaining.",
  );
  await expect(page.getByRole("row", { name: /^2 .*Account created and enrolled/ })).toBeVisible();
  await expect(page.getByRole("row", { name: /^3 .*Not enrolled: the email is not valid\./ })).toBeVisible();
  await expect(page.getByRole("link", { name: "Refresh" })).toHaveCount(0);
});

test("an administrator moves a learner to another cohort, then removes them; the history and the learner's dashboard follow (and the emptied cohort can go)", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const course = "un-cybercrime-convention";
  const title = "The UN Convention against Cybercrime: an introduction";
  const tag = Date.now().toString(36);
  const [from, to] = [`Phnom Penh ${tag}`, `Bangkok ${tag}`];
  await logIn(page, DEMO.admin);
  for (const name of [from, to]) {
    await page.goto(`/author/${course}/cohorts`);
    await page.getByLabel("Cohort name").fill(name);
    await page.getByRole("button", { name: "Create cohort" }).click();
    await expect(page.getByRole("status")).toHaveText("Cohort created.");
  }
  await logOut(page);

  const officer = await newOfficer(page, "moved");
  await page.goto(`/courses/${course}`);
  await page.getByLabel("Cohort", { exact: true }).selectOption({ label: from });
  await page.getByRole("button", { name: "Enrol" }).click();
  await expect(page.getByRole("status").first()).toHaveText("You are enrolled. Start with the first module.");
  await logOut(page);

  // The administrator finds the learner in the progress grid and moves them.
  await logIn(page, DEMO.admin);
  await page.goto(`/author/${course}/progress`);
  await page.getByRole("link", { name: officer.name }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(officer.name);
  await expect(page.locator(".enrolment-status")).toHaveText(`Enrolled · ${from}`);
  await page.getByLabel("Move to cohort").selectOption({ label: to });
  await page.getByRole("button", { name: "Move", exact: true }).click();
  await expect(page.getByRole("status").first()).toHaveText("Moved to the other cohort.");
  await expect(page.locator(".enrolment-status")).toHaveText(`Enrolled · ${to}`);
  const history = page.locator("ol.history > li");
  await expect(history).toHaveCount(2);
  await expect(history.nth(0)).toContainText(`Enrolled → Enrolled · ${officer.name}`);
  await expect(history.nth(1)).toContainText(`Moved to another cohort · ${DEMO.admin.name}`);
  await expectNoAxeViolations(page);
  const enrolmentPage = page.url();
  await logOut(page);

  await logIn(page, officer);
  await page.goto("/dashboard");
  const card = page.locator(".course-card", { hasText: title });
  await expect(card.locator(".enrolment-status")).toHaveText(`Enrolled · ${to}`);
  await expect(card.getByRole("progressbar")).toBeVisible();
  await logOut(page);

  // Then removes them, with a reason.
  await logIn(page, DEMO.admin);
  await page.goto(enrolmentPage);
  await page.getByLabel(/^Reason/).fill("Left the police service");
  await page.getByRole("button", { name: "Remove from the course" }).click();
  await expect(page.getByRole("status").first()).toHaveText(/^Removed from the course\./);
  await expect(page.locator(".enrolment-status")).toHaveText(`Removed from the course · ${to}`);
  await expect(history).toHaveCount(3);
  await expect(history.nth(2)).toContainText(
    `Removed → Removed from the course · ${DEMO.admin.name} · Reason: Left the police service`,
  );
  await expect(page.getByRole("button", { name: "Remove from the course" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Move", exact: true })).toHaveCount(0);

  // Nobody is left in either cohort: the administrator deletes the learner's last one, after confirming.
  await page.goto(`/author/${course}/cohorts`);
  await page.getByRole("link", { name: `Edit cohort: ${to}` }).click();
  await expect(page.getByRole("heading", { name: "Delete this cohort" })).toBeVisible();
  await page.getByLabel("I understand: delete this cohort for good").check();
  await page.getByRole("button", { name: "Delete cohort" }).click();
  await expect(page.getByRole("status").first()).toHaveText(`Cohort “${to}” deleted.`);
  await expect(page.getByRole("row", { name: new RegExp(to) })).toHaveCount(0);
  await page.goto(enrolmentPage);
  await expect(page.locator(".enrolment-status")).toHaveText("Removed from the course");
  await expect(history).toHaveCount(4);
  await expect(history.nth(3)).toContainText(`Its cohort was deleted · ${DEMO.admin.name}`);
  await logOut(page);

  await logIn(page, officer);
  await page.goto("/dashboard");
  await expect(card.locator(".enrolment-status")).toHaveText("Removed from the course");
  await expect(card.getByRole("progressbar")).toHaveCount(0);
  await expect(card.getByRole("link", { name: /^Continue/ })).toHaveCount(0);
});
