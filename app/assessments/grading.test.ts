import { expect, test } from "vitest";
import { QuestionSchema, type Question, type QuestionResponse, type RichText } from "~/content/questions";
import {
  countItemsInPlace,
  gradeAttempt,
  gradeResponse,
  isValidResponse,
  matchesShortAnswer,
  NotGradableError,
  normaliseShortAnswer,
  parseNumberAnswer,
} from "./grading";

// ---------------------------------------------------------------------------------------
// Fixtures: questions go through the schema so defaults are filled in as in the bank.

const rt = (text: string): RichText => ({ text, format: "moodle" });
const q = (input: Record<string, unknown>): Question => QuestionSchema.parse({ stem: rt("Stem"), ...input });

const single = q({
  type: "single",
  choices: [
    { text: rt("Right"), weight: 100, feedback: rt("Yes") },
    { text: rt("Half"), weight: 50, feedback: rt("Half way") },
    { text: rt("Wrong"), weight: 0, feedback: rt("No") },
    { text: rt("Penalty"), weight: -50 },
  ],
});

const multiple = q({
  type: "multiple",
  choices: [
    { text: rt("A"), weight: 50, feedback: rt("fa") },
    { text: rt("B"), weight: 50, feedback: rt("fb") },
    { text: rt("C"), weight: -100, feedback: rt("fc") },
    { text: rt("D"), weight: -25 },
  ],
});

const truefalse = q({
  type: "truefalse",
  answer: true,
  feedbackRight: rt("Well done"),
  feedbackWrong: rt("Think again"),
});

const short = q({
  type: "short",
  answers: [
    { text: "Budapest Convention", feedback: rt("exact") },
    { text: "Budapest*", credit: 50, feedback: rt("close") },
    { text: "*", credit: 0, feedback: rt("catch-all") },
  ],
});

const numerical = q({
  type: "numerical",
  answers: [
    { kind: "exact", value: 3.14, tolerance: 0.01, feedback: rt("pi") },
    { kind: "range", min: 3, max: 3.2, credit: 50, feedback: rt("about pi") },
    { kind: "exact", value: 0.3, tolerance: 0.1, credit: 25, feedback: rt("point three") },
  ],
});

const matching = q({
  type: "matching",
  pairs: [
    { left: rt("Phishing"), right: "Fraud" },
    { left: rt("Ransomware"), right: "Extortion" },
    { left: rt("Scam call"), right: "Fraud" },
    { left: rt("DDoS"), right: "Sabotage" },
  ],
});

const ordering = q({ type: "ordering", items: [rt("Seize"), rt("Image"), rt("Hash"), rt("Analyse")] });
const essay = q({ type: "essay", rubric: rt("Mentions chain of custody") });
const description = q({ type: "description" });

// ---------------------------------------------------------------------------------------
// Single choice

test("single: the chosen choice's weight, with its feedback", () => {
  expect(gradeResponse(single, { type: "single", choice: 0 })).toEqual({
    score: 1,
    state: "correct",
    feedback: [rt("Yes")],
  });
  expect(gradeResponse(single, { type: "single", choice: 1 })).toEqual({
    score: 0.5,
    state: "partial",
    feedback: [rt("Half way")],
  });
  expect(gradeResponse(single, { type: "single", choice: 2 })).toEqual({
    score: 0,
    state: "wrong",
    feedback: [rt("No")],
  });
});

test("single: a negative weight is clamped to 0, and a choice without feedback gives none", () => {
  expect(gradeResponse(single, { type: "single", choice: 3 })).toEqual({ score: 0, state: "wrong", feedback: [] });
});

test("single: no choice, no response, an index out of range or another type are unanswered", () => {
  const unanswered = { score: 0, state: "unanswered", feedback: [] };
  expect(gradeResponse(single, { type: "single", choice: null })).toEqual(unanswered);
  expect(gradeResponse(single, null)).toEqual(unanswered);
  expect(gradeResponse(single, { type: "single", choice: 4 })).toEqual(unanswered);
  expect(gradeResponse(single, { type: "multiple", choices: [0] })).toEqual(unanswered);
});

// ---------------------------------------------------------------------------------------
// Multiple response

