import { expect, test } from "vitest";
import { ITEM_FLAGS, itemStatistics, MIN_ATTEMPTS_TO_JUDGE, type StatsAttempt } from "./item-stats";

// ---------------------------------------------------------------------------------------
// Fixtures

/** An attempt from a row of scores for questions q1, q2, …; total = mean score as a percent. */
function attempt(attemptId: string, scores: number[], totalPercent?: number): StatsAttempt {
  return {
    attemptId,
    totalPercent: totalPercent ?? (scores.reduce((a, b) => a + b, 0) / scores.length) * 100,
    items: scores.map((score, i) => ({ questionId: `q${i + 1}`, score })),
  };
}

/** Pearson's r by the one-pass textbook formula, independent of the module's two-pass one. */
function textbookR(xs: number[], ys: number[]): number {
  const n = xs.length;
  const sx = xs.reduce((a, b) => a + b, 0);
  const sy = ys.reduce((a, b) => a + b, 0);
  const sxy = xs.reduce((a, x, i) => a + x * ys[i]!, 0);
  const sxx = xs.reduce((a, x) => a + x * x, 0);
  const syy = ys.reduce((a, y) => a + y * y, 0);
  return (n * sxy - sx * sy) / Math.sqrt((n * sxx - sx * sx) * (n * syy - sy * sy));
}

const statOf = (attempts: StatsAttempt[], questionId: string, questions = {}) =>
  itemStatistics(attempts, questions).find((s) => s.questionId === questionId)!;

// Five attempts at three equally weighted questions:
//        q1 q2 q3  total
//   A     1  1  1   100
//   B     1  1  0    66.67
//   C     1  0  0    33.33
//   D     0  1  0    33.33
//   E     0  0  0     0
const small = [
  attempt("A", [1, 1, 1]),
  attempt("B", [1, 1, 0]),
  attempt("C", [1, 0, 0]),
  attempt("D", [0, 1, 0]),
  attempt("E", [0, 0, 0]),
];

// ---------------------------------------------------------------------------------------
// Facility and the corrected item–total correlation

test("facility is the mean score", () => {
  const stats = itemStatistics(small);
  expect(stats.map((s) => [s.questionId, s.n, s.facility])).toEqual([
    ["q1", 5, 0.6],
    ["q2", 5, 0.6],
    ["q3", 5, 0.2],
  ]);
});

test("discrimination correlates the item with the rest of the attempt (worked by hand)", () => {
  // q1: x = 1 1 1 0 0, rest = q2 + q3 = 2 1 0 1 0; means 0.6 and 0.8.
  // Sxy = .4·1.2 + .4·.2 + .4·(-.8) + (-.6)·.2 + (-.6)·(-.8) = 0.6
  // Sxx = 3·.16 + 2·.36 = 1.2;  Syy = 1.44 + .04 + .64 + .04 + .64 = 2.8
  expect(statOf(small, "q1").discrimination).toBeCloseTo(0.6 / Math.sqrt(1.2 * 2.8), 12);
  // q3: x = 1 0 0 0 0, rest = 2 2 1 1 0; Sxy = 0.8, Sxx = 0.8, Syy = 2.8.
  expect(statOf(small, "q3").discrimination).toBeCloseTo(0.8 / Math.sqrt(0.8 * 2.8), 12);
});

test("discrimination leaves the item out of the total", () => {
  // Against the full total q1 would correlate more (0.721); against the rest it is 0.327.
  const q1 = statOf(small, "q1").discrimination!;
  const withItself = textbookR([1, 1, 1, 0, 0], [3, 2, 1, 1, 0]);
  expect(q1).toBeLessThan(withItself);
  expect(q1).toBeCloseTo(textbookR([1, 1, 1, 0, 0], [2, 1, 0, 1, 0]), 12);
});

test("discrimination with partial scores matches the textbook formula", () => {
  // 30 attempts at 6 questions, scores in steps of 0.25 from a fixed formula.
  const rows = Array.from({ length: 30 }, (_, a) =>
    Array.from({ length: 6 }, (_, q) => ((a * (q + 3) + q * q + Math.floor(a / 3)) % 5) / 4),
  );
  const attempts = rows.map((scores, a) => attempt(`a${a}`, scores));
  const stats = itemStatistics(attempts);
  expect(stats).toHaveLength(6);
  for (const [q, stat] of stats.entries()) {
    const xs = rows.map((r) => r[q]!);
    const rests = rows.map((r) => r.reduce((s, v, j) => (j === q ? s : s + v), 0));
    expect(stat.n).toBe(30);
    expect(stat.facility).toBeCloseTo(xs.reduce((a, b) => a + b, 0) / 30, 12);
    expect(stat.discrimination).toBeCloseTo(textbookR(xs, rests), 10);
  }
});

