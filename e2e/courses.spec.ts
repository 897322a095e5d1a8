import { pageWeight } from "../scripts/page-weight";
import { E2E_ORIGIN } from "./env";
import { DEMO, expect, expectHydrated, expectNoAxeViolations, logIn, logOut, test } from "./fixtures";

test("a trainer writes a course in the browser, publishes it, edits and republishes, and readers see each revision", async ({
  page,
}) => {
  test.setTimeout(60_000); // a long journey: it ran out of 30 s once on a loaded machine
  const slug = `hotline-basics-${Date.now().toString(36)}`;
  await logIn(page, DEMO.trainer);
  await page.getByRole("link", { name: "Authoring" }).click();
  await expectHydrated(page);
  await page.getByLabel("Title").fill("Running a cybercrime hotline");
  await page.getByLabel("Short name for the address").fill(slug);
  await page
    .getByLabel("Summary (one or two sentences)")
    .fill("Answer reports from the public and route them to the right unit.");
  await page.getByRole("button", { name: "Create course" }).click();
  await expect(page.getByRole("status")).toHaveText("Course created. Add its modules, then publish it.");

  // Module 1, with a live preview as the trainer types.
  await page.getByLabel("Module title").fill("Taking a report");
  await page.getByLabel("Short name for the address").fill("taking-a-report");
  await page.getByRole("button", { name: "Add module" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Taking a report");
  await page.getByLabel("Free preview (readable without enrolling)").check();
  const body = page.getByLabel("Content (Markdown)");
  await body.fill(
    "## What to ask first\n\n- When did it start?\n- Who else is affected?\n\n::: warning\nNever ask the caller to delete anything.\n:::\n",
  );
  const preview = page.locator(".preview-pane");
  await expect(preview.getByRole("heading", { name: "What to ask first" })).toBeVisible();
  await expect(preview.locator("aside.callout-warning")).toContainText("Never ask the caller to delete anything.");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("status")).toHaveText("Draft saved.");

  // Module 2.
  await page.getByRole("link", { name: "Course and modules" }).click();
  await expect(page.getByRole("heading", { name: "Add a module" })).toBeVisible();
  await page.getByLabel("Module title").fill("Routing the case");
  await page.getByLabel("Short name for the address").fill("routing-the-case");
  await page.getByRole("button", { name: "Add module" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Routing the case");
  await page.getByLabel("Content (Markdown)").fill("Send **urgent** cases to the duty officer.");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("status")).toHaveText("Draft saved.");

  // Publish revision 1.
  await page.getByRole("link", { name: "Course and modules" }).click();
  await expect(page.getByRole("heading", { name: "Add a module" })).toBeVisible();
  await page.getByLabel("What changed (optional)").fill("First edition");
  await page.getByRole("button", { name: "Publish the changes for officers" }).click();
  await expect(page.getByRole("status")).toHaveText("Version 1 is published. Officers see it now.");

  // A reader (signed out) finds it in the catalogue and reads the preview module.
  await logOut(page);
  await page.goto(`/courses?q=${slug}`);
  await page.getByRole("link", { name: "Running a cybercrime hotline" }).click();
  await page.getByRole("link", { name: "Taking a report" }).click();
  await expect(page.getByRole("heading", { name: "What to ask first" })).toBeVisible();
  await expect(page.getByText(/Revision|Published version/)).toHaveCount(0);

  // The trainer edits module 1 and publishes again.
  await logIn(page, DEMO.trainer);
  await page.goto(`/author/${slug}/modules/taking-a-report`);
  await expectHydrated(page); // a click during hydration can be lost between the native and the enhanced submit
  await page
    .getByLabel("Content (Markdown)")
    .fill("## What to ask first\n\nAsk for the date, the platform and any account names.\n");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("status")).toHaveText("Draft saved.");
  await page.goto(`/courses/${slug}/taking-a-report`);
  await expect(page.getByText("When did it start?")).toBeVisible(); // draft not yet public
  await page.goto(`/author/${slug}`);
  await expect(page.getByText("There are unpublished changes (draft).")).toBeVisible();
  await page.getByRole("button", { name: "Publish the changes for officers" }).click();
  await expect(page.getByRole("status")).toHaveText("Version 2 is published. Officers see it now.");
  await page.getByRole("link", { name: "Published versions" }).click();
  await expect(page.getByRole("row", { name: /^1 .*Demo Trainer.*First edition/ })).toBeVisible();
  await expect(page.getByRole("row", { name: /^2 .*Demo Trainer/ })).toBeVisible();

  await logOut(page);
  await page.goto(`/courses/${slug}/taking-a-report`);
  await expect(page.getByText("Ask for the date, the platform and any account names.")).toBeVisible();
  await expect(page.getByText("When did it start?")).toHaveCount(0);
});

test("a broken Markdown image is refused at publication with its line", async ({ page }) => {
  const slug = `broken-${Date.now().toString(36)}`;
  await logIn(page, DEMO.trainer);
  await page.goto("/author");
  await page.getByLabel("Title").fill("Broken image course");
  await page.getByLabel("Short name for the address").fill(slug);
  await page.getByLabel("Summary (one or two sentences)").fill("Has an image that does not exist.");
  await page.getByRole("button", { name: "Create course" }).click();
  await expect(page.getByRole("heading", { name: "Add a module" })).toBeVisible();
  await page.getByLabel("Module title").fill("Only module");
  await page.getByLabel("Short name for the address").fill("only-module");
  await page.getByRole("button", { name: "Add module" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Only module");
  await page.getByLabel("Content (Markdown)").fill("Intro.\n\n![Diagram](media/missing.png)\n");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("status")).toHaveText("Draft saved.");
  await page.goto(`/author/${slug}`);
  await page.getByRole("button", { name: "Publish the changes for officers" }).click();
  await expect(page.getByRole("alert")).toContainText(
    "module only-module (en), line 3: image media/missing.png is not in the course's media/ folder",
  );
});

test("authoring is closed to learners, and trainers only edit their own courses", async ({ page, request }) => {
  await logIn(page, DEMO.learner);
  expect((await page.goto("/author"))?.status()).toBe(403);
  expect((await page.goto("/author/electronic-evidence"))?.status()).toBe(403);
  const post = await page.request.post("/author", {
    headers: { Origin: E2E_ORIGIN },
    form: { slug: "x-course", title: "X", summary: "X", sourceLocale: "en" },
  });
  expect(post.status()).toBe(403);
  await logOut(page);
  // Signed out: sent to log in.
  const anonymous = await request.get("/author/electronic-evidence", { maxRedirects: 0 });
  expect(anonymous.status()).toBe(302);
});

test("the Arabic module page renders right-to-left, and a missing translation falls back with a note", async ({
  page,
}) => {
  await page.goto("/");
  await page.getByRole("button", { name: "العربية" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "ar");
  await page.goto("/courses/electronic-evidence/what-is-electronic-evidence");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  const article = page.locator(".prose");
  await expect(article).toHaveAttribute("lang", "ar");
  await expect(article).toHaveAttribute("dir", "rtl");
  await expect(page.locator(".note-banner")).toHaveCount(0);
  await expectNoAxeViolations(page);

  // The first-response course has no Arabic: the English original with a visible note.
  await page.goto("/courses/cybercrime-first-response/the-first-hour");
  await expect(page.locator(".note-banner")).toBeVisible();
  await expect(page.locator(".prose")).toHaveAttribute("lang", "en");
  await expect(page.locator(".prose")).toHaveAttribute("dir", "ltr");
});

test("catalogue, course, module and editor pages have no axe violations", async ({ page }) => {
  test.setTimeout(120_000);
  for (const path of [
    "/courses",
    "/courses?language=fr",
    "/courses/un-cybercrime-convention",
    "/courses/un-cybercrime-convention/why-a-convention",
  ]) {
    await page.goto(path);
    await expectNoAxeViolations(page);
  }
  await logIn(page, DEMO.trainer);
  for (const path of [
    "/author",
    "/author/electronic-evidence",
    "/author/electronic-evidence?lang=ar",
    "/author/electronic-evidence/modules/chain-of-custody",
    "/author/electronic-evidence/modules/chain-of-custody?lang=ar",
    "/author/electronic-evidence/translations",
    "/author/electronic-evidence/revisions",
  ]) {
    await page.goto(path);
    await expectNoAxeViolations(page);
  }
});

test("a module page is light: no JavaScript and at most 30 KB on first view", async ({ baseURL }) => {
  const weight = await pageWeight(baseURL!, "/courses/electronic-evidence/chain-of-custody", { Cookie: "" });
  expect(weight.status).toBe(401); // not enrolled: a preview module is measured below
  const preview = await pageWeight(baseURL!, "/courses/un-cybercrime-convention/why-a-convention");
  expect(preview.status).toBe(200);
  expect(preview.javascript).toBe(false);
  expect(preview.firstView).toBeLessThan(30 * 1024);
});