test("multiple: weights add up, feedback in the question's order", () => {
  expect(gradeResponse(multiple, { type: "multiple", choices: [1, 0] })).toEqual({
    score: 1,
    state: "correct",
    feedback: [rt("fa"), rt("fb")],
  });
  expect(gradeResponse(multiple, { type: "multiple", choices: [1] })).toEqual({
    score: 0.5,
    state: "partial",
    feedback: [rt("fb")],
  });
});

test("multiple: negative weights subtract but the score never goes below 0", () => {
  expect(gradeResponse(multiple, { type: "multiple", choices: [0, 1, 3] }).score).toBe(0.75);
  expect(gradeResponse(multiple, { type: "multiple", choices: [0, 2] })).toEqual({
    score: 0,
    state: "wrong",
    feedback: [rt("fa"), rt("fc")],
  });
  expect(gradeResponse(multiple, { type: "multiple", choices: [0, 1, 2, 3] }).score).toBe(0);
});

test("multiple: the sum is clamped to the full mark", () => {
  const generous = q({
    type: "multiple",
    choices: [
      { text: rt("A"), weight: 80 },
      { text: rt("B"), weight: 80 },
    ],
  });
  expect(gradeResponse(generous, { type: "multiple", choices: [0, 1] })).toMatchObject({ score: 1, state: "correct" });
});

test("multiple: thirds that add up to 99.99999 % count as correct", () => {
  const thirds = q({
    type: "multiple",
    choices: [
      { text: rt("A"), weight: 33.33333 },
      { text: rt("B"), weight: 33.33333 },
      { text: rt("C"), weight: 33.33333 },
      { text: rt("D"), weight: -100 },
    ],
  });
  expect(gradeResponse(thirds, { type: "multiple", choices: [0, 1, 2] })).toMatchObject({ score: 1, state: "correct" });
  expect(gradeResponse(thirds, { type: "multiple", choices: [0] }).state).toBe("partial");
});

test("multiple: nothing ticked is unanswered; repeated or out-of-range indices are impossible input", () => {
  expect(gradeResponse(multiple, { type: "multiple", choices: [] }).state).toBe("unanswered");
  expect(gradeResponse(multiple, { type: "multiple", choices: [0, 0] }).state).toBe("unanswered");
  expect(gradeResponse(multiple, { type: "multiple", choices: [0, 4] }).state).toBe("unanswered");
});

// ---------------------------------------------------------------------------------------
// True/false

test("truefalse: right or wrong with the matching feedback", () => {
  expect(gradeResponse(truefalse, { type: "truefalse", answer: true })).toEqual({
    score: 1,
    state: "correct",
    feedback: [rt("Well done")],
  });
  expect(gradeResponse(truefalse, { type: "truefalse", answer: false })).toEqual({
    score: 0,
    state: "wrong",
    feedback: [rt("Think again")],
  });
  expect(gradeResponse(truefalse, { type: "truefalse", answer: null })).toEqual({
    score: 0,
    state: "unanswered",
    feedback: [],
  });
});

test("truefalse: a false statement and missing feedback", () => {
  const no = q({ type: "truefalse", answer: false });
  expect(gradeResponse(no, { type: "truefalse", answer: false })).toEqual({ score: 1, state: "correct", feedback: [] });
  expect(gradeResponse(no, { type: "truefalse", answer: true })).toEqual({ score: 0, state: "wrong", feedback: [] });
});

// ---------------------------------------------------------------------------------------
// Short answer

test("short: best credit among matching answers, with that answer's feedback", () => {
  expect(gradeResponse(short, { type: "short", text: "Budapest Convention" })).toEqual({
    score: 1,
    state: "correct",
    feedback: [rt("exact")],
  });
  expect(gradeResponse(short, { type: "short", text: "Budapest treaty" })).toEqual({
    score: 0.5,
    state: "partial",
    feedback: [rt("close")],
  });
  expect(gradeResponse(short, { type: "short", text: "Lisbon" })).toEqual({
    score: 0,
    state: "wrong",
    feedback: [rt("catch-all")],
  });
});

