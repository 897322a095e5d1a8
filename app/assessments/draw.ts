/**
 * Seeded randomness for attempts: which questions an attempt draws, and the order choices,
 * matching options and ordering items are shown in. Pure and deterministic: the same seed
 * always gives the same result, so an attempt can store only its seed and rebuild what the
 * learner saw (after a reload, on another server, in a review years later).
 *
 * The generator is sfc32 seeded through the xmur3 string hash (both public domain, by
 * Chris Doty-Humphrey and bryc). Only 32-bit integer arithmetic (Math.imul, >>>), so the
 * sequence is identical on every JavaScript engine. Not cryptographic: a learner who knew
 * the seed could predict the order, which is why seeds stay on the server.
 *
 * Changing anything in this file changes past attempts' presentation: treat the algorithms
 * as frozen, and add a new version next to them if they ever need to change.
 */
import type { Question } from "~/content/questions";

/** A stream of floats in [0, 1). */
export type Rng = () => number;

/** xmur3: a string hash that yields as many 32-bit words as asked for. */
function xmur3(text: string): () => number {
  let h = 1779033703 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  return () => {
    h = Math.imul(h ^ (h >>> 16), 2246822507);
    h = Math.imul(h ^ (h >>> 13), 3266489909);
    return (h ^= h >>> 16) >>> 0;
  };
}

/** A seeded generator of floats in [0, 1) with 32 bits of resolution. */
export function rng(seed: string): Rng {
  const hash = xmur3(seed);
  let a = hash();
  let b = hash();
  let c = hash();
  let d = hash();
  // sfc32: a, b, c mixed state and d a counter, so no seed falls into a short cycle.
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  // sfc32's first outputs are poorly mixed when seeds are similar ("a:1", "a:2").
  for (let i = 0; i < 15; i++) next();
  return next;
}

/**
 * An integer in [0, n). floor(u × n) is biased by at most n / 2³², negligible for the
 * few hundred items we ever pick among.
 */
export function randomIndex(next: Rng, n: number): number {
  return Math.floor(next() * n);
}

