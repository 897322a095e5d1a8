import { expect, test } from "vitest";
import { isAcceptableRequestTarget } from "./request-guard.server";

test.each([
  "/",
  "/courses?q=cyber+crime",
  "/courses?q=%C3%A9t%C3%A9&level=intro",
  "/courses/%D8%A7",
  "/login?redirectTo=%2Fcourses%3Fx%3D1",
  "/author/x/progress?cohort=",
  "/courses?q=100%25",
  "/courses?q=%0A", // only NUL is refused in a query; forms and schemas check the rest
])("accepted: %s", (target) => {
  expect(isAcceptableRequestTarget(target)).toBe(true);
});

test.each([
  "/%00",
  "/courses/%00",
  "/courses/electronic-evidence%00",
  "/courses?q=%00",
  "/courses?q=a%00b",
  "/courses?%00=x",
  "/%ff",
  "/courses/%E0%A4%A",
  "/courses/%",
  "/courses?q=%ff",
  "/courses?q=%",
  "/courses%0A",
  "/courses/%0d%0aSet-Cookie:x",
  "/courses/%09",
  "/courses/%7F",
])("refused: %s", (target) => {
  expect(isAcceptableRequestTarget(target)).toBe(false);
});
