import { expect, test } from "vitest";
import { QuestionSchema, type Question, type RichText } from "~/content/questions";
import { drawQuestions, presentationOrder, randomIndex, rng, shuffle, type PresentationOrder } from "./draw";

const rt = (text: string): RichText => ({ text, format: "moodle" });
const q = (input: Record<string, unknown>): Question => QuestionSchema.parse({ stem: rt("Stem"), ...input });
const choices = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ text: rt(`choice ${i}`), weight: i === 0 ? 100 : 0 }));
const ids = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(3, "0")}`);
const isPermutation = (order: number[], n: number) =>
  order.length === n && [...order].sort((a, b) => a - b).every((v, i) => v === i);
const seeds = (n: number) => Array.from({ length: n }, (_, i) => `seed-${i}`);

/** Chi-square statistic of observed counts against equal expected counts. */
function chiSquare(counts: number[]): number {
  const total = counts.reduce((a, b) => a + b, 0);
  const expected = total / counts.length;
  return counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
}

// ---------------------------------------------------------------------------------------
// The generator

test("rng: the same seed gives the same sequence; different seeds differ", () => {
  const take = (seed: string) => {
    const next = rng(seed);
    return Array.from({ length: 20 }, () => next());
  };
  expect(take("attempt-1")).toEqual(take("attempt-1"));
  expect(take("attempt-1")).not.toEqual(take("attempt-2"));
  expect(take("")).toEqual(take(""));
});

test("rng: the sequence is frozen (past attempts depend on it)", () => {
  const next = rng("haidang");
  const first = Array.from({ length: 3 }, () => next() * 2 ** 32);
  // Checked against bryc's reference xmur3 + sfc32 (after the 15 discarded outputs). If
  // this changes, every stored attempt would silently be shown in a different order.
  expect(first).toEqual([2495277475, 2291345526, 3597554612]);
});

test("rng: values are in [0, 1) and roughly uniform", () => {
  const next = rng("uniform");
  const buckets = Array.from({ length: 10 }, () => 0);
  for (let i = 0; i < 100_000; i++) {
    const x = next();
    expect(x >= 0 && x < 1).toBe(true);
    buckets[Math.floor(x * 10)]!++;
  }
  // 9 degrees of freedom: 27.88 is the 0.999 quantile.
  expect(chiSquare(buckets)).toBeLessThan(27.88);
});

test("rng: first outputs of similar seeds are not correlated", () => {
  const buckets = Array.from({ length: 10 }, () => 0);
  for (const seed of seeds(10_000)) buckets[Math.floor(rng(seed)() * 10)]!++;
  expect(chiSquare(buckets)).toBeLessThan(27.88);
});

test("randomIndex stays in range", () => {
  const next = rng("index");
  for (let i = 0; i < 1000; i++) {
    const k = randomIndex(next, 7);
    expect(Number.isInteger(k) && k >= 0 && k < 7).toBe(true);
  }
});

test("shuffle returns a permutation and leaves its input alone", () => {
  const input = ["a", "b", "c", "d", "e"];
  const out = shuffle(input, rng("s"));
  expect(input).toEqual(["a", "b", "c", "d", "e"]);
  expect([...out].sort()).toEqual(input);
  expect(shuffle([], rng("s"))).toEqual([]);
  expect(shuffle(["x"], rng("s"))).toEqual(["x"]);
});

test("shuffle: all 6 orders of 3 items are equally likely", () => {
  const counts = new Map<string, number>();
  for (const seed of seeds(12_000)) {
    const key = shuffle([0, 1, 2], rng(seed)).join("");
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  expect(counts.size).toBe(6);
  // 5 degrees of freedom: 20.52 is the 0.999 quantile.
  expect(chiSquare([...counts.values()])).toBeLessThan(20.52);
});

// ---------------------------------------------------------------------------------------
// Drawing questions

const pools = [
  { category: "Evidence", count: 3, questionIds: ids("ev", 10) },
  { category: "Law", count: 2, questionIds: ids("law", 6) },
];

test("drawQuestions: fixed first in order, then each pool's count", () => {
  const result = drawQuestions({ seed: "a1", fixed: ["intro", "q2"], pools });
  expect(result.ok).toBe(true);
  if (!result.ok) return;
  expect(result.ids).toHaveLength(7);
  expect(result.ids.slice(0, 2)).toEqual(["intro", "q2"]);
  expect(result.ids.slice(2, 5).every((id) => id.startsWith("ev"))).toBe(true);
  expect(result.ids.slice(5).every((id) => id.startsWith("law"))).toBe(true);
});

test("drawQuestions: deterministic for a seed, different across seeds", () => {
  const a = drawQuestions({ seed: "a1", fixed: [], pools });
  expect(drawQuestions({ seed: "a1", fixed: [], pools })).toEqual(a);
  const distinct = new Set(seeds(50).map((seed) => JSON.stringify(drawQuestions({ seed, fixed: [], pools }))));
  expect(distinct.size).toBeGreaterThan(40);
});

test("drawQuestions: the order the pool's ids arrive in does not matter", () => {
  const shuffledPools = pools.map((p) => ({ ...p, questionIds: [...p.questionIds].reverse() }));
  for (const seed of seeds(20)) {
    expect(drawQuestions({ seed, fixed: [], pools: shuffledPools })).toEqual(drawQuestions({ seed, fixed: [], pools }));
  }
});

test("drawQuestions: a pool's draw does not depend on the pools after it", () => {
  for (const seed of seeds(20)) {
    const both = drawQuestions({ seed, fixed: [], pools });
    const first = drawQuestions({ seed, fixed: [], pools: pools.slice(0, 1) });
    expect(both.ok && first.ok && both.ids.slice(0, 3)).toEqual(first.ok && first.ids);
  }
});

test("drawQuestions: never a duplicate, even with overlapping pools and fixed ids", () => {
  const overlapping = [
    { category: "A", count: 4, questionIds: ["q1", "q2", "q3", "q4", "q5", "q1"] },
    { category: "B", count: 2, questionIds: ["q3", "q4", "q5", "q6", "q7"] },
  ];
  for (const seed of seeds(500)) {
    const result = drawQuestions({ seed, fixed: ["q2", "q2"], pools: overlapping });
    expect(result.ok).toBe(true);
    if (!result.ok) continue;
    expect(result.ids).toHaveLength(7);
    expect(new Set(result.ids).size).toBe(result.ids.length);
    expect(result.ids[0]).toBe("q2");
  }
});

test("drawQuestions: a pool too small fails with the numbers", () => {
  expect(
    drawQuestions({ seed: "x", fixed: [], pools: [{ category: "Law", count: 7, questionIds: ids("law", 6) }] }),
  ).toEqual({
    ok: false,
    category: "Law",
    available: 6,
    wanted: 7,
  });
});

test("drawQuestions: ids already chosen do not count as available", () => {
  const result = drawQuestions({
    seed: "x",
    fixed: ["q1"],
    pools: [
      { category: "A", count: 2, questionIds: ["q2", "q3"] },
      { category: "B", count: 2, questionIds: ["q1", "q2", "q4"] },
    ],
  });
  expect(result).toEqual({ ok: false, category: "B", available: 1, wanted: 2 });
});

test("drawQuestions: an exact-size pool takes all its questions; count 0 and no pools are fine", () => {
  const all = drawQuestions({
    seed: "x",
    fixed: [],
    pools: [{ category: "Law", count: 6, questionIds: ids("law", 6) }],
  });
  expect(all.ok && [...all.ids].sort()).toEqual(ids("law", 6));
  expect(drawQuestions({ seed: "x", fixed: ["a"], pools: [{ category: "Empty", count: 0, questionIds: [] }] })).toEqual(
    { ok: true, ids: ["a"] },
  );
  expect(drawQuestions({ seed: "x", fixed: [], pools: [] })).toEqual({ ok: true, ids: [] });
});

test("drawQuestions: an invalid count throws", () => {
  expect(() => drawQuestions({ seed: "x", fixed: [], pools: [{ category: "A", count: -1, questionIds: [] }] })).toThrow(
    RangeError,
  );
  expect(() =>
    drawQuestions({ seed: "x", fixed: [], pools: [{ category: "A", count: 1.5, questionIds: ["a", "b"] }] }),
  ).toThrow(RangeError);
});

test("drawQuestions: every question of a pool is drawn about equally often", () => {
  const counts = new Map<string, number>();
  const pool = { category: "Evidence", count: 3, questionIds: ids("ev", 10) };
  for (const seed of seeds(10_000)) {
    const result = drawQuestions({ seed, fixed: [], pools: [pool] });
    if (result.ok) for (const id of result.ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  expect(counts.size).toBe(10);
  expect(chiSquare([...counts.values()])).toBeLessThan(27.88);
});

// ---------------------------------------------------------------------------------------
// Presentation order

const single = q({ type: "single", choices: choices(4) });
const multiple = q({ type: "multiple", choices: choices(5) });
const fixedSingle = q({ type: "single", choices: choices(4), shuffle: false });

const choicesOf = (order: PresentationOrder) =>
  order.type === "single" || order.type === "multiple" ? order.choices : null;
const rightsOf = (order: PresentationOrder) => (order.type === "matching" ? order.rights : null);
const itemsOf = (order: PresentationOrder) => (order.type === "ordering" ? order.items : null);

test("presentationOrder: choices are a permutation, the same for the same seed", () => {
  const order = presentationOrder(single, "a1:q1", true);
  expect(order.type).toBe("single");
  expect(isPermutation(choicesOf(order)!, 4)).toBe(true);
  expect(presentationOrder(single, "a1:q1", true)).toEqual(order);
  expect(isPermutation(choicesOf(presentationOrder(multiple, "a1:q1", true))!, 5)).toBe(true);
});

test("presentationOrder: choices keep their order when the question or the assessment says so", () => {
  for (const seed of seeds(50)) {
    expect(presentationOrder(fixedSingle, seed, true)).toEqual({ type: "single", choices: [0, 1, 2, 3] });
    expect(presentationOrder(single, seed, false)).toEqual({ type: "single", choices: [0, 1, 2, 3] });
    expect(presentationOrder(multiple, seed, false)).toEqual({ type: "multiple", choices: [0, 1, 2, 3, 4] });
  }
});

test("presentationOrder: over 10,000 seeds each choice comes first about equally often", () => {
  const first = [0, 0, 0, 0];
  const last = [0, 0, 0, 0];
  for (const seed of seeds(10_000)) {
    const order = choicesOf(presentationOrder(single, seed, true))!;
    first[order[0]!]!++;
    last[order[3]!]!++;
  }
  // 3 degrees of freedom: 16.27 is the 0.999 quantile. Each count is near 2,500.
  expect(chiSquare(first)).toBeLessThan(16.27);
  expect(chiSquare(last)).toBeLessThan(16.27);
  for (const c of first) expect(Math.abs(c - 2500)).toBeLessThan(200);
});

test("presentationOrder: all 24 orders of 4 choices occur", () => {
  const orders = new Set(seeds(200).map((seed) => choicesOf(presentationOrder(single, seed, true))!.join("")));
  expect(orders.size).toBe(24);
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

test("presentationOrder: matching shows each distinct right text once, by its first pair", () => {
  const rights = rightsOf(presentationOrder(matching, "a1:m", false))!;
  expect([...rights].sort()).toEqual([0, 1, 3]);
});

test("presentationOrder: matching options are shuffled even when shuffling is off, never in pair order", () => {
  const seen = new Set<string>();
  for (const seed of seeds(2000)) {
    const rights = rightsOf(presentationOrder(matching, seed, false))!;
    expect(presentationOrder(matching, seed, false)).toEqual({ type: "matching", rights });
    seen.add(rights.join(","));
  }
  expect(seen.has("0,1,3")).toBe(false);
  expect(seen.size).toBe(5); // 3! - 1
});

test("presentationOrder: distractors are offered once each, after the pairs, and leave old questions' order alone", () => {
  const withDistractors = q({ ...matching, distractors: ["Extra", "Extra", "Fraud"] });
  for (const seed of ["a", "b", "c", "d"]) {
    const rights = rightsOf(presentationOrder(withDistractors, seed, false))!;
    // "Extra" once (the first distractor, index 4); "Fraud" is already pair 0's option.
    expect([...rights].sort()).toEqual([0, 1, 3, 4]);
  }
  // A question without distractors keeps the order past attempts were shown (as before distractors).
  expect(presentationOrder(matching, "a1:m", false)).toEqual({ type: "matching", rights: [1, 3, 0] });
  expect(presentationOrder(matching, "x:7", false)).toEqual({ type: "matching", rights: [3, 1, 0] });
});

test("presentationOrder: two distinct matching options are always swapped", () => {
  const two = q({
    type: "matching",
    pairs: [
      { left: rt("a"), right: "A" },
      { left: rt("b"), right: "B" },
      { left: rt("c"), right: "A" },
    ],
  });
  for (const seed of seeds(100))
    expect(presentationOrder(two, seed, true)).toEqual({ type: "matching", rights: [1, 0] });
  const one = q({
    type: "matching",
    pairs: [
      { left: rt("a"), right: "A" },
      { left: rt("b"), right: "A" },
    ],
  });
  expect(presentationOrder(one, "x", true)).toEqual({ type: "matching", rights: [0] });
});

const ordering = q({ type: "ordering", items: [rt("Seize"), rt("Image"), rt("Hash"), rt("Analyse")] });

test("presentationOrder: ordering items start shuffled, never in the right order", () => {
  const seen = new Map<string, number>();
  for (const seed of seeds(10_000)) {
    const items = itemsOf(presentationOrder(ordering, seed, false))!;
    expect(isPermutation(items, 4)).toBe(true);
    const key = items.join("");
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  expect(seen.has("0123")).toBe(false);
  // The 23 other orders are equally likely (22 degrees of freedom: 48.27 is the 0.999 quantile).
  expect(seen.size).toBe(23);
  expect(chiSquare([...seen.values()])).toBeLessThan(48.27);
});

test("presentationOrder: two ordering items are always swapped; identical texts do not count as a change", () => {
  const two = q({ type: "ordering", items: [rt("first"), rt("second")] });
  for (const seed of seeds(100))
    expect(presentationOrder(two, seed, true)).toEqual({ type: "ordering", items: [1, 0] });
  const repeated = q({ type: "ordering", items: [rt("x"), rt("x"), rt("y")] });
  for (const seed of seeds(200)) {
    const items = itemsOf(presentationOrder(repeated, seed, true))!;
    expect(items[2]).not.toBe(2); // with "y" last, the order would already be right
  }
  const same = q({ type: "ordering", items: [rt("x"), rt("x")] });
  expect(presentationOrder(same, "x", true)).toEqual({ type: "ordering", items: [0, 1] });
});

test("presentationOrder: other types have nothing to order", () => {
  expect(presentationOrder(q({ type: "truefalse", answer: true }), "s", true)).toEqual({ type: "truefalse" });
  expect(presentationOrder(q({ type: "short", answers: [{ text: "x" }] }), "s", true)).toEqual({ type: "short" });
  expect(presentationOrder(q({ type: "numerical", answers: [{ kind: "exact", value: 1 }] }), "s", true)).toEqual({
    type: "numerical",
  });
  expect(presentationOrder(q({ type: "essay" }), "s", true)).toEqual({ type: "essay" });
  expect(presentationOrder(q({ type: "description" }), "s", true)).toEqual({ type: "description" });
});