/** A uniformly random permutation (Fisher–Yates); the input is not modified. */
export function shuffle<T>(items: readonly T[], next: Rng): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomIndex(next, i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * A uniformly random permutation that differs from the input order, for n ≥ 2 (rejection:
 * reshuffle while it comes out unchanged, which happens with probability 1/n! ≤ 1/2).
 * `same` says whether two elements are interchangeable, so that swapping two equal texts
 * does not count as a change. If every element is the same, no order differs: the
 * input order is returned.
 */
function shuffleChanged<T>(items: readonly T[], next: Rng, same: (a: T, b: T) => boolean = Object.is): T[] {
  if (items.length < 2 || items.every((item) => same(item, items[0]!))) return [...items];
  for (let tries = 0; tries < 100; tries++) {
    const out = shuffle(items, next);
    if (out.some((item, i) => !same(item, items[i]!))) return out;
  }
  // Unreachable in practice (probability < 2⁻¹⁰⁰); a rotation keeps the result deterministic.
  return [...items.slice(1), items[0]!];
}

// ---------------------------------------------------------------------------------------
// Drawing questions

export type QuestionPool = {
  /** The category the questions come from, reported back when the pool is too small. */
  category: string;
  count: number;
  questionIds: readonly string[];
};

export type DrawResult =
  { ok: true; ids: string[] } | { ok: false; category: string; available: number; wanted: number };

/**
 * The questions of one attempt: `fixed` first, in their order, then for each pool `count`
 * distinct ids drawn at random, in random order, skipping ids already chosen (a question
 * fixed by id, or in two overlapping categories, is asked once).
 *
 * Each pool is drawn from its own stream (seed + pool index), and its ids are sorted
 * first, so the draw does not depend on the order the database returned them in.
 * A pool with fewer unused questions than `count` fails the whole draw with the numbers
 * to show a trainer. Duplicate ids in `fixed` are kept once. A count that is not a
 * non-negative integer is a programming error and throws RangeError.
 */
export function drawQuestions({
  seed,
  fixed,
  pools,
}: {
  seed: string;
  fixed: readonly string[];
  pools: readonly QuestionPool[];
}): DrawResult {
  const chosen = new Set<string>(fixed);
  const ids = [...chosen];
  for (const [index, pool] of pools.entries()) {
    if (!Number.isInteger(pool.count) || pool.count < 0)
      throw new RangeError(`invalid count ${pool.count} for category "${pool.category}"`);
    const candidates = [...new Set(pool.questionIds)].filter((id) => !chosen.has(id)).sort(compareCodeUnits);
    if (candidates.length < pool.count)
      return { ok: false, category: pool.category, available: candidates.length, wanted: pool.count };
    const picked = sample(candidates, pool.count, rng(`${seed}\u0000pool\u0000${index}`));
    for (const id of picked) {
      chosen.add(id);
      ids.push(id);
    }
  }
  return { ok: true, ids };
}

/** Plain code-unit order: unlike localeCompare, the same on every server whatever its locale. */
function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `count` distinct elements in random order: a partial Fisher–Yates shuffle. */
function sample<T>(items: readonly T[], count: number, next: Rng): T[] {
  const pool = [...items];
  for (let i = 0; i < count; i++) {
    const j = i + randomIndex(next, pool.length - i);
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, count);
}

// ---------------------------------------------------------------------------------------
// Presentation order

/**
 * How a question is shown. Every array holds indices into the question as stored, in the
 * order they are displayed, so responses keep referring to stored indices (questions.ts).
 *   - single/multiple: `choices`, a permutation of the choice indices;
 *   - matching: `rights`, one option index per distinct right text (its first pair, else
 *     pairs.length + d for distractor d), to show that text and submit k; left items stay
 *     in stored order;
 *   - ordering: `items`, the order the items start in;
 *   - other types have nothing to order.
 */
export type PresentationOrder =
  | { type: "single" | "multiple"; choices: number[] }
  | { type: "matching"; rights: number[] }
  | { type: "ordering"; items: number[] }
  | { type: "truefalse" | "short" | "numerical" | "essay" | "description" };

/**
 * The display order of one question in one attempt; `seed` should identify both (e.g.
 * `${attemptSeed}:${questionKey}`).
 *
 * Choices are shuffled only when both the question (`shuffle`, GIFT's default) and the
 * assessment (`shuffleAllowed`) allow it; otherwise the stored order is kept, since the
 * author may have written "all of the above" last. Matching options and ordering items are
 * always shuffled, whatever the settings: shown in stored order they would give the answer
 * away. For the same reason neither is ever shown in its answer order when a different
 * order exists (≥ 2 distinct texts): matching options never appear in pair order, ordering
 * items never start in the right order.
 */
export function presentationOrder(question: Question, seed: string, shuffleAllowed: boolean): PresentationOrder {
  switch (question.type) {
    case "single":
    case "multiple": {
      const identity = question.choices.map((_, i) => i);
      const choices = question.shuffle && shuffleAllowed ? shuffle(identity, rng(`${seed}\u0000choices`)) : identity;
      return { type: question.type, choices };
    }
    case "matching": {
      const firstOfText = new Map<string, number>();
      question.pairs.forEach((pair, i) => {
        if (!firstOfText.has(pair.right)) firstOfText.set(pair.right, i);
      });
      // Distractors come after the pairs, so a question without any keeps its past order.
      question.distractors.forEach((right, d) => {
        if (!firstOfText.has(right)) firstOfText.set(right, question.pairs.length + d);
      });
      return { type: "matching", rights: shuffleChanged([...firstOfText.values()], rng(`${seed}\u0000rights`)) };
    }
    case "ordering": {
      const texts = question.items.map((item) => item.text);
      const items = shuffleChanged(
        texts.map((_, i) => i),
        rng(`${seed}\u0000items`),
        (a, b) => texts[a] === texts[b],
      );
      return { type: "ordering", items };
    }
    case "truefalse":
    case "short":
    case "numerical":
    case "essay":
    case "description":
      return { type: question.type };
  }
}