test("short: order of answers does not matter for the best credit", () => {
  const reversed = q({
    type: "short",
    answers: [{ text: "*", credit: 0 }, { text: "Budapest*", credit: 50 }, { text: "budapest convention" }],
  });
  expect(gradeResponse(reversed, { type: "short", text: "Budapest Convention" }).score).toBe(1);
});

test("short: ties keep the first answer's feedback", () => {
  const tie = q({
    type: "short",
    answers: [
      { text: "a*", credit: 50, feedback: rt("first") },
      { text: "*b", credit: 50, feedback: rt("second") },
    ],
  });
  expect(gradeResponse(tie, { type: "short", text: "ab" }).feedback).toEqual([rt("first")]);
});

test("short: spaces are trimmed and collapsed, case ignored by default", () => {
  expect(gradeResponse(short, { type: "short", text: "  budapest \t\n  CONVENTION " }).score).toBe(1);
  expect(gradeResponse(short, { type: "short", text: "budapest\u00a0convention" }).score).toBe(1);
});

test("short: case-sensitive questions compare case", () => {
  const cs = q({ type: "short", answers: [{ text: "SHA-256" }], caseSensitive: true });
  expect(gradeResponse(cs, { type: "short", text: " SHA-256 " }).score).toBe(1);
  expect(gradeResponse(cs, { type: "short", text: "sha-256" })).toEqual({ score: 0, state: "wrong", feedback: [] });
});

test("short: decomposed and composed accents are the same answer", () => {
  const vi = q({ type: "short", answers: [{ text: "Hà Nội" }] });
  expect(gradeResponse(vi, { type: "short", text: "Ha\u0300 N\u00f4\u0323i" }).score).toBe(1);
  expect(gradeResponse(vi, { type: "short", text: "HÀ NỘI" }).score).toBe(1);
  expect(gradeResponse(vi, { type: "short", text: "Ha Noi" }).score).toBe(0);
});

test("short: case folding does not depend on the locale and folds ß", () => {
  expect(normaliseShortAnswer("STRASSE", false)).toBe(normaliseShortAnswer("Straße", false));
  expect(normaliseShortAnswer("ISTANBUL", false)).toBe("istanbul");
  expect(normaliseShortAnswer("ΟΔΟΣ", false)).toBe(normaliseShortAnswer("οδος", false));
});

test("short: blank text is unanswered", () => {
  expect(gradeResponse(short, { type: "short", text: "" }).state).toBe("unanswered");
  expect(gradeResponse(short, { type: "short", text: "  \n\t " }).state).toBe("unanswered");
});

test("short: a question without a catch-all gives a wrong answer no feedback", () => {
  const plain = q({ type: "short", answers: [{ text: "hash", feedback: rt("ok") }] });
  expect(gradeResponse(plain, { type: "short", text: "checksum" })).toEqual({ score: 0, state: "wrong", feedback: [] });
});

test("wildcards: * matches any run of characters, including none", () => {
  const m = (given: string, pattern: string) => matchesShortAnswer(normaliseShortAnswer(given, false), pattern, false);
  expect(m("budapest", "budapest*")).toBe(true);
  expect(m("budapest convention", "budapest*")).toBe(true);
  expect(m("the budapest convention", "*budapest*")).toBe(true);
  expect(m("the budapest convention", "budapest*")).toBe(false);
  expect(m("chain of custody", "chain*custody")).toBe(true);
  expect(m("chain custody", "chain * custody")).toBe(false);
  expect(m("abc", "a*b*c")).toBe(true);
  expect(m("ac", "a*b*c")).toBe(false);
  expect(m("aba", "ab*ba")).toBe(false); // segments may not overlap
  expect(m("abba", "ab*ba")).toBe(true);
  expect(m("", "*")).toBe(true);
  expect(m("x", "**")).toBe(true);
});

test("wildcards: \\* is a literal asterisk and regex characters are literal", () => {
  const m = (given: string, pattern: string) => matchesShortAnswer(normaliseShortAnswer(given, false), pattern, false);
  expect(m("a*b", "a\\*b")).toBe(true);
  expect(m("axb", "a\\*b")).toBe(false);
  expect(m("a.b", "a.b")).toBe(true);
  expect(m("axb", "a.b")).toBe(false);
  expect(m("(x)+[y]?", "(x)+[y]?")).toBe(true);
  expect(m("$1^", "$*^")).toBe(true);
});

