/** The media journey with JavaScript off: plain multipart forms, a snippet to copy, a confirmation page. */
import { expect, test } from "./fixtures";
import { handoutPdf, newCourseWithModule, solidPng } from "./media-files";

test.afterEach(async ({ page }) => {
  expect(await page.evaluate(() => document.documentElement.dataset.hydrated ?? null)).toBeNull();
});

test("without JavaScript: upload an image (alt text first) and a PDF, copy the snippet into a module, delete after confirming", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const slug = await newCourseWithModule(page, "media-nojs");
  await page.goto(`/author/${slug}/media`);
  await page
    .locator("form#media-upload")
    .getByLabel("File", { exact: true })
    .setInputFiles({ name: "bag.png", mimeType: "image/png", buffer: solidPng(30, 20) });
  await page.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(page.getByText("Describe the image in the alt text: it is required for images.")).toBeVisible();
  await page
    .locator("form#media-upload")
    .getByLabel("File", { exact: true })
    .setInputFiles({ name: "bag.png", mimeType: "image/png", buffer: solidPng(30, 20) });
  await page.locator("form#media-upload").getByLabel("Alt text").fill("A shielded bag");
  await page.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(page.getByRole("status")).toHaveText(
    "bag.png uploaded. Insert it into a module from the module editor.",
  );
  // The same name again is refused with what to do.
  await page
    .locator("form#media-upload")
    .getByLabel("File", { exact: true })
    .setInputFiles({ name: "bag.png", mimeType: "image/png", buffer: solidPng(8, 8) });
  await page.locator("form#media-upload").getByLabel("Alt text").fill("Another bag");
  await page.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(page.getByText("A file named bag.png is already in this course")).toBeVisible();
  await page
    .locator("form#media-upload")
    .getByLabel("File", { exact: true })
    .setInputFiles({ name: "form.pdf", mimeType: "application/pdf", buffer: handoutPdf });
  await page.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(page.getByRole("status")).toHaveText(
    "form.pdf uploaded. Insert it into a module from the module editor.",
  );

  // The editor shows the exact Markdown to copy (no Insert buttons without JavaScript).
  await page.goto(`/author/${slug}/modules/at-the-scene`);
  const panel = page.getByRole("region", { name: "Media" });
  await expect(panel.getByRole("button", { name: /^Insert/ })).toHaveCount(0);
  const snippets = await panel.locator("code").allTextContents();
  expect(snippets).toEqual(["![A shielded bag](media/bag.png)", "[form](media/form.pdf)"]);
  await page.getByLabel("Content (Markdown)").fill(`Seal it.\n\n${snippets.join("\n\n")}`);
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.locator(".preview-pane").getByRole("img", { name: "A shielded bag" })).toBeVisible();
  await expect(page.locator(".preview-pane").getByRole("link", { name: "form" })).toHaveAttribute(
    "download",
    "form.pdf",
  );
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("status")).toHaveText("Draft saved.");

  // Delete asks first, on a page of its own.
  await page.goto(`/author/${slug}/media`);
  await page.getByRole("link", { name: "Delete form.pdf…" }).click();
  await expect(page.getByRole("heading", { name: "Delete form.pdf?" })).toBeVisible();
  await expect(page.getByText("It is used in: At the scene.")).toBeVisible();
  await page.getByRole("button", { name: "Yes, delete form.pdf" }).click();
  await expect(page.getByRole("status")).toHaveText("form.pdf deleted.");
  await expect(page.getByRole("list", { name: "In this course (1)" }).getByRole("listitem")).toHaveCount(1);
});