test("attempts with different drawn questions use each attempt's own rest", () => {
  const attempts: StatsAttempt[] = [
    {
      attemptId: "1",
      totalPercent: 100,
      items: [
        { questionId: "x", score: 1 },
        { questionId: "a", score: 1 },
      ],
    },
    {
      attemptId: "2",
      totalPercent: 75,
      items: [
        { questionId: "x", score: 1 },
        { questionId: "b", score: 0.5 },
      ],
    },
    {
      attemptId: "3",
      totalPercent: 50,
      items: [
        { questionId: "x", score: 0 },
        { questionId: "a", score: 1 },
      ],
    },
    {
      attemptId: "4",
      totalPercent: 25,
      items: [
        { questionId: "x", score: 0 },
        { questionId: "c", score: 0.5 },
        { questionId: "d", score: 0 },
      ],
    },
    {
      attemptId: "5",
      totalPercent: 0,
      items: [
        { questionId: "x", score: 0 },
        { questionId: "b", score: 0 },
      ],
    },
  ];
  const x = statOf(attempts, "x");
  expect(x.n).toBe(5);
  expect(x.discrimination).toBeCloseTo(textbookR([1, 1, 0, 0, 0], [1, 0.5, 1, 0.5, 0]), 12);
  expect(statOf(attempts, "a").n).toBe(2);
});

test("negative discrimination: the weaker learners got it right", () => {
  const attempts = [
    attempt("1", [1, 1, 0]),
    attempt("2", [1, 1, 0]),
    attempt("3", [1, 0, 0]),
    attempt("4", [0, 1, 1]),
    attempt("5", [0, 0, 1]),
    attempt("6", [0, 0, 1]),
  ];
  const q3 = statOf(attempts, "q3");
  expect(q3.discrimination).toBeCloseTo(textbookR([0, 0, 0, 1, 1, 1], [2, 2, 1, 1, 0, 0]), 12);
  expect(q3.discrimination).toBeLessThan(0);
  // Six attempts are too few to raise the alarm; the same pattern twelve times is not.
  expect(q3.flags).toEqual([]);
  const twelve = [...attempts, ...attempts.map((a) => ({ ...a, attemptId: `${a.attemptId}b` }))];
  expect(statOf(twelve, "q3").discrimination).toBeCloseTo(q3.discrimination!, 12);
  expect(statOf(twelve, "q3").flags).toEqual(["poor-discrimination", "negative-discrimination"]);
});

test("discrimination is null below five attempts", () => {
  const four = small.slice(0, 4);
  expect(statOf(four, "q1")).toMatchObject({ n: 4, discrimination: null, discriminationIndex: null });
});

test("discrimination is null when the item or the rest does not vary", () => {
  const allRight = [1, 2, 3, 4, 5].map((i) => attempt(`${i}`, [1, i % 2, i % 3 === 0 ? 1 : 0]));
  expect(statOf(allRight, "q1").discrimination).toBeNull();
  // q1 varies, but the rest (q2) is the same for everyone.
  const flatRest = [1, 2, 3, 4, 5].map((i) => attempt(`${i}`, [i % 2, 0.5]));
  expect(statOf(flatRest, "q1").discrimination).toBeNull();
});

test("rest scores equal up to binary noise count as constant", () => {
  // 0.1 + 0.2 and 0.3 differ in binary; a naive variance would not be 0 and r would be noise.
  const attempts = [0, 1, 0, 1, 0, 1].map((x, i) => ({
    attemptId: `${i}`,
    totalPercent: 50,
    items: [
      { questionId: "x", score: x },
      ...(i % 2
        ? [
            { questionId: "a", score: 0.1 },
            { questionId: "b", score: 0.2 },
          ]
        : [{ questionId: "c", score: 0.3 }]),
    ],
  }));
  expect(statOf(attempts, "x").discrimination).toBeNull();
});

// ---------------------------------------------------------------------------------------
// Upper–lower 27 % index

test("discriminationIndex compares the top and bottom 27 % by total", () => {
  // n = 5: groups of round(1.35) = 1; top A scored 1 on q1, bottom E scored 0.
  expect(statOf(small, "q1").discriminationIndex).toBe(1);
  expect(statOf(small, "q3").discriminationIndex).toBe(1);
});

