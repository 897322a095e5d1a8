import { expect, test } from "vitest";
import { hashPassword, verifyPassword } from "./password.server";
import { passwordProblem } from "./password-policy.server";

test("common passwords are refused whatever their case", () => {
  expect(passwordProblem({ password: "password1" })).toBe("validation.password.common");
  expect(passwordProblem({ password: "QWERTYUIOP" })).toBe("validation.password.common");
  expect(passwordProblem({ password: "12345678" })).toBe("validation.password.common");
});

test("a password containing the email's name is refused", () => {
  expect(passwordProblem({ password: "lan.nguyen2026!", email: "lan.nguyen@police.gov.vn" })).toBe(
    "validation.password.matchesEmail",
  );
});

test("an uncommon passphrase passes", () => {
  expect(passwordProblem({ password: "correct horse battery staple", email: "a@b.org" })).toBeUndefined();
});

test("hashes are argon2id and verify only the right password", async () => {
  const hash = await hashPassword("correct horse battery staple");
  expect(hash.startsWith("$argon2id$")).toBe(true);
  expect(await verifyPassword(hash, "correct horse battery staple")).toBe(true);
  expect(await verifyPassword(hash, "Correct horse battery staple")).toBe(false);
  expect(await verifyPassword("not a hash", "x")).toBe(false);
});