test("wildcards: pathological patterns finish quickly", () => {
  const pattern = `${"a*".repeat(40)}b`;
  const started = performance.now();
  expect(matchesShortAnswer("a".repeat(1000), pattern, false)).toBe(false);
  expect(performance.now() - started).toBeLessThan(200);
});

// ---------------------------------------------------------------------------------------
// Numerical

test("numerical: parsing accepts a decimal point or comma, signs and spaces", () => {
  expect(parseNumberAnswer("3.14")).toBe(3.14);
  expect(parseNumberAnswer(" 3,14 ")).toBe(3.14);
  expect(parseNumberAnswer("+2")).toBe(2);
  expect(parseNumberAnswer("-0,5")).toBe(-0.5);
  expect(parseNumberAnswer("\u22122")).toBe(-2);
  expect(parseNumberAnswer(".5")).toBe(0.5);
  expect(parseNumberAnswer(",5")).toBe(0.5);
  expect(parseNumberAnswer("5.")).toBe(5);
  expect(parseNumberAnswer("1e3")).toBe(1000);
  expect(parseNumberAnswer("1,000")).toBe(1);
});

test("numerical: parsing rejects thousands separators, units and other text", () => {
  for (const bad of [
    "1 000",
    "1.000,5",
    "1,000.5",
    "12abc",
    "abc",
    "--1",
    "+-1",
    "1..2",
    ".",
    ",",
    "+",
    "0x10",
    "Infinity",
    "NaN",
    "1e999",
    "½",
  ]) {
    expect(parseNumberAnswer(bad), bad).toBeNull();
  }
});

test("numerical: best credit among answers that contain the number", () => {
  expect(gradeResponse(numerical, { type: "numerical", text: "3.14" })).toEqual({
    score: 1,
    state: "correct",
    feedback: [rt("pi")],
  });
  expect(gradeResponse(numerical, { type: "numerical", text: "3,15" }).score).toBe(1); // within the tolerance
  expect(gradeResponse(numerical, { type: "numerical", text: "3.16" })).toEqual({
    score: 0.5,
    state: "partial",
    feedback: [rt("about pi")],
  });
  expect(gradeResponse(numerical, { type: "numerical", text: "3" }).score).toBe(0.5); // range is inclusive
  expect(gradeResponse(numerical, { type: "numerical", text: "3.2" }).score).toBe(0.5);
  expect(gradeResponse(numerical, { type: "numerical", text: "3.21" })).toEqual({
    score: 0,
    state: "wrong",
    feedback: [],
  });
});

test("numerical: tolerance edges survive binary floating point", () => {
  // 0.4 - 0.3 is 0.10000000000000003 in binary; it is still within 0.1.
  expect(gradeResponse(numerical, { type: "numerical", text: "0.4" }).score).toBe(0.25);
  expect(gradeResponse(numerical, { type: "numerical", text: "0.2" }).score).toBe(0.25);
  expect(gradeResponse(numerical, { type: "numerical", text: "0.41" }).score).toBe(0);
  const exact = q({ type: "numerical", answers: [{ kind: "exact", value: 0.3 }] });
  expect(gradeResponse(exact, { type: "numerical", text: "0,3" }).score).toBe(1);
  expect(gradeResponse(exact, { type: "numerical", text: "0.30000001" }).score).toBe(0);
});

test("numerical: text that is not a number is wrong, blank is unanswered", () => {
  expect(gradeResponse(numerical, { type: "numerical", text: "pi" })).toEqual({
    score: 0,
    state: "wrong",
    feedback: [],
  });
  expect(gradeResponse(numerical, { type: "numerical", text: "   " }).state).toBe("unanswered");
  expect(gradeResponse(numerical, { type: "numerical", text: "" }).state).toBe("unanswered");
});