test("discriminationIndex on distinct totals matches a plain sort and slice", () => {
  const scores = [1, 0, 1, 1, 0, 0, 1, 0, 1, 1, 0, 1, 1, 0, 1, 1, 1, 0, 1, 1];
  const attempts = scores.map((x, i) => ({
    attemptId: `${i}`,
    totalPercent: ((i * 37) % 20) * 5 + 1,
    items: [
      { questionId: "x", score: x },
      { questionId: "y", score: (i % 3) / 2 },
    ],
  }));
  const k = Math.round(0.27 * 20); // 5
  const sorted = [...attempts].sort((a, b) => a.totalPercent - b.totalPercent);
  const f = (group: typeof attempts) => group.reduce((s, a) => s + a.items[0]!.score, 0) / group.length;
  expect(statOf(attempts, "x").discriminationIndex).toBeCloseTo(f(sorted.slice(-k)) - f(sorted.slice(0, k)), 12);
});

test("discriminationIndex shares boundary places among tied totals", () => {
  // n = 10: groups of round(2.7) = 3.
  // Bottom: total 10 (score 0), then three tied at 20 (scores 1, 0, 0) share 2 places:
  //   (0 + 2/3 · 1) / 3 = 2/9.   Top: 100, 90, 80 with scores 1, 1, 0: 2/3.   D = 4/9.
  const rows: [number, number][] = [
    [10, 0],
    [20, 1],
    [20, 0],
    [20, 0],
    [50, 1],
    [60, 0],
    [70, 1],
    [80, 0],
    [90, 1],
    [100, 1],
  ];
  const make = (order: [number, number][]) =>
    order.map(([total, x], i) => ({ attemptId: `${i}`, totalPercent: total, items: [{ questionId: "x", score: x }] }));
  expect(statOf(make(rows), "x").discriminationIndex).toBeCloseTo(4 / 9, 12);
  // The tie is shared, so the answer does not depend on which tied attempt comes first.
  expect(statOf(make([...rows].reverse()), "x").discriminationIndex).toBeCloseTo(4 / 9, 12);
  const swapped = rows.map((r, i): [number, number] => (i === 1 ? [20, 0] : i === 3 ? [20, 1] : r));
  expect(statOf(make(swapped), "x").discriminationIndex).toBeCloseTo(4 / 9, 12);
});

test("discriminationIndex is null when every total is the same, 0 when the item does not vary", () => {
  const sameTotals = [0, 1, 0, 1, 1].map((x, i) => ({
    attemptId: `${i}`,
    totalPercent: 60,
    items: [{ questionId: "x", score: x }],
  }));
  expect(statOf(sameTotals, "x").discriminationIndex).toBeNull();
  const sameItem = [10, 20, 30, 40, 50].map((t, i) => ({
    attemptId: `${i}`,
    totalPercent: t,
    items: [{ questionId: "x", score: 0.5 }],
  }));
  expect(statOf(sameItem, "x")).toMatchObject({ facility: 0.5, discrimination: null, discriminationIndex: 0 });
});

// ---------------------------------------------------------------------------------------
// Options and flags

const choiceInfo = { single: { optionCount: 4, correctOptions: [0] } };
const choiceAttempts = (chosen: number[][]) =>
  chosen.map((options, i) => ({
    attemptId: `${i}`,
    totalPercent: i * 10,
    items: [{ questionId: "single", score: options.includes(0) ? 1 : 0, optionsChosen: options }],
  }));

test("optionCounts lists every option of a known question, zeros included", () => {
  const stat = statOf(choiceAttempts([[0], [1], [0], []]), "single", choiceInfo);
  expect(stat.optionCounts).toEqual({ 0: 2, 1: 1, 2: 0, 3: 0 });
});

test("optionCounts without question info counts only what was chosen", () => {
  expect(statOf(choiceAttempts([[0], [2], [2]]), "single").optionCounts).toEqual({ 0: 1, 2: 2 });
});

test("optionCounts ignores repeated, negative, fractional and out-of-range indices", () => {
  const stat = statOf(choiceAttempts([[0, 0], [-1], [1.5], [4], [3]]), "single", choiceInfo);
  expect(stat.optionCounts).toEqual({ 0: 1, 1: 0, 2: 0, 3: 1 });
});

test("a distractor nobody chose is flagged once there are ten attempts", () => {
  const ten = choiceAttempts([[0], [1], [0], [2], [0], [1], [0], [0], [1], [0]]);
  expect(statOf(ten, "single", choiceInfo).flags).toContain("distractor-never-chosen");
  expect(statOf(ten.slice(0, 9), "single", choiceInfo).flags).not.toContain("distractor-never-chosen");
  const allUsed = choiceAttempts([[0], [1], [0], [2], [0], [3], [0], [0], [1], [0]]);
  expect(statOf(allUsed, "single", choiceInfo).flags).not.toContain("distractor-never-chosen");
});

