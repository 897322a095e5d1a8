import {
  DEMO,
  expect,
  expectNoAxeViolations,
  insertAwaitingCompletions,
  logIn,
  logOut,
  plainText,
  test,
  waitForEmail,
} from "./fixtures";
import { applyApproveComplete } from "./journeys";

test("an officer completes a course, gets the email, downloads the certificate and its credential, and the credential verifies", async ({
  page,
}) => {
  test.setTimeout(150_000);
  const officer = await applyApproveComplete(page, "cert");
  const mail = plainText(await waitForEmail(officer.email, { subject: /^Your certificate is ready/, timeout: 60_000 }));
  const serial = /serial number (HDG-\d{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(mail)?.[1];
  expect(serial, mail).toBeTruthy();

  await page.goto("/dashboard");
  const card = page.locator(".course-card", { hasText: "Electronic evidence" });
  await expect(card).toContainText("Your certificate is ready");
  const pdf = await page.request.get(`/certificates/${serial}.pdf`);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
  const credential = await (await page.request.get(`/certificates/${serial}.json`)).text();
  expect(JSON.parse(credential).type).toContain("OpenBadgeCredential");

  // Someone else (signed out) checks it: the QR code's address, then the credential itself.
  await logOut(page);
  expect((await page.request.get(`/certificates/${serial}.pdf`, { maxRedirects: 0 })).status()).toBe(302);
  await page.goto(`/verify/${serial}`);
  await expect(page.getByRole("status").first()).toContainText("Valid");
  await expect(page.getByText(officer.name)).toBeVisible();
  await page.getByLabel("Paste the credential").fill(credential);
  await page.getByRole("button", { name: "Check the credential" }).click();
  await expect(page.getByText("This credential is genuine, unaltered and currently valid.")).toBeVisible();
  await page.getByLabel("Paste the credential").fill(credential.replace(officer.name, `${officer.name}x`));
  await page.getByRole("button", { name: "Check the credential" }).click();
  await expect(page.getByText("The content was changed after it was signed.")).toBeVisible();
  await expectNoAxeViolations(page);

  // An administrator revokes it; the page and the credential say so.
  await logIn(page, DEMO.admin);
  await page.goto(`/admin/certificates/${serial}`);
  await page.getByLabel("Reason (shown on the verification page)").fill("Issued to the wrong person");
  await page.getByRole("button", { name: "Revoke this certificate" }).click();
  await expect(page.getByRole("status").first()).toContainText("Certificate revoked.");
  await expectNoAxeViolations(page);
  await page.goto(`/verify/${serial}`);
  await expect(page.locator(".verify-status")).toContainText("Revoked.");
  await expect(page.locator(".verify-status")).toContainText("Issued to the wrong person");
  await page.getByLabel("Paste the credential").fill(credential);
  await page.getByRole("button", { name: "Check the credential" }).click();
  await expect(page.getByText("Status: revoked")).toBeVisible();
});

test("an administrator approves a whole cohort at once and watches the batch finish, then downloads the ZIP", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const tag = Date.now().toString(36);
  const names = await insertAwaitingCompletions({ courseSlug: "cybercrime-first-response", count: 4, tag });
  await logIn(page, DEMO.admin);
  await page.getByRole("link", { name: "Certificates" }).click();
  await page
    .getByLabel("Your job title, printed on the certificates you approve")
    .fill("Programme Officer, UNODC Hanoi");
  await page.getByRole("button", { name: "Save title" }).click();
  await expect(page.getByRole("status").first()).toContainText("Title saved.");
  const group = page.locator("article.course-card", { hasText: names[0]! });
  await expect(group).toContainText(names[3]!);
  await expectNoAxeViolations(page);
  await group.getByRole("button", { name: /^Approve all \d+$/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(
    "Certificates for First response to a cybercrime incident",
  );
  // With JavaScript the bar follows the worker without reloading.
  await expect(page.getByRole("progressbar")).toHaveAttribute("aria-valuenow", /\d+/);
  await expect(page.getByRole("status").first()).toContainText("Finished.", { timeout: 90_000 });
  await expect(page.getByRole("progressbar")).toHaveAttribute(
    "aria-valuetext",
    /(\d+) ready, 0 failed, 0 being prepared, of \1\./,
  );
  await expectNoAxeViolations(page);
  const zip = await page.request.get(page.url() + ".zip");
  expect(zip.headers()["content-type"]).toBe("application/zip");
  expect((await zip.body()).subarray(0, 2).toString()).toBe("PK");
  // The approving administrator signs, with the title they set.
  await page.goto(`/admin/certificates?q=${encodeURIComponent(names[0]!)}`);
  await page.getByRole("link", { name: /^HDG-/ }).first().click();
  await expect(page.getByText("Demo Administrator, Programme Officer, UNODC Hanoi")).toBeVisible();
  await page.goto("/admin/queues");
  await expect(page.getByRole("row", { name: /^certificates/ })).toBeVisible();
  await expectNoAxeViolations(page);
});

test("only administrators reach certificate administration; downloads are the holder's", async ({ page }) => {
  await logIn(page, DEMO.learner);
  for (const path of ["/admin/certificates", "/admin/queues"])
    expect((await page.request.get(path, { maxRedirects: 0 })).status(), path).toBe(403);
  expect((await page.request.get("/certificates/HDG-2026-AAAA-BBBB.pdf", { maxRedirects: 0 })).status()).toBe(404);
  await logOut(page);
  await logIn(page, DEMO.trainer);
  expect((await page.request.get("/admin/certificates", { maxRedirects: 0 })).status()).toBe(403);
});