test("numerical: the feedback for any other answer is given for every wrong number, never for a right one", () => {
  // Moodle's `{#3:2~#Completely wrong}`.
  const question = q({
    type: "numerical",
    answers: [
      { kind: "exact", value: 3, tolerance: 2, feedback: rt("Yes") },
      { kind: "exact", value: 10, credit: 0, feedback: rt("Ten is a classic mistake") },
    ],
    otherFeedback: rt("Completely wrong"),
  });
  expect(gradeResponse(question, { type: "numerical", text: "4" })).toEqual({
    score: 1,
    state: "correct",
    feedback: [rt("Yes")],
  });
  for (const text of ["6", "-1", "1e9", "three"])
    expect(gradeResponse(question, { type: "numerical", text })).toEqual({
      score: 0,
      state: "wrong",
      feedback: [rt("Completely wrong")],
    });
  // An answer that matches, even for no credit, gives its own feedback.
  expect(gradeResponse(question, { type: "numerical", text: "10" }).feedback).toEqual([rt("Ten is a classic mistake")]);
  expect(gradeResponse(question, { type: "numerical", text: " " }).feedback).toEqual([]);
});

test("numerical: negative values and zero-credit answers with feedback", () => {
  const temp = q({
    type: "numerical",
    answers: [
      { kind: "exact", value: -40, tolerance: 0 },
      { kind: "range", min: 40, max: 40, credit: 0, feedback: rt("Mind the sign") },
    ],
  });
  expect(gradeResponse(temp, { type: "numerical", text: "-40" }).score).toBe(1);
  expect(gradeResponse(temp, { type: "numerical", text: "40" })).toEqual({
    score: 0,
    state: "wrong",
    feedback: [rt("Mind the sign")],
  });
});

// ---------------------------------------------------------------------------------------
// Matching

test("matching: the fraction of pairs matched", () => {
  expect(gradeResponse(matching, { type: "matching", matches: [0, 1, 2, 3] })).toEqual({
    score: 1,
    state: "correct",
    feedback: [],
  });
  expect(gradeResponse(matching, { type: "matching", matches: [0, 3, 2, 1] })).toMatchObject({
    score: 0.5,
    state: "partial",
  });
  expect(gradeResponse(matching, { type: "matching", matches: [1, 0, 1, 0] })).toMatchObject({
    score: 0,
    state: "wrong",
  });
});

test("matching: pairs sharing a right text accept either pair's index", () => {
  // Pairs 0 and 2 both go to "Fraud": the form shows "Fraud" once, under one index.
  expect(gradeResponse(matching, { type: "matching", matches: [0, 1, 0, 3] }).score).toBe(1);
  expect(gradeResponse(matching, { type: "matching", matches: [2, 1, 2, 3] }).score).toBe(1);
});

test("matching: unmatched and missing entries count as wrong; all null is unanswered", () => {
  expect(gradeResponse(matching, { type: "matching", matches: [0, null, null, null] })).toMatchObject({
    score: 0.25,
    state: "partial",
  });
  expect(gradeResponse(matching, { type: "matching", matches: [0, 1] }).score).toBe(0.5);
  expect(gradeResponse(matching, { type: "matching", matches: [null, null, null, null] }).state).toBe("unanswered");
  expect(gradeResponse(matching, { type: "matching", matches: [] }).state).toBe("unanswered");
});

test("matching: indices out of range or too many entries are impossible input", () => {
  expect(gradeResponse(matching, { type: "matching", matches: [0, 1, 2, 4] }).state).toBe("unanswered");
  expect(gradeResponse(matching, { type: "matching", matches: [0, 1, 2, 3, 0] }).state).toBe("unanswered");
});

test("matching: a distractor is offered after the pairs and matches nothing", () => {
  // Moodle's `= -> Chat`: an extra right item with no left item.
  const withDistractors = q({
    type: "matching",
    pairs: [
      { left: rt("Forum"), right: "discussions" },
      { left: rt("Wiki"), right: "pages" },
    ],
    distractors: ["chat", "pages"],
  });
  expect(gradeResponse(withDistractors, { type: "matching", matches: [0, 1] }).score).toBe(1);
  // 2 is "chat": wrong for both.
  expect(gradeResponse(withDistractors, { type: "matching", matches: [2, 2] })).toMatchObject({
    score: 0,
    state: "wrong",
  });
  expect(gradeResponse(withDistractors, { type: "matching", matches: [0, 2] }).score).toBe(0.5);
  // A distractor sharing a pair's text is that same option.
  expect(gradeResponse(withDistractors, { type: "matching", matches: [0, 3] }).score).toBe(1);
  // Past the distractors: impossible input.
  expect(isValidResponse(withDistractors, { type: "matching", matches: [0, 4] })).toBe(false);
  expect(isValidResponse(withDistractors, { type: "matching", matches: [0, 3] })).toBe(true);
  // Without distractors, index 2 stays out of range.
  expect(isValidResponse(q({ ...withDistractors, distractors: [] }), { type: "matching", matches: [2, 0] })).toBe(
    false,
  );
});

