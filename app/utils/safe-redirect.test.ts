import { expect, test } from "vitest";
import { safeRedirect } from "./safe-redirect";

test.each([
  ["/", "/"],
  ["/courses", "/courses"],
  ["/courses?x=1", "/courses?x=1"],
  ["/courses/electronic-evidence?lang=fr#modules", "/courses/electronic-evidence?lang=fr#modules"],
  ["/courses?q=100%25", "/courses?q=100%25"],
  ["/courses?q=a+b", "/courses?q=a+b"],
  ["/admin/../courses", "/courses"],
  ["/courses/%C3%A9t%C3%A9", "/courses/%C3%A9t%C3%A9"],
  ["/courses/été", "/courses/%C3%A9t%C3%A9"],
])("a path on this site is kept (normalised): %s", (input, expected) => {
  expect(safeRedirect(input)).toBe(expected);
});

test.each([
  // other sites, plainly
  "https://evil.example",
  "http://evil.example/",
  "//evil.example",
  "///evil.example",
  "evil.example",
  "javascript:alert(1)",
  "data:text/html,x",
  " /courses",
  // backslashes, which browsers read as slashes
  "/\\evil.example",
  "\\\\evil.example",
  "/\\/evil.example",
  "/courses\\..\\..\\evil",
  // tabs and line breaks, which browsers drop
  "/\t/evil.example",
  "/\n/evil.example",
  "/\r\n/evil.example",
  "/courses\r\nSet-Cookie: x=1",
  "/courses?x=\r\n",
  "/\u0000/evil.example",
  "/\u007f/evil.example",
  // percent-encoded forms of all of the above
  "/%2F%2Fevil.example",
  "/%2f/evil.example",
  "/%2F/evil.example",
  "/%09/evil.example",
  "/%0a/evil.example",
  "/%0D%0A/evil.example",
  "/%5C/evil.example",
  "/%5cevil.example",
  "/%00",
  "/courses?x=%0D%0ASet-Cookie:x",
  "/courses#%0a",
  // double encoding
  "/%252F%252Fevil.example",
  "/%255Cevil.example",
  "/%2509/evil.example",
  // dot segments that normalise to a protocol-relative URL
  "/.//evil.example",
  "/./%2F/evil.example",
  "/a/..//evil.example",
  // broken percent-encoding, bidi overrides, absurd length
  "/%ff",
  "/%E0%A4%A",
  "/courses?q=%",
  "/\u202Eevil",
  "/courses?name=\u2066x",
  `/${"a".repeat(3000)}`,
])("refused, goes home: %j", (input) => {
  expect(safeRedirect(input)).toBe("/");
});

test("anything that is not a string goes to the fallback", () => {
  expect(safeRedirect(null)).toBe("/");
  expect(safeRedirect(undefined, "/dashboard")).toBe("/dashboard");
  expect(safeRedirect("", "/dashboard")).toBe("/dashboard");
  expect(safeRedirect(new File(["/x"], "x.txt"))).toBe("/");
});
