import { expect, test } from "vitest";
import { SignupSchema } from "./auth";

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