// ---------------------------------------------------------------------------------------
// Ordering

test("ordering: the fraction of items in their place", () => {
  expect(gradeResponse(ordering, { type: "ordering", order: [0, 1, 2, 3] })).toEqual({
    score: 1,
    state: "correct",
    feedback: [],
  });
  expect(gradeResponse(ordering, { type: "ordering", order: [1, 0, 2, 3] })).toMatchObject({
    score: 0.5,
    state: "partial",
  });
  expect(gradeResponse(ordering, { type: "ordering", order: [0, 2, 1, 3] }).score).toBe(0.5);
  // One item moved from the start to the end leaves no item in its place.
  expect(gradeResponse(ordering, { type: "ordering", order: [1, 2, 3, 0] })).toMatchObject({
    score: 0,
    state: "wrong",
  });
});

test("ordering: items with the same text are interchangeable", () => {
  const repeated = q({ type: "ordering", items: [rt("Step"), rt("Check"), rt("Step")] });
  expect(gradeResponse(repeated, { type: "ordering", order: [2, 1, 0] }).score).toBe(1);
  expect(countItemsInPlace(repeated.type === "ordering" ? repeated.items : [], [1, 0, 2])).toBe(1);
});

test("ordering: empty is unanswered; partial, repeated or out-of-range orders are impossible", () => {
  expect(gradeResponse(ordering, { type: "ordering", order: [] }).state).toBe("unanswered");
  expect(gradeResponse(ordering, { type: "ordering", order: [0, 1, 2] }).state).toBe("unanswered");
  expect(gradeResponse(ordering, { type: "ordering", order: [0, 1, 2, 2] }).state).toBe("unanswered");
  expect(gradeResponse(ordering, { type: "ordering", order: [0, 1, 2, 4] }).state).toBe("unanswered");
  expect(gradeResponse(ordering, { type: "ordering", order: [0, 1, 2, 3, 0] }).state).toBe("unanswered");
});

test("countItemsInPlace counts absolute positions", () => {
  const items = [rt("a"), rt("b"), rt("c")];
  expect(countItemsInPlace(items, [0, 1, 2])).toBe(3);
  expect(countItemsInPlace(items, [2, 1, 0])).toBe(1);
  expect(countItemsInPlace(items, [1, 2, 0])).toBe(0);
  expect(countItemsInPlace(items, [0])).toBe(1);
});

// ---------------------------------------------------------------------------------------
// Essay and description

test("essay: needs grading when answered, unanswered when blank", () => {
  expect(gradeResponse(essay, { type: "essay", text: "The chain of custody…" })).toEqual({
    score: 0,
    state: "needs-grading",
    feedback: [],
  });
  expect(gradeResponse(essay, { type: "essay", text: " \n " })).toEqual({
    score: 0,
    state: "unanswered",
    feedback: [],
  });
  expect(gradeResponse(essay, null).state).toBe("unanswered");
});

test("description: grading one throws NotGradableError", () => {
  expect(() => gradeResponse(description, null)).toThrow(NotGradableError);
});

// ---------------------------------------------------------------------------------------
// Untrusted input

