import { expect, test } from "vitest";
import { parseAiken } from "./aiken";
import { QuestionSchema, type Question, type SourceError } from "./questions";

function parseOk(source: string): Question[] {
  const result = parseAiken(source);
  if (!result.ok) throw new Error(`unexpected errors: ${JSON.stringify(result.errors)}`);
  return result.questions;
}

function errorsOf(source: string): SourceError[] {
  const result = parseAiken(source);
  if (result.ok) throw new Error(`expected errors, got ${JSON.stringify(result.questions)}`);
  return result.errors;
}

const plain = (text: string) => ({ text, format: "plain" as const });

test("Moodle's example reads as a single choice in plain text", () => {
  const source = [
    "What is the correct answer to this question?",
    "A. Is it this one?",
    "B. Maybe this answer?",
    "C. Possibly this one?",
    "D. Must be this one!",
    "ANSWER: D",
  ].join("\n");
  expect(parseOk(source)).toEqual([
    QuestionSchema.parse({
      type: "single",
      stem: plain("What is the correct answer to this question?"),
      choices: [
        { text: plain("Is it this one?"), weight: 0 },
        { text: plain("Maybe this answer?"), weight: 0 },
        { text: plain("Possibly this one?"), weight: 0 },
        { text: plain("Must be this one!"), weight: 100 },
      ],
    }),
  ]);
});

test("several questions, A) options, blank lines, CRLF, a BOM and untrimmed lines", () => {
  const source =
    "\uFEFFWhich is volatile?\r\nA) RAM\r\nB) Disk\r\nANSWER: A\r\n\r\n\r\n  Chứng cứ điện tử?  \r\n A. Có\r\nB. Không \r\nANSWER:B\r\n";
  const questions = parseOk(source);
  expect(questions).toHaveLength(2);
  expect(questions[0]).toMatchObject({ stem: plain("Which is volatile?"), choices: [{ weight: 100 }, { weight: 0 }] });
  expect(questions[1]).toMatchObject({
    stem: plain("Chứng cứ điện tử?"),
    choices: [
      { text: plain("Có"), weight: 0 },
      { text: plain("Không"), weight: 100 },
    ],
  });
});

test("the question text may take several lines; questions need no blank line between them", () => {
  const questions = parseOk("ما هو الدليل الرقمي؟\nSecond line.\nA. x\nB. y\nANSWER: a\nNext?\nA. 1\nB. 2\nANSWER: B");
  expect(questions.map((x) => x.stem.text)).toEqual(["ما هو الدليل الرقمي؟\nSecond line.", "Next?"]);
  expect(questions[0]?.type === "single" && questions[0].choices.map((c) => c.weight)).toEqual([100, 0]);
});

test("texts are kept as written: no markup is interpreted", () => {
  const [question] = parseOk("Is <b>this</b> {bold}?\nA. <script>x</script>\nB. **no**\nANSWER: B");
  expect(question?.stem).toEqual(plain("Is <b>this</b> {bold}?"));
  expect(question?.type === "single" && question.choices[0]?.text).toEqual(plain("<script>x</script>"));
});

test("an empty file has no questions", () => {
  expect(parseOk("")).toEqual([]);
  expect(parseOk("\n\n  \n")).toEqual([]);
});

test("a missing ANSWER line is reported on the question's first line, and reading goes on", () => {
  expect(errorsOf("Q1\nA. a\nB. b\n\nQ2\nA. a\nB. b\nANSWER: C\n\nQ3\nA. a\nB. b")).toEqual([
    { line: 1, message: "this question has no ANSWER: line after its options" },
    { line: 8, message: "the answer C is not one of the options (A, B)" },
    { line: 10, message: "this question has no ANSWER: line after its options" },
  ]);
  expect(errorsOf("Only text")).toEqual([
    { line: 1, message: "this question has no options (A. …, B. …) and no ANSWER: line" },
  ]);
});

test("the answer letter must be one of the options", () => {
  expect(errorsOf("Q\nA. a\nB. b\nANSWER: E")).toEqual([
    { line: 4, message: "the answer E is not one of the options (A, B)" },
  ]);
  expect(errorsOf("Q\nA. a\nB. b\nANSWER: A or B")[0]).toEqual({
    line: 4,
    message: 'ANSWER: must be followed by one option letter, not "A or B"',
  });
  expect(errorsOf("Q\nA. a\nB. b\nANSWER:")[0]?.line).toBe(4);
});

test("fewer than 2 options", () => {
  expect(errorsOf("Q\nA. only\nANSWER: A")).toEqual([
    { line: 1, message: "a question needs at least 2 options (A. …, B. …)" },
  ]);
  // Reported in line order.
  expect(errorsOf("Q\nANSWER: A")).toEqual([
    { line: 1, message: "a question needs at least 2 options (A. …, B. …)" },
    { line: 2, message: "the answer A is not one of the options (none)" },
  ]);
});

test("options without text, given twice, or without a question", () => {
  expect(errorsOf("Q\nA.\nB. b\nANSWER: B")).toEqual([{ line: 2, message: "option A has no text" }]);
  expect(errorsOf("Q\nA. a\nA. again\nANSWER: A")).toEqual([{ line: 3, message: "option A is given twice" }]);
  expect(errorsOf("A. a\nB. b\nANSWER: A")[0]).toEqual({
    line: 1,
    message: "an option (A) without a question before it",
  });
  expect(errorsOf("ANSWER: A")).toEqual([{ line: 1, message: "ANSWER: without a question before it" }]);
});

test("size limits are those of GIFT files", () => {
  expect(errorsOf("x".repeat(2 * 1024 * 1024 + 1))).toEqual([{ line: 1, message: "the file is larger than 2 MB" }]);
  const many = Array.from({ length: 2001 }, (_, i) => `Q${i}\nA. a\nB. b\nANSWER: A`).join("\n\n");
  expect(errorsOf(many)).toEqual([{ line: 1, message: "the file has more than 2000 questions" }]);
});

test("schema limits are reported with the question's line", () => {
  const errors = errorsOf(`Fine\nA. a\nB. b\nANSWER: A\n\n${"x".repeat(50_001)}\nA. a\nB. b\nANSWER: A`);
  expect(errors).toHaveLength(1);
  expect(errors[0]?.line).toBe(6);
  expect(errors[0]?.message).toMatch(/stem\.text/);
});

test("a large file parses quickly", () => {
  const source = Array.from(
    { length: 2000 },
    (_, i) => `Question ${i} ${"text ".repeat(80)}\nA. one\nB. two\nC. three\nD. four\nANSWER: C`,
  ).join("\n\n");
  const started = performance.now();
  expect(parseOk(source)).toHaveLength(2000);
  expect(performance.now() - started).toBeLessThan(1000);
});
