import { E2E_ORIGIN } from "./env";
import {
  DEMO,
  accountLink,
  expect,
  expectHydrated,
  fillSignup,
  freshTotpCode,
  logIn,
  logOut,
  plainText,
  subject,
  submitSignup,
  test,
  uniqueEmail,
  waitForEmail,
} from "./fixtures";

test("an officer signs up, confirms the address from the email, and logs in", async ({ page }) => {
  const person = {
    name: "Nguyễn Thị Lan",
    email: uniqueEmail(),
    password: "a lighthouse over Hanoi",
    country: "VN",
    agency: "Ministry of Public Security",
  };
  await page.goto("/signup");
  await expectHydrated(page);
  await fillSignup(page, person);
  await page.getByRole("button", { name: "Create account" }).click();

  // Nobody is signed in yet: the address is confirmed first.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Check your email");
  await expect(page.getByRole("button", { name: "Log out" })).toHaveCount(0);

  const email = await waitForEmail(person.email);
  expect(subject(email)).toBe("Confirm your email address for Haidang");
  expect(subject(email)).not.toContain("Nguyễn");
  await page.goto(await accountLink(person.email, /Confirm your/));
  await expect(page.getByText(`Confirm that ${person.email} is your address`)).toBeVisible();
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByRole("status")).toHaveText("Your email address is confirmed. Log in to enrol in courses.");

  await logIn(page, person);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("My courses");
  await logOut(page);
  await expect(page.getByRole("link", { name: "Log in", exact: true })).toBeVisible();
});

test("sign-up with a malformed email or a weak password shows field errors and creates nothing", async ({ page }) => {
  const base = { name: "Test Officer", password: "a lighthouse over Hanoi", country: "KH" };

  // Malformed email and a too-short password (checked in the browser, same schema).
  await page.goto("/signup");
  await fillSignup(page, { ...base, email: uniqueEmail("bad") });
  const email = page.getByLabel("Email address");

  await email.fill("not-an-email");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Enter a valid email address, like name@example.org.")).toBeVisible();
  await expect(page.getByText("Use at least 8 characters.")).toBeVisible();

  // Common password (only the server knows the list).
  const fresh = uniqueEmail("weak");
  await email.fill(fresh);
  await page.getByLabel("Password").fill("password123");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("This password is too common and easy to guess. Choose another.")).toBeVisible();

  // None of these attempts created an account.
  await logIn(page, { email: fresh, password: "password123" }, { expectFailure: true });
  await expect(page.getByRole("alert")).toContainText("The email address or password is not correct.");
});

test("a wrong password is refused with a clear message", async ({ page }) => {
  await logIn(page, { email: DEMO.learner.email, password: "not the password" }, { expectFailure: true });
  await expect(page.getByRole("alert")).toHaveText("The email address or password is not correct.");
  await expect(page.getByLabel("Email address")).toHaveValue(DEMO.learner.email);
});

test("too many failed logins from one client get 429 and a translated message there, even with the right password", async ({
  page,
  request,
}) => {
  const person = {
    name: "Rate Limited",
    email: uniqueEmail("ratelimit"),
    password: "a lighthouse over Hanoi",
    country: "LA",
  };
  await page.goto("/signup");
  await fillSignup(page, person);
  await submitSignup(page, person);
  await logOut(page);

  const attempt = (password: string) =>
    request.post("/login", {
      form: { email: person.email, password },
      headers: { Origin: E2E_ORIGIN, "Accept-Language": "fr" },
      maxRedirects: 0,
    });
  for (let i = 0; i < 5; i++) expect((await attempt(`wrong-${i}-password`)).status()).toBe(401);
  const blocked = await attempt(person.password);
  expect(blocked.status()).toBe(429);
  expect(Number(blocked.headers()["retry-after"])).toBeGreaterThan(0);
  expect(await blocked.text()).toContain("Trop de tentatives");
});