test("malformed responses never throw and are unanswered", () => {
  const junk: unknown[] = [
    undefined,
    {},
    { type: "single" },
    { type: "single", choice: -1 },
    { type: "single", choice: 1.5 },
    { type: "single", choice: "0" },
    { type: "multiple", choices: null },
    { type: "multiple", choices: ["0"] },
    { type: "short", text: 42 },
    { type: "short", text: "x".repeat(1001) },
    { type: "numerical", text: null },
    { type: "matching", matches: [-1] },
    { type: "ordering", order: [0.5] },
    { type: "essay" },
    { type: "nonsense" },
    "single",
    42,
  ];
  const questions = [single, multiple, truefalse, short, numerical, matching, ordering, essay];
  for (const question of questions) {
    for (const response of junk) {
      expect(gradeResponse(question, response as QuestionResponse)).toEqual({
        score: 0,
        state: "unanswered",
        feedback: [],
      });
    }
  }
});

test("a response of another type is unanswered for every question type", () => {
  const responses: QuestionResponse[] = [
    { type: "single", choice: 0 },
    { type: "multiple", choices: [0] },
    { type: "truefalse", answer: true },
    { type: "short", text: "Budapest Convention" },
    { type: "numerical", text: "3.14" },
    { type: "matching", matches: [0, 1, 2, 3] },
    { type: "ordering", order: [0, 1, 2, 3] },
    { type: "essay", text: "text" },
  ];
  const questions = [single, multiple, truefalse, short, numerical, matching, ordering, essay];
  for (const question of questions) {
    for (const response of responses) {
      if (response.type === question.type) {
        expect(gradeResponse(question, response).state).not.toBe("unanswered");
      } else {
        expect(gradeResponse(question, response).state).toBe("unanswered");
      }
    }
  }
});

test("isValidResponse accepts blanks and rejects impossible input", () => {
  expect(isValidResponse(single, { type: "single", choice: null })).toBe(true);
  expect(isValidResponse(single, { type: "single", choice: 3 })).toBe(true);
  expect(isValidResponse(single, { type: "single", choice: 4 })).toBe(false);
  expect(isValidResponse(single, null)).toBe(false);
  expect(isValidResponse(single, { type: "truefalse", answer: true })).toBe(false);
  expect(isValidResponse(multiple, { type: "multiple", choices: [] })).toBe(true);
  expect(isValidResponse(multiple, { type: "multiple", choices: [3, 0] })).toBe(true);
  expect(isValidResponse(multiple, { type: "multiple", choices: [0, 0] })).toBe(false);
  expect(isValidResponse(matching, { type: "matching", matches: [null, 3] })).toBe(true);
  expect(isValidResponse(matching, { type: "matching", matches: [4] })).toBe(false);
  expect(isValidResponse(ordering, { type: "ordering", order: [] })).toBe(true);
  expect(isValidResponse(ordering, { type: "ordering", order: [3, 2, 1, 0] })).toBe(true);
  expect(isValidResponse(ordering, { type: "ordering", order: [3, 2, 1] })).toBe(false);
  expect(isValidResponse(truefalse, { type: "truefalse", answer: null })).toBe(true);
  expect(isValidResponse(short, { type: "short", text: "" })).toBe(true);
  expect(isValidResponse(numerical, { type: "numerical", text: "abc" })).toBe(true);
  expect(isValidResponse(essay, { type: "essay", text: "" })).toBe(true);
  expect(isValidResponse(description, { type: "essay", text: "x" })).toBe(false);
});

test("results are fresh objects: mutating one does not affect the next", () => {
  const first = gradeResponse(single, null);
  first.feedback.push(rt("mutated"));
  expect(gradeResponse(single, null).feedback).toEqual([]);
});

// ---------------------------------------------------------------------------------------
// Whole attempts

test("gradeAttempt: points are score × mark, percent of the maximum", () => {
  const grade = gradeAttempt([
    { question: single, mark: 2, response: { type: "single", choice: 0 } }, // 2
    { question: single, mark: 2, response: { type: "single", choice: 1 } }, // 1
    { question: truefalse, mark: 1, response: { type: "truefalse", answer: false } }, // 0
    { question: matching, mark: 4, response: { type: "matching", matches: [0, 3, 2, 1] } }, // 2
    { question: short, mark: 1, response: null }, // 0
  ]);
  expect(grade).toEqual({ points: 5, maxPoints: 10, percent: 50, pendingManual: 0 });
});

