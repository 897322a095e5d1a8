import { DEMO, expect, expectHydrated, expectNoAxeViolations, logIn, logOut, test } from "./fixtures";
import { handoutPdf, newCourseWithModule, solidPng } from "./media-files";

test("a trainer uploads an image and a PDF, inserts them into a module and publishes; an officer sees the image and downloads the PDF", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const slug = await newCourseWithModule(page, "media");

  // Media page: alt text is required for an image.
  await page.goto(`/author/${slug}/media`);
  await expectHydrated(page);
  await page
    .locator("form#media-upload")
    .getByLabel("File", { exact: true })
    .setInputFiles({ name: "phone-bag.png", mimeType: "image/png", buffer: solidPng(64, 40) });
  await page.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(page.getByText("Describe the image in the alt text: it is required for images.")).toBeVisible();
  await page.locator("form#media-upload").getByLabel("Alt text").fill("A phone sealed in a shielded bag");
  await page
    .locator("form#media-upload")
    .getByLabel("File", { exact: true })
    .setInputFiles({ name: "phone-bag.png", mimeType: "image/png", buffer: solidPng(64, 40) });
  await page.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(page.getByRole("status")).toHaveText(
    "phone-bag.png uploaded. Insert it into a module from the module editor.",
  );
  await page
    .locator("form#media-upload")
    .getByLabel("File", { exact: true })
    .setInputFiles({ name: "seizure-form.pdf", mimeType: "application/pdf", buffer: handoutPdf });
  await page.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(page.getByRole("status")).toHaveText(
    "seizure-form.pdf uploaded. Insert it into a module from the module editor.",
  );
  const library = page.getByRole("list", { name: "In this course (2)" });
  await expect(library.getByRole("listitem")).toHaveCount(2);
  await expect(library.getByText("64 × 40 px")).toBeVisible();
  await expect(library.getByText("1 KB")).toHaveCount(2);
  await expectNoAxeViolations(page);

  // Insert both at the cursor from the module editor.
  await page.goto(`/author/${slug}/modules/at-the-scene`);
  await expectHydrated(page);
  const body = page.getByLabel("Content (Markdown)");
  await body.press("End");
  await page.getByRole("button", { name: "Insert phone-bag.png" }).click();
  await page.getByRole("button", { name: "Insert seizure-form.pdf" }).click();
  await expect(body).toHaveValue(
    "Keep the phone charged and isolated.\n\n![A phone sealed in a shielded bag](media/phone-bag.png)\n[seizure-form](media/seizure-form.pdf)\n",
  );
  const preview = page.locator(".preview-pane");
  await expect(preview.getByRole("img", { name: "A phone sealed in a shielded bag" })).toBeVisible();
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("status")).toHaveText("Draft saved.");
  await expectNoAxeViolations(page);

  await page.goto(`/author/${slug}`);
  await page.getByRole("button", { name: "Publish the changes for officers" }).click();
  await expect(page.getByRole("status")).toHaveText("Version 1 is published. Officers see it now.");

  // An officer reads the module: the image is drawn, the PDF downloads under its name.
  await logOut(page);
  await logIn(page, DEMO.learner);
  await page.goto(`/courses/${slug}/at-the-scene`);
  const image = page.getByRole("img", { name: "A phone sealed in a shielded bag" });
  await expect(image).toBeVisible();
  expect(await image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(64);
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "seizure-form" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("seizure-form.pdf");
  const response = await page.request.get(`/courses/${slug}/media/seizure-form.pdf`);
  expect(response.headers()["content-type"]).toBe("application/pdf");
  expect(response.headers()["content-disposition"]).toContain('filename="seizure-form.pdf"');
});

test("a module that uses a missing image says to upload it on the Media page", async ({ page }) => {
  test.setTimeout(60_000);
  const slug = await newCourseWithModule(page, "missing");
  await page.goto(`/author/${slug}/modules/at-the-scene`);
  await page.getByLabel("Content (Markdown)").fill("![The bag](media/bag.png)");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("status")).toHaveText("Draft saved.");
  await expect(page.getByText("Line 1: bag.png is not in the course's media.")).toBeVisible();
  await page.goto(`/author/${slug}`);
  await page.getByRole("button", { name: "Publish the changes for officers" }).click();
  await page.getByRole("link", { name: "Upload bag.png on the Media page" }).click();
  await expect(page.getByRole("heading", { name: "Missing files" })).toBeVisible();
  await expect(page.getByText("bag.png, used in At the scene")).toBeVisible();
});
