import { expect, test } from "vitest";
import { currentFor, MENU_BY_ROLE, menuFor } from "./site-menu";

test("visitors see the public links; each role adds its own", () => {
  expect(menuFor(null).map((i) => i.to)).toEqual(["/", "/courses", "/verify"]);
  expect(menuFor("LEARNER").map((i) => i.to)).toEqual(["/", "/courses", "/verify", "/dashboard"]);
  expect(menuFor("TRAINER").map((i) => i.to)).toContain("/author");
  expect(menuFor("TRAINER").map((i) => i.to)).not.toContain("/admin/users");
  expect(menuFor("ADMIN").map((i) => i.to)).toEqual([
    "/",
    "/courses",
    "/verify",
    "/dashboard",
    "/author",
    "/admin/users",
    "/admin/enrolments",
    "/admin/certificates",
    "/admin/agencies",
    "/admin/applications",
  ]);
  expect(menuFor("FOCAL_POINT").map((i) => i.to)).toEqual([
    "/",
    "/courses",
    "/verify",
    "/dashboard",
    "/focal",
    "/focal/nominations",
  ]);
  expect(menuFor("FOCAL_POINT").map((i) => i.to)).not.toContain("/author");
});

test("an unknown role gets only the public links; every role's links are distinct", () => {
  expect(menuFor("SOMETHING_ELSE")).toEqual(menuFor(null));
  for (const items of Object.values(MENU_BY_ROLE)) {
    const all = [...menuFor(null), ...items].map((i) => i.to);
    expect(new Set(all).size).toBe(all.length);
  }
});

test("aria-current: the page itself, its section, never Home elsewhere", () => {
  expect(currentFor("/", "/")).toBe("page");
  expect(currentFor("/courses", "/")).toBeUndefined();
  expect(currentFor("/courses", "/courses")).toBe("page");
  expect(currentFor("/courses/", "/courses")).toBe("page");
  expect(currentFor("/courses/cybercrime-basics/intro", "/courses")).toBe("location");
  expect(currentFor("/author/x/cohorts", "/author")).toBe("location");
  expect(currentFor("/authority", "/author")).toBeUndefined();
  expect(currentFor("/admin/users", "/admin/enrolments")).toBeUndefined();
});