test("gradeAttempt: ungraded essays are pending and count 0; graded ones use the manual score", () => {
  const answered = { type: "essay", text: "An answer" } as const;
  expect(
    gradeAttempt([
      { question: single, mark: 1, response: { type: "single", choice: 0 } },
      { question: essay, mark: 4, response: answered },
      { question: essay, mark: 5, response: answered, manualScore: null },
    ]),
  ).toEqual({ points: 1, maxPoints: 10, percent: 10, pendingManual: 2 });
  expect(
    gradeAttempt([
      { question: single, mark: 1, response: { type: "single", choice: 0 } },
      { question: essay, mark: 4, response: answered, manualScore: 3 },
      { question: essay, mark: 5, response: answered, manualScore: 2.5 },
    ]),
  ).toEqual({ points: 6.5, maxPoints: 10, percent: 65, pendingManual: 0 });
});

test("gradeAttempt: manual scores are clamped to 0..mark; blank essays are not pending", () => {
  const answered = { type: "essay", text: "An answer" } as const;
  expect(
    gradeAttempt([
      { question: essay, mark: 4, response: answered, manualScore: 9 },
      { question: essay, mark: 4, response: answered, manualScore: -1 },
      { question: essay, mark: 2, response: { type: "essay", text: "" } },
      { question: essay, mark: 2, response: null, manualScore: 1 },
    ]),
  ).toEqual({ points: 5, maxPoints: 12, percent: 41.67, pendingManual: 0 });
});

test("gradeAttempt: manualScore is ignored for automatically graded types", () => {
  expect(
    gradeAttempt([{ question: single, mark: 2, response: { type: "single", choice: 2 }, manualScore: 2 }]),
  ).toEqual({
    points: 0,
    maxPoints: 2,
    percent: 0,
    pendingManual: 0,
  });
});

test("gradeAttempt: descriptions are skipped, empty attempts score 0 %", () => {
  expect(gradeAttempt([{ question: description, mark: 5, response: null }])).toEqual({
    points: 0,
    maxPoints: 0,
    percent: 0,
    pendingManual: 0,
  });
  expect(gradeAttempt([])).toEqual({ points: 0, maxPoints: 0, percent: 0, pendingManual: 0 });
  expect(
    gradeAttempt([
      { question: description, mark: 5, response: null },
      { question: truefalse, mark: 1, response: { type: "truefalse", answer: true } },
    ]),
  ).toEqual({ points: 1, maxPoints: 1, percent: 100, pendingManual: 0 });
});

test("gradeAttempt: percent is rounded to 2 decimals and points carry no binary noise", () => {
  const tf = (answer: boolean) => ({ question: truefalse, mark: 1, response: { type: "truefalse", answer } as const });
  expect(gradeAttempt([tf(true), tf(false), tf(false)]).percent).toBe(33.33);
  expect(gradeAttempt([tf(true), tf(true), tf(false)]).percent).toBe(66.67);
  const tenths = Array.from({ length: 3 }, () => ({
    question: truefalse,
    mark: 0.1,
    response: { type: "truefalse", answer: true } as const,
  }));
  expect(gradeAttempt(tenths)).toMatchObject({ points: 0.3, maxPoints: 0.3, percent: 100 });
  // 1.005 % is 1.00499999… in binary; it still rounds up as a person would.
  expect(
    gradeAttempt([
      { question: truefalse, mark: 1.005, response: { type: "truefalse", answer: true } },
      { question: truefalse, mark: 98.995, response: null },
    ]).percent,
  ).toBe(1.01);
});

test("gradeAttempt: a negative or non-finite mark is a programming error", () => {
  expect(() => gradeAttempt([{ question: single, mark: -1, response: null }])).toThrow(RangeError);
  expect(() => gradeAttempt([{ question: single, mark: Number.NaN, response: null }])).toThrow(RangeError);
});

test("gradeAttempt: malformed stored responses do not break the total", () => {
  expect(
    gradeAttempt([
      { question: single, mark: 1, response: { type: "single", choice: 99 } },
      { question: ordering, mark: 1, response: { type: "essay", text: "x" } },
      { question: numerical, mark: 2, response: { type: "numerical", text: "3,14" } },
    ]),
  ).toEqual({ points: 2, maxPoints: 4, percent: 50, pendingManual: 0 });
});
