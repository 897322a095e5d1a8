/**
 * Classical item analysis of an assessment's graded attempts, to help trainers find
 * questions that are too easy, too hard, ambiguous or miskeyed. Pure: no database, no I/O.
 *
 * Per question:
 *   - facility: the mean score (0..1), the share of the mark learners got;
 *   - discrimination: the corrected item–total correlation, i.e. the Pearson correlation
 *     between the item's score and the attempt's REST score (the sum of the attempt's other
 *     items' scores, each 0..1, unweighted by marks). Leaving the item out of the total
 *     avoids the inflation of correlating an item with a total that contains it, which
 *     matters with the short tests we have. null when n < 5 or either variable is constant;
 *   - discriminationIndex: Kelley's upper–lower index D = facility among the top 27 % of
 *     attempts by totalPercent − facility among the bottom 27 % (groups of round(0.27 n),
 *     at least 1). Attempts tied on the group boundary share the remaining places
 *     fractionally, so D does not depend on the order attempts arrive in. null when n < 5
 *     or every attempt has the same total;
 *   - optionCounts: how often each option (stored index) was chosen;
 *   - flags: stable keys for the interface to translate, in ITEM_FLAGS order; none at all
 *     below MIN_ATTEMPTS_TO_JUDGE attempts (`judged` false), where a rule of thumb fires on
 *     noise: two attempts out of two right is not "very easy".
 *
 * Thresholds are the usual rules of thumb (e.g. Moodle's quiz statistics, Ebel):
 * facility above 0.9 or below 0.2, discrimination below 0.2 are worth a look.
 */

export type StatsItem = {
  questionId: string;
  /** Fraction of the mark, 0..1. */
  score: number;
  /** Choice indices for single/multiple; truefalse uses 0 = true, 1 = false. */
  optionsChosen?: readonly number[];
};

export type StatsAttempt = { attemptId: string; totalPercent: number; items: readonly StatsItem[] };

/** What the statistics need to know about a choice question's options. */
export type OptionInfo = { optionCount: number; correctOptions: readonly number[] };

export const ITEM_FLAGS = [
  "too-easy",
  "too-hard",
  "poor-discrimination",
  "negative-discrimination",
  "distractor-never-chosen",
] as const;
export type ItemFlag = (typeof ITEM_FLAGS)[number];

export type ItemStatistics = {
  questionId: string;
  /** Attempts that contain the question. */
  n: number;
  facility: number;
  discrimination: number | null;
  discriminationIndex: number | null;
  /** Option index → times chosen; every option of a known question is present, 0 included. */
  optionCounts: Record<number, number>;
  /** Enough attempts (MIN_ATTEMPTS_TO_JUDGE) for the flags to mean something. */
  judged: boolean;
  flags: ItemFlag[];
};

/** Below this many attempts a correlation or a 27 % group says nothing. */
export const MIN_ATTEMPTS_FOR_DISCRIMINATION = 5;
/**
 * Below this many attempts at a question nothing is said about it (no flag: not too easy,
 * not too hard, not poorly discriminating, no unused distractor); the numbers are still shown.
 */
export const MIN_ATTEMPTS_TO_JUDGE = 10;

type Observation = { score: number; rest: number; total: number; optionsChosen: readonly number[] | undefined };

/**
 * Statistics per question, in the order questions first appear in `attempts`. `questions`
 * gives the option count and correct options of choice questions (single, multiple,
 * truefalse); without it a question gets no zero counts and no distractor flag.
 *
 * A question listed twice in one attempt counts once there (its first occurrence), both
 * for itself and in the other items' rest scores. Option indices that are not integers,
 * are negative, or are beyond a known optionCount are not counted.
 */