test("a correct option nobody chose is not a distractor", () => {
  const info = { multi: { optionCount: 3, correctOptions: [0, 1] } };
  const attempts = Array.from({ length: 10 }, (_, i) => ({
    attemptId: `${i}`,
    totalPercent: i * 10,
    items: [{ questionId: "multi", score: 0.5, optionsChosen: i % 2 ? [0] : [0, 2] }],
  }));
  expect(statOf(attempts, "multi", info)).toMatchObject({ optionCounts: { 0: 10, 1: 0, 2: 5 }, flags: [] });
});

test("true/false options are 0 = true and 1 = false", () => {
  const info = { tf: { optionCount: 2, correctOptions: [0] } };
  const attempts = Array.from({ length: 10 }, (_, i) => ({
    attemptId: `${i}`,
    totalPercent: 50 + i,
    items: [{ questionId: "tf", score: 1, optionsChosen: [0] }],
  }));
  expect(statOf(attempts, "tf", info)).toMatchObject({
    facility: 1,
    optionCounts: { 0: 10, 1: 0 },
    flags: ["too-easy", "distractor-never-chosen"],
  });
});

test("too easy and too hard use strict thresholds", () => {
  const rows = (x: number[]) =>
    x.map((score, i) => ({ attemptId: `${i}`, totalPercent: i, items: [{ questionId: "x", score }] }));
  expect(statOf(rows([1, 1, 1, 1, 1, 1, 1, 1, 1, 0]), "x").flags).not.toContain("too-easy"); // 0.9
  expect(statOf(rows([1, 1, 1, 1, 1, 1, 1, 1, 1, 0.5]), "x").flags).toContain("too-easy"); // 0.95
  expect(statOf(rows([1, 1, 0, 0, 0, 0, 0, 0, 0, 0]), "x").flags).not.toContain("too-hard"); // 0.2
  expect(statOf(rows([1, 0.5, 0, 0, 0, 0, 0, 0, 0, 0]), "x").flags).toContain("too-hard"); // 0.15
});

test("poor discrimination below 0.2, and no discrimination flag when it is unknown", () => {
  expect(statOf(small, "q1").flags).toEqual([]); // 0.327
  const weak = [
    attempt("1", [1, 1, 1, 1]),
    attempt("2", [0, 1, 1, 0]),
    attempt("3", [1, 1, 0, 0]),
    attempt("4", [0, 0, 0, 1]),
    attempt("5", [1, 0, 0, 0]),
    attempt("6", [0, 0, 0, 0]),
  ];
  // x = 1 0 1 0 1 0, rest = 3 2 1 1 0 0: Sxy = 0.5, Sxx = 1.5, Syy = 15 − 6·(7/6)² = 41/6.
  const r = textbookR([1, 0, 1, 0, 1, 0], [3, 2, 1, 1, 0, 0]);
  expect(r).toBeCloseTo(0.5 / Math.sqrt(1.5 * (41 / 6)), 12);
  expect(r).toBeGreaterThanOrEqual(0);
  expect(r).toBeLessThan(0.2);
  expect(statOf(weak, "q1").discrimination).toBeCloseTo(r, 12);
  expect(statOf(weak, "q1").flags).toEqual([]); // six attempts: too few to judge
  const twelve = [...weak, ...weak.map((a) => ({ ...a, attemptId: `${a.attemptId}b` }))];
  expect(statOf(twelve, "q1").discrimination).toBeCloseTo(r, 12);
  expect(statOf(twelve, "q1").flags).toEqual(["poor-discrimination"]);
  expect(statOf(small.slice(0, 3), "q3").flags).toEqual([]); // facility 1/3, n < 5
});

test("flags are stable keys in a fixed order", () => {
  expect(ITEM_FLAGS).toEqual([
    "too-easy",
    "too-hard",
    "poor-discrimination",
    "negative-discrimination",
    "distractor-never-chosen",
  ]);
});

// ---------------------------------------------------------------------------------------
// Edge cases

test("no attempts, or attempts without items, give no statistics", () => {
  expect(itemStatistics([])).toEqual([]);
  expect(itemStatistics([{ attemptId: "a", totalPercent: 0, items: [] }])).toEqual([]);
});

test("a single attempt gives facility only", () => {
  expect(itemStatistics([attempt("a", [0.5])])).toEqual([
    {
      questionId: "q1",
      n: 1,
      facility: 0.5,
      discrimination: null,
      discriminationIndex: null,
      optionCounts: {},
      judged: false,
      flags: [],
    },
  ]);
});