test("someone hammering an account does not lock its owner out of their own browser", async ({ page, request }) => {
  const person = {
    name: "Known Device",
    email: uniqueEmail("device"),
    password: "a lighthouse over Hanoi",
    country: "VN",
  };
  await page.goto("/signup");
  await fillSignup(page, person);
  await submitSignup(page, person);
  await logOut(page);
  await logIn(page, person); // this browser is now known to the account
  await logOut(page);

  // Someone else, from the same address, with no device cookie, hammers the account.
  for (let i = 0; i < 8; i++) {
    await request.post("/login", {
      form: { email: person.email, password: `wrong-${i}-password` },
      headers: { Origin: E2E_ORIGIN },
      maxRedirects: 0,
    });
  }
  const attacker = await request.post("/login", {
    form: { email: person.email, password: person.password },
    headers: { Origin: E2E_ORIGIN },
    maxRedirects: 0,
  });
  expect(attacker.status()).toBe(429);

  await logIn(page, person);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("My courses");
});

test("state-changing requests from another site are refused with 403", async ({ request }) => {
  const evil = { Origin: "https://evil.example" };
  for (const path of ["/login", "/signup", "/logout", "/locale", "/admin/users"]) {
    const response = await request.post(path, {
      headers: evil,
      form: { email: DEMO.admin.email, password: DEMO.admin.password },
      maxRedirects: 0,
    });
    expect(response.status(), path).toBe(403);
  }
  const noOrigin = await request.fetch("/login", {
    method: "POST",
    form: { email: "a@b.org", password: "x" },
    headers: { Origin: "" },
    maxRedirects: 0,
  });
  expect(noOrigin.status()).toBe(403);
  const sameSite = await request.post("/login", {
    headers: { Origin: E2E_ORIGIN },
    form: { email: DEMO.admin.email, password: DEMO.admin.password },
    maxRedirects: 0,
  });
  expect(sameSite.status()).toBe(302);
});

test("an officer can sign up in Arabic: the page is right-to-left and the confirmation email is in Arabic", async ({
  page,
}) => {
  await page.goto("/");
  await page.getByRole("button", { name: "العربية" }).click();
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.locator("html")).toHaveAttribute("lang", "ar");
  await page.getByRole("link", { name: "إنشاء حساب" }).first().click();

  const person = { name: "أحمد المصري", email: uniqueEmail("ar") };
  await page.getByLabel("الاسم الكامل").fill(person.name);
  await page.getByLabel("البريد الإلكتروني").fill(person.email);
  await page.getByLabel("كلمة المرور").fill("منارة تضيء الطريق");
  await page.getByLabel("البلد").selectOption("EG");
  await expect(page.getByLabel("اللغة المفضلة")).toHaveValue("ar");
  await page.locator("form#signup button[type=submit]:not([name=intent])").click();

  await expect(page.getByRole("heading", { level: 1 })).toHaveText("تحقّق من بريدك الإلكتروني");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  // Mirrored layout: the account area sits on the left in right-to-left.
  const header = await page.locator(".header-inner").boundingBox();
  const brand = await page.locator(".brand").boundingBox();
  expect(brand!.x + brand!.width).toBeGreaterThan(header!.x + header!.width / 2);

  const email = await waitForEmail(person.email);
  expect(subject(email)).toBe("أكّد عنوان بريدك الإلكتروني على Haidang");
  expect(plainText(email)).toContain("/verify-email/");
});

test("the language preference follows the account", async ({ page, browser }) => {
  const person = {
    name: "Marie Dubois",
    email: uniqueEmail("fr"),
    password: "un phare sur Hanoi",
    country: "SN",
    locale: "fr",
  };
  await page.goto("/signup");
  await fillSignup(page, person);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Check your email");

  // A new browser with English preferences logs in and gets French.
  const other = await browser.newPage({ locale: "en-US" });
  await other.goto("/login");
  await other.getByLabel("Email address").fill(person.email);
  await other.getByLabel("Password").fill(person.password);
  await other.getByRole("button", { name: "Log in" }).click();
  await expect(other.locator("html")).toHaveAttribute("lang", "fr");
  await expect(other.getByRole("heading", { level: 1 })).toHaveText("Mes cours");
  await other.close();
});