export function itemStatistics(
  attempts: readonly StatsAttempt[],
  questions: Readonly<Record<string, OptionInfo>> = {},
): ItemStatistics[] {
  const byQuestion = new Map<string, Observation[]>();
  for (const attempt of attempts) {
    const items = firstOccurrences(attempt.items);
    const sum = items.reduce((s, i) => s + i.score, 0);
    for (const item of items) {
      let list = byQuestion.get(item.questionId);
      if (!list) byQuestion.set(item.questionId, (list = []));
      // Rounded to 9 decimals so that rests meant to be equal are (0.1 + 0.2 vs 0.3 differ
      // in binary), without summing every attempt's items once per item.
      const rest = Math.round((sum - item.score) * 1e9) / 1e9;
      list.push({ score: item.score, rest, total: attempt.totalPercent, optionsChosen: item.optionsChosen });
    }
  }
  return [...byQuestion].map(([questionId, observations]) =>
    statisticsOf(questionId, observations, Object.hasOwn(questions, questionId) ? questions[questionId] : undefined),
  );
}

function firstOccurrences(items: readonly StatsItem[]): StatsItem[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(item.questionId) && (seen.add(item.questionId), true));
}

function statisticsOf(questionId: string, observations: Observation[], info: OptionInfo | undefined): ItemStatistics {
  const n = observations.length;
  const scores = observations.map((o) => o.score);
  const facility = mean(scores);
  const discrimination =
    n < MIN_ATTEMPTS_FOR_DISCRIMINATION
      ? null
      : pearson(
          scores,
          observations.map((o) => o.rest),
        );
  const discriminationIndex = n < MIN_ATTEMPTS_FOR_DISCRIMINATION ? null : upperLowerIndex(observations);

  const optionCounts: Record<number, number> = {};
  if (info) for (let k = 0; k < info.optionCount; k++) optionCounts[k] = 0;
  for (const o of observations) {
    for (const k of new Set(o.optionsChosen ?? [])) {
      if (!Number.isInteger(k) || k < 0 || (info && k >= info.optionCount)) continue;
      optionCounts[k] = (optionCounts[k] ?? 0) + 1;
    }
  }

  const judged = n >= MIN_ATTEMPTS_TO_JUDGE;
  const flags: ItemFlag[] = [];
  if (judged && facility > 0.9) flags.push("too-easy");
  if (judged && facility < 0.2) flags.push("too-hard");
  if (judged && discrimination !== null && discrimination < 0.2) flags.push("poor-discrimination");
  if (judged && discrimination !== null && discrimination < 0) flags.push("negative-discrimination");
  if (info && judged) {
    const correct = new Set(info.correctOptions);
    for (let k = 0; k < info.optionCount; k++) {
      if (!correct.has(k) && optionCounts[k] === 0) {
        flags.push("distractor-never-chosen");
        break;
      }
    }
  }
  return { questionId, n, facility, discrimination, discriminationIndex, optionCounts, judged, flags };
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

/** Constant up to binary noise: such a variable has no variance to correlate. */
function isConstant(values: readonly number[]): boolean {
  const min = Math.min(...values);
  const max = Math.max(...values);
  return max - min <= 1e-9 * Math.max(1, Math.abs(max), Math.abs(min));
}

/** Pearson's r, or null when either variable is constant. */
function pearson(xs: readonly number[], ys: readonly number[]): number | null {
  if (isConstant(xs) || isConstant(ys)) return null;
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < xs.length; i++) {
    const dx = xs[i]! - mx;
    const dy = ys[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/** Kelley's D with fractional membership for attempts tied on a group's boundary. */
function upperLowerIndex(observations: readonly Observation[]): number | null {
  const totals = observations.map((o) => o.total);
  if (isConstant(totals)) return null;
  const k = Math.max(1, Math.round(0.27 * observations.length));
  const ascending = [...observations].sort((a, b) => a.total - b.total);
  const descending = [...ascending].reverse();
  return groupFacility(descending, k) - groupFacility(ascending, k);
}

/** Mean score of the first k observations of `sorted`, sharing the k-th place among ties. */
function groupFacility(sorted: readonly Observation[], k: number): number {
  const boundary = sorted[k - 1]!.total;
  let inside = 0;
  let insideCount = 0;
  let tiedSum = 0;
  let tiedCount = 0;
  for (const o of sorted) {
    if (o.total === boundary) {
      tiedSum += o.score;
      tiedCount++;
    } else if (tiedCount === 0) {
      // Sorted: everything before the tied block is strictly inside the group.
      inside += o.score;
      insideCount++;
    } else break;
  }
  const places = k - insideCount;
  return (inside + (places / tiedCount) * tiedSum) / k;
}