test("all scores equal: facility exact, no correlation", () => {
  const same = Array.from({ length: 8 }, (_, i) => attempt(`${i}`, [0.5, 0.5, 0.5]));
  for (const stat of itemStatistics(same)) {
    expect(stat).toEqual({
      questionId: stat.questionId,
      n: 8,
      facility: 0.5,
      discrimination: null,
      discriminationIndex: null,
      optionCounts: {},
      judged: false,
      flags: [],
    });
  }
});

test("questions come out in order of first appearance", () => {
  const attempts: StatsAttempt[] = [
    {
      attemptId: "1",
      totalPercent: 0,
      items: [
        { questionId: "z", score: 0 },
        { questionId: "b", score: 0 },
      ],
    },
    {
      attemptId: "2",
      totalPercent: 0,
      items: [
        { questionId: "a", score: 0 },
        { questionId: "z", score: 0 },
      ],
    },
  ];
  expect(itemStatistics(attempts).map((s) => s.questionId)).toEqual(["z", "b", "a"]);
});

test("a question repeated within an attempt counts once, by its first occurrence", () => {
  const attempts: StatsAttempt[] = [
    {
      attemptId: "1",
      totalPercent: 50,
      items: [
        { questionId: "x", score: 1 },
        { questionId: "x", score: 0 },
        { questionId: "y", score: 0 },
      ],
    },
  ];
  const [x, y] = itemStatistics(attempts);
  expect(x).toMatchObject({ questionId: "x", n: 1, facility: 1 });
  expect(y).toMatchObject({ questionId: "y", n: 1, facility: 0 });
});

test("question info for another id or inherited keys is ignored", () => {
  const stat = statOf(choiceAttempts([[0]]), "single", { other: { optionCount: 3, correctOptions: [0] } });
  expect(stat.optionCounts).toEqual({ 0: 1 });
  expect(
    itemStatistics([{ attemptId: "1", totalPercent: 0, items: [{ questionId: "toString", score: 1 }] }], {})[0]!
      .optionCounts,
  ).toEqual({});
});

// ---------------------------------------------------------------------------------------
// Too few attempts to judge

test("below ten attempts nothing is flagged, however extreme the numbers; from ten on it is", () => {
  expect(MIN_ATTEMPTS_TO_JUDGE).toBe(10);
  const rows = (n: number, score: (i: number) => number) =>
    Array.from({ length: n }, (_, i) => ({
      attemptId: `${i}`,
      totalPercent: i * 10,
      items: [{ questionId: "single", score: score(i), optionsChosen: score(i) ? [0] : [1] }],
    }));
  // Everyone right (very easy, three distractors never chosen), and everyone wrong.
  for (const n of [1, 2, 5, 9]) {
    const easy = statOf(
      rows(n, () => 1),
      "single",
      choiceInfo,
    );
    expect(easy).toMatchObject({ n, facility: 1, judged: false, flags: [] });
    expect(
      statOf(
        rows(n, () => 0),
        "single",
        choiceInfo,
      ),
    ).toMatchObject({ facility: 0, judged: false, flags: [] });
  }
  expect(
    statOf(
      rows(10, () => 1),
      "single",
      choiceInfo,
    ),
  ).toMatchObject({
    judged: true,
    flags: ["too-easy", "distractor-never-chosen"],
  });
  expect(
    statOf(
      rows(10, () => 0),
      "single",
      choiceInfo,
    ),
  ).toMatchObject({
    judged: true,
    flags: ["too-hard", "distractor-never-chosen"],
  });
});

test("a strongly negative discrimination at nine attempts is shown but not flagged", () => {
  // The better the attempt overall, the worse on x: r = −1 on the rest score.
  const attempts = Array.from({ length: 9 }, (_, i) => ({
    attemptId: `${i}`,
    totalPercent: i * 10,
    items: [
      { questionId: "x", score: i < 5 ? 1 : 0 },
      { questionId: "y", score: i < 5 ? 0 : 1 },
    ],
  }));
  const x = statOf(attempts, "x");
  expect(x.discrimination).toBeCloseTo(-1, 12);
  expect(x).toMatchObject({ judged: false, flags: [] });
  const ten = [
    ...attempts,
    {
      attemptId: "9",
      totalPercent: 95,
      items: [
        { questionId: "x", score: 0 },
        { questionId: "y", score: 1 },
      ],
    },
  ];
  expect(statOf(ten, "x").flags).toEqual(["poor-discrimination", "negative-discrimination"]);
});
