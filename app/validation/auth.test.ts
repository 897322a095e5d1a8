import { expect, test } from "vitest";
import { LocaleSchema, LoginSchema, SignupSchema } from "./auth";
import { AttemptPageQuerySchema } from "./questions";

const valid = {
  name: "Nguyễn Thị Lan",
  email: " Lan.Nguyen@Police.GOV.vn ",
  password: "a long passphrase",
  country: "VN",
  agency: "",
  locale: "fr",
};

test("a valid sign-up is normalised", () => {
  const parsed = SignupSchema.parse(valid);
  expect(parsed.email).toBe("lan.nguyen@police.gov.vn");
  expect(parsed.name).toBe("Nguyễn Thị Lan");
});

test.each([
  [{ email: "not-an-email" }, "email", "validation.email.invalid"],
  [{ password: "short" }, "password", "validation.password.tooShort"],
  [{ password: "x".repeat(129) }, "password", "validation.password.tooLong"],
  [{ country: "ZZ" }, "country", "validation.country.invalid"],
  [{ locale: "de" }, "locale", "validation.locale.invalid"],
  [{ name: "   " }, "name", "validation.name.required"],
])("%o is refused on %s", (change, field, message) => {
  const result = SignupSchema.safeParse({ ...valid, ...change });
  expect(result.success).toBe(false);
  const issue = result.error?.issues.find((i) => i.path[0] === field);
  expect(issue?.message).toBe(message);
});

test("long passphrases (64+ characters, any script) are accepted", () => {
  expect(SignupSchema.safeParse({ ...valid, password: "mật khẩu rất dài ".repeat(5) }).success).toBe(true);
});

test.each(["/\r\n/evil.example", "/courses\r\nSet-Cookie: x=1", "/%0d%0a", "//evil.example", "/\t/evil.example"])(
  "a redirectTo no redirect can carry (%j) becomes the home page before anything is written",
  (redirectTo) => {
    expect(SignupSchema.parse({ ...valid, redirectTo }).redirectTo).toBe("/");
    expect(LoginSchema.parse({ email: valid.email, password: "x", redirectTo }).redirectTo).toBe("/");
    expect(LocaleSchema.parse({ locale: "fr", redirectTo }).redirectTo).toBe("/");
  },
);

test("a redirectTo on this site is kept", () => {
  expect(LoginSchema.parse({ email: valid.email, password: "x", redirectTo: "/courses?x=1" }).redirectTo).toBe(
    "/courses?x=1",
  );
  expect(LoginSchema.parse({ email: valid.email, password: "x" }).redirectTo).toBe("/");
});

test("the attempt page's ?page= is a number or summary, anything else reads as absent", () => {
  expect(AttemptPageQuerySchema.parse({ page: "3" }).page).toBe("3");
  expect(AttemptPageQuerySchema.parse({ page: "summary" }).page).toBe("summary");
  expect(AttemptPageQuerySchema.parse({ page: "1\r\nX: y" }).page).toBeUndefined();
  expect(AttemptPageQuerySchema.parse({}).page).toBeUndefined();
});
