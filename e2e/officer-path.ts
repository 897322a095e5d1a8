/** The officer's path through the test course, asserting the one next action at each step (EN/AR, with or without JS). */
import { expect, type Browser, type Page } from "@playwright/test";
import ar from "../app/i18n/locales/ar";
import en from "../app/i18n/locales/en";
import { DEMO, logIn } from "./fixtures";
import { newOfficer, QUIZ_COURSE } from "./journeys";

type Messages = typeof en;
const fill = (s: string, params: Record<string, string> = {}) =>
  s.replace(/\{(\w+)\}/g, (_, k: string) => params[k] ?? "");

export async function officerPath(page: Page, browser: Browser, locale: "en" | "ar", { js }: { js: boolean }) {
  const M: Messages = locale === "ar" ? ar : en;
  const t = (key: keyof Messages, params?: Record<string, string>) => fill(M[key], params);
  const officer = await newOfficer(page, `path-${locale}`);
  // Signed in: the dashboard.
  await expect(page).toHaveURL(/\/dashboard$/);
  if (locale === "ar") {
    await page.getByRole("button", { name: "العربية" }).first().click();
    await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  }
  await page.goto("/");
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("dashboard.title"));

  // Enrol: the one next step is "Start the course".
  await page.goto(`/courses/${QUIZ_COURSE}`);
  await page.getByRole("button", { name: t("enrolment.enrol") }).click();
  const next = page.getByRole("region", { name: t("next.heading") });
  await expect(next.getByRole("link")).toHaveText(t("next.start"));
  await next.getByRole("link", { name: t("next.start") }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Reading");

  // The outline (phone: a <details>) says where the officer is and what has an assessment.
  const outline = page.getByRole("navigation", { name: t("outline.title") });
  await outline.getByText(t("outline.summary", { done: "0", total: "2" })).click();
  await expect(outline.getByRole("link", { name: "Reading" })).toHaveAttribute("aria-current", "page");
  await expect(outline).toContainText(
    t("outline.assessment", { title: "Module quiz", state: t("standing.state.to-take") }),
  );
  await outline.getByRole("link", { name: "Quiz module" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Quiz module");
  await page.goBack();

  // Finishing a module: the next module.
  await page.getByRole("button", { name: t("module.markComplete") }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Quiz module");
  await page.getByRole("link", { name: fill(M["assessment.takeToComplete"], { title: "Module quiz" }) }).click();
  await page.getByRole("button", { name: t("assessment.start") }).click();
  const question = (n: number) =>
    page.getByRole("group", { name: new RegExp(`${fill(M["attempt.questionNumber"], { number: String(n) })}\\b`) });
  await question(1).getByLabel("A server log").check();
  await question(2).getByLabel("SHA-256").check();
  await question(2).getByLabel("MD5").check();
  await question(3).getByLabel(t("attempt.true")).check();
  await question(4).getByLabel(t("attempt.yourAnswer")).fill("computer emergency response team");
  await page.getByRole("button", { name: t("attempt.nextPage") }).click();
  await question(5).getByLabel(t("attempt.yourAnswer")).fill("48");
  await question(6).getByLabel("Seizure").selectOption({ label: "Taking control of an item" });
  await question(6).getByLabel("Preservation").selectOption({ label: "Keeping data unchanged" });
  await question(6).getByLabel("Acquisition").selectOption({ label: "Making a forensic copy" });
  await question(7).getByLabel("Protect people").selectOption("1");
  await question(7).getByLabel("Secure the scene").selectOption("2");
  await question(7).getByLabel("Document what you see").selectOption("3");
  await question(7).getByLabel("Hand over to specialists").selectOption("4");
  await page.getByRole("button", { name: t("attempt.finish") }).click();
  await page.getByRole("button", { name: t("attempt.submitAll") }).click();

  // Passing the module check: the next thing to do is the final.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("attempt.reviewTitle", { number: "1" }));
  const afterCheck = page.getByRole("region", { name: t("next.heading") });
  await afterCheck.getByRole("link", { name: t("next.final", { title: "Final test" }) }).click();
  await page.getByRole("button", { name: t("assessment.start") }).click();
  await question(1).getByLabel(t("attempt.yourAnswer")).fill("It shows who held the evidence, when and why.");
  await question(2).getByLabel(t("attempt.true")).check();
  await page.getByRole("button", { name: t("attempt.finish") }).click();
  await page.getByRole("button", { name: t("attempt.submitAll") }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("attempt.reviewTitle", { number: "1" }));

  // Waiting for grading: the bar is not full, and the next step says so.
  await page.goto("/dashboard");
  const waiting = page.getByRole("listitem").filter({ hasText: "Evidence quiz" });
  await expect(waiting).toContainText(t("next.waiting", { title: "Final test" }));
  await expect(page.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "2");
  await expect(page.getByRole("progressbar")).toHaveAttribute("aria-valuemax", "3");
  await waiting.getByRole("link", { name: t("next.seeResults") }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(t("results.title"));
  await expect(page.getByRole("table").first()).toContainText("100");
  await expect(page.getByRole("table").last()).toContainText(t("results.waiting"));

  // A trainer grades the essay (another browser).
  const trainer = await browser.newPage();
  await logIn(trainer, DEMO.trainer);
  await trainer.goto(`/author/${QUIZ_COURSE}/grading`);
  const item = trainer.locator(".grading-item", { hasText: officer.name });
  await item.getByLabel("Points (0–2)").fill("2");
  await item.getByRole("button", { name: "Save grade" }).click();
  await expect(trainer.getByRole("status").first()).toContainText("The attempt is now fully graded.");
  await trainer.close();

  // The certificate card: preparing, then ready (the page polls with JavaScript; without, reload).
  await page.goto("/dashboard");
  const card = page.getByRole("region", { name: t("certCard.title") });
  await expect(async () => {
    if (!js) await page.reload();
    await expect(card).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  await expect(
    card.getByRole("link", { name: new RegExp(fill(M["certCard.download"], { size: "" }).split("(")[0]!.trim()) }),
  ).toBeVisible();
  await expect(card.getByLabel(t("certCard.share"))).toHaveValue(/\/verify\/HDG-/);
  await expect(card.getByRole("link", { name: t("certCard.wallet") })).toHaveAttribute("href", /\.json$/);
  await page.goto(`/dashboard/results/${QUIZ_COURSE}`);
  await expect(page.getByRole("link", { name: t("next.certificate.download") })).toBeVisible();
}
