/** Small real files for the media journeys: a PNG a browser can draw and a one-page PDF. */
import { crc32, deflateSync } from "node:zlib";
import type { Page } from "@playwright/test";
import { DEMO, expect, logIn } from "./fixtures";

function chunk(type: string, data: Buffer) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

/** A width × height PNG of one colour (8-bit RGB). */
export function solidPng(width: number, height: number, rgb: [number, number, number] = [11, 79, 108]) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", pixels),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

export const handoutPdf = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
  "latin1",
);

/** A trainer creates a course with one free-preview module; returns its slug. */
export async function newCourseWithModule(page: Page, tag: string) {
  const slug = `${tag}-${Date.now().toString(36)}`;
  await logIn(page, DEMO.trainer);
  await page.goto("/author");
  await page.getByLabel("Title").fill("Handling seized phones");
  await page.getByLabel("Short name for the address").fill(slug);
  await page.getByLabel("Summary (one or two sentences)").fill("What to do with a phone from the scene.");
  await page.getByRole("button", { name: "Create course" }).click();
  await expect(page.getByRole("status")).toHaveText("Course created. Add its modules, then publish it.");
  await page.getByLabel("Module title").fill("At the scene");
  await page.getByLabel("Short name for the address").fill("at-the-scene");
  await page.getByRole("button", { name: "Add module" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("At the scene");
  await page.getByLabel("Free preview (readable without enrolling)").check();
  await page.getByLabel("Content (Markdown)").fill("Keep the phone charged and isolated.");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("status")).toHaveText("Draft saved.");
  return slug;
}
