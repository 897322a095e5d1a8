import { expect, test } from "vitest";
import { errorSummaryItems } from "./error-summary-items";

test("each field error links to the field's conform id, the form's own errors are left out", () => {
  expect(
    errorSummaryItems("signup", {
      "": ["form.submitError"],
      name: ["validation.name.required"],
      email: ["validation.email.invalid", "validation.email.invalid"],
      password: [],
      country: null,
    }),
  ).toEqual([
    { href: "#signup-name", message: "validation.name.required" },
    { href: "#signup-email", message: "validation.email.invalid" },
  ]);
});

test("no errors, no items", () => {
  expect(errorSummaryItems("login", undefined)).toEqual([]);
  expect(errorSummaryItems("login", { "": ["login.invalid"] })).toEqual([]);
});
