import { expect, test } from "vitest";
import { SignupSchema } from "./auth";
import { RevokeSchema, SignatoryTitleSchema } from "./certificates";
import { NewCourseSchema } from "./courses";
import { parseEnrolmentCsv } from "./enrolment-csv";
import { CohortSchema } from "./enrolment";
import { QuestionUploadSchema } from "./questions";
import { cleanMultiline, cleanOneLine } from "./text";

const signup = { email: "a@example.org", password: "a long passphrase", country: "VN", locale: "en" };

test.each([
  ["Smith\u202Eevil", "Smithevil"],
  ["\u202Aa\u202Bb\u202Cc\u202Dd\u202Ee", "abcde"],
  ["\u2066a\u2067b\u2068c\u2069", "abc"],
  ["Nguyễn\tThị\nLan\r\n", "Nguyễn Thị Lan  "],
  ["a\u0000b\u0007c\u007fd\u009be", "abcde"],
  ["a\u2028b", "a b"],
  ["أحمد\u200F بن علي", "أحمد\u200F بن علي"],
])("one-line text keeps no controls or bidi overrides: %j", (input, expected) => {
  expect(cleanOneLine(input)).toBe(expected);
});

test("multi-line text keeps its line breaks but loses the rest", () => {
  expect(cleanMultiline("one\r\ntwo\tthree\u202E\u0000")).toBe("one\r\ntwo\tthree");
});

test("names, titles and reasons that reach certificates, /verify and ZIP entries are cleaned in their schemas", () => {
  expect(SignupSchema.parse({ ...signup, name: " \u202EnaL\u202C Nguyen\n" }).name).toBe("naL Nguyen");
  expect(SignupSchema.parse({ ...signup, name: "Lan", agencyRequest: "Police\u2066 HQ" }).agencyRequest).toBe(
    "Police HQ",
  );
  expect(SignupSchema.safeParse({ ...signup, name: "\u202E\u202C" }).success).toBe(false);
  expect(CohortSchema.parse({ name: "2026\u202E-A", capacity: "" }).name).toBe("2026-A");
  expect(RevokeSchema.parse({ reason: "Issued\u202E in error\n" }).reason).toBe("Issued in error");
  expect(SignatoryTitleSchema.parse({ title: "Director\u2067 of Training" }).title).toBe("Director of Training");
  expect(
    NewCourseSchema.parse({ slug: "x-y", title: "Electronic\u202E evidence", summary: "S", sourceLocale: "en" }).title,
  ).toBe("Electronic evidence");
});

test("a bulk-enrolment CSV cannot smuggle bidi overrides into names", () => {
  const { rows } = parseEnrolmentCsv(
    "email,name,agency,cohort\na@example.org,\u202Enamuh,Police\u2066 HQ,2026\u202E-A\n",
  );
  expect(rows[0]).toMatchObject({ name: "namuh", agency: "Police HQ", cohort: "2026-A", problems: [] });
});

test.each([
  "0000-01-01",
  "0001-01-01",
  "1899-12-31",
  "3000-01-01",
  "2026-02-31",
  "2026-13-01",
  "26-01-01",
  "+02026-01-01",
])("a cohort date PostgreSQL or the calendar refuses (%s) is a form error, not a 500", (date) => {
  const result = CohortSchema.safeParse({ name: "Cohort", startsAt: date, capacity: "" });
  expect(result.success).toBe(false);
  expect(result.error?.issues[0]).toMatchObject({ path: ["startsAt"], message: "validation.date.invalid" });
});

test("real cohort dates are accepted", () => {
  const parsed = CohortSchema.parse({ name: "Cohort", startsAt: "2026-02-28", endsAt: "2026-03-01", capacity: "" });
  expect(parsed.startsAt?.toISOString()).toBe("2026-02-28T00:00:00.000Z");
  expect(parsed.endsAt?.toISOString()).toBe("2026-03-01T23:59:59.999Z");
});

test("a question file with a NUL byte is refused as not text, before it reaches the bank", () => {
  const result = QuestionUploadSchema.safeParse({ format: "gift", category: "", text: "::Q::2+2?\u0000 {=4}" });
  expect(result.success).toBe(false);
  expect(result.error?.issues[0]?.message).toBe("inputSafety.fileNotText");
});