test("administrators change roles; learners cannot reach the admin pages", async ({ page }) => {
  const person = {
    name: `Future Trainer ${Date.now()}`,
    email: uniqueEmail("trainer"),
    password: "a lighthouse over Hanoi",
    country: "MM",
  };
  await page.goto("/signup");
  await fillSignup(page, person);
  await submitSignup(page, person);
  const forbidden = await page.goto("/admin/users");
  expect(forbidden?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Access denied");
  await logOut(page);

  await logIn(page, DEMO.admin);
  await page.getByRole("link", { name: "Users", exact: true }).click();
  await page.getByLabel("Search by name, email or agency").fill(person.email);
  await page.getByRole("button", { name: "Search" }).click();
  const row = page.getByRole("row", { name: new RegExp(person.name) });
  await expect(row).toHaveCount(1);
  await row.getByLabel(`New role for ${person.name}`).selectOption("TRAINER");
  await row.getByRole("button", { name: /Save/ }).click();
  await expect(page.getByRole("status")).toHaveText(`${person.name} is now: Trainer.`);
  await expect(
    page.getByRole("row", { name: new RegExp(person.name) }).getByLabel(`New role for ${person.name}`),
  ).toHaveValue("TRAINER");

  // The last administrator cannot demote themself.
  await page.getByLabel("Search by name, email or agency").fill(DEMO.admin.email);
  await page.getByRole("button", { name: "Search" }).click();
  const me = page.getByRole("row", { name: /Demo Administrator/ });
  await me.getByLabel("New role for Demo Administrator").selectOption("LEARNER");
  await me.getByRole("button", { name: /Save/ }).click();
  await expect(page.getByRole("alert")).toHaveText(
    "At least one administrator must remain. Make someone else an administrator first.",
  );
});

test("signed-out visitors are sent to log in and come back where they were going", async ({ page }) => {
  await page.goto("/admin/users?q=demo");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fadmin%2Fusers%3Fq%3Ddemo/);
  await page.getByLabel("Email address").fill(DEMO.admin.email);
  await page.getByLabel("Password").fill(DEMO.admin.password);
  await page.getByRole("button", { name: "Log in" }).click();
  // The demo administrator has two-step verification: the destination survives the second step.
  await page
    .getByLabel("Code from your authenticator app")
    .fill(await freshTotpCode(DEMO.admin.email, DEMO.admin.totpSecret));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/admin\/users\?q=demo/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Users");
});

test("unknown pages get a translated 404 without internals; the health check reports both services", async ({
  page,
  request,
}) => {
  const response = await page.goto("/no/such/page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  const html = await page.content();
  expect(html).not.toMatch(/at .*\.(js|ts):\d+/);

  // A tampered cookie is ignored; a body that is not a form is a 400, never a stack trace.
  const tampered = await request.get("/", {
    headers: { Cookie: "haidang_flash=%%%zz; haidang_lang=%E0%A4%A; haidang_session=nonsense" },
  });
  expect(tampered.status()).toBe(200);
  const garbage = await request.post("/login", {
    headers: { Origin: E2E_ORIGIN, "Content-Type": "multipart/form-data; boundary=x" },
    data: "garbage",
  });
  expect(garbage.status()).toBe(400);
  const body = await garbage.text();
  expect(body).toContain("The request could not be read");
  expect(body).not.toMatch(/TypeError|at .*\.(js|ts):\d+/);

  const health = await request.get("/healthcheck");
  expect(health.status()).toBe(200);
  expect(await health.json()).toMatchObject({ status: "ok", postgres: { ok: true }, redis: { ok: true } });
});
