/**
 * Grading of one response and of a whole attempt. Pure: no database, no I/O.
 *
 * Scores are fractions of a question's mark (0..1); credits and weights in the question are
 * percentages (see questions.ts). Learner input is never trusted: a response of the wrong
 * type, with an index out of range or otherwise impossible (see `isValidResponse`) is graded
 * as "unanswered" instead of throwing, because responses come from forms and from JSON
 * stored in the database, and one bad row must not break an attempt's review page.
 *
 * States: a score within 1e-6 of 0 is "wrong", within 1e-6 of 1 is "correct" (and snapped
 * to exactly 0 or 1), anything between is "partial". Like Moodle's 1e-7, the tolerance
 * absorbs weights such as 33.33333 % × 3 that are meant to add up to a full mark (99.99999 %,
 * which Moodle's strict comparison would still call partial).
 *
 * Feedback returned is the answer-level feedback only (the chosen choices', the matching
 * short or numerical answer's, true/false's right/wrong feedback). The question's
 * `generalFeedback` is the same for everyone, so showing it is left to the caller.
 */
import { ResponseSchema, type Question, type QuestionResponse, type RichText } from "~/content/questions";

export type GradeState = "correct" | "partial" | "wrong" | "unanswered" | "needs-grading";

export type GradeResult = {
  /** Fraction of the question's mark, 0..1. */
  score: number;
  state: GradeState;
  /** The answer-level feedback that applies, in the question's order. */
  feedback: RichText[];
};

/** Every question type except "description", which has no answer and no mark. */
export type GradableQuestion = Exclude<Question, { type: "description" }>;

export class NotGradableError extends Error {
  constructor(type: string) {
    super(`a "${type}" question has no answer and cannot be graded`);
    this.name = "NotGradableError";
  }
}

export function isGradable(question: Question): question is GradableQuestion {
  return question.type !== "description";
}

// ---------------------------------------------------------------------------------------
// Validity of learner input

/**
 * Whether `response` is something the question's form could have produced: the right
 * shape (ResponseSchema), the question's type, and indices that exist. Blank responses
 * (no choice, empty text, all matches null) are valid: they are graded "unanswered".
 *
 * Rejected as impossible: any response to a description; a multiple-response set with a
 * repeated index (it would count a weight twice); matching with more entries than pairs, or
 * an option that is neither a pair's right item nor a distractor;
 * an ordering that is not a permutation of all the items (a partial or repeated order
 * cannot come from a drag-and-drop list). An empty ordering is valid (not answered).
 */
export function isValidResponse(question: Question, response: unknown): response is QuestionResponse {
  if (response === null || response === undefined) return false;
  const parsed = ResponseSchema.safeParse(response);
  if (!parsed.success) return false;
  const r = parsed.data;
  if (question.type === "description" || r.type !== question.type) return false;
  switch (r.type) {
    case "single": {
      const q = question as Extract<Question, { type: "single" }>;
      return r.choice === null || r.choice < q.choices.length;
    }
    case "multiple": {
      const q = question as Extract<Question, { type: "multiple" }>;
      return r.choices.every((c) => c < q.choices.length) && new Set(r.choices).size === r.choices.length;
    }
    case "matching": {
      const q = question as Extract<Question, { type: "matching" }>;
      const options = q.pairs.length + q.distractors.length;
      return r.matches.length <= q.pairs.length && r.matches.every((m) => m === null || m < options);
    }
    case "ordering": {
      const q = question as Extract<Question, { type: "ordering" }>;
      if (r.order.length === 0) return true;
      return (
        r.order.length === q.items.length &&
        r.order.every((i) => i < q.items.length) &&
        new Set(r.order).size === r.order.length
      );
    }
    case "truefalse":
    case "short":
    case "numerical":
    case "essay":
      return true;
  }
}

// ---------------------------------------------------------------------------------------
// One response

const EPSILON = 1e-6;

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

function result(rawScore: number, feedback: RichText[]): GradeResult {
  const score = clamp01(rawScore);
  if (score <= EPSILON) return { score: 0, state: "wrong", feedback };
  if (score >= 1 - EPSILON) return { score: 1, state: "correct", feedback };
  return { score, state: "partial", feedback };
}

// A fresh object each time: callers may push to a result's feedback.
const unanswered = (): GradeResult => ({ score: 0, state: "unanswered", feedback: [] });

const present = (feedback: RichText | null | undefined): RichText[] => (feedback ? [feedback] : []);

/**
 * Grades one response. Throws NotGradableError for a description (a programming error:
 * descriptions have no mark; `gradeAttempt` skips them). Never throws on learner input.
 */
export function gradeResponse(question: Question, response: QuestionResponse | null): GradeResult {
  if (question.type === "description") throw new NotGradableError(question.type);
  if (!isValidResponse(question, response)) return unanswered();
  // isValidResponse checked that the response's type is the question's.
  switch (question.type) {
    case "single": {
      const r = response as Extract<QuestionResponse, { type: "single" }>;
      if (r.choice === null) return unanswered();
      const choice = question.choices[r.choice]!;
      return result(choice.weight / 100, present(choice.feedback));
    }
    case "multiple": {
      const r = response as Extract<QuestionResponse, { type: "multiple" }>;
      if (r.choices.length === 0) return unanswered();
      // Question order for feedback, whatever order the form sent the boxes in.
      const chosen = [...r.choices].sort((a, b) => a - b).map((i) => question.choices[i]!);
      const sum = chosen.reduce((total, c) => total + c.weight, 0);
      return result(
        sum / 100,
        chosen.flatMap((c) => present(c.feedback)),
      );
    }
    case "truefalse": {
      const r = response as Extract<QuestionResponse, { type: "truefalse" }>;
      if (r.answer === null) return unanswered();
      const right = r.answer === question.answer;
      return result(right ? 1 : 0, present(right ? question.feedbackRight : question.feedbackWrong));
    }
    case "short": {
      const r = response as Extract<QuestionResponse, { type: "short" }>;
      const given = normaliseShortAnswer(r.text, question.caseSensitive);
      if (given === "") return unanswered();
      const best = bestAnswer(question.answers, (a) => matchesShortAnswer(given, a.text, question.caseSensitive));
      return best ? result(best.credit / 100, present(best.feedback)) : result(0, []);
    }
    case "numerical": {
      const r = response as Extract<QuestionResponse, { type: "numerical" }>;
      if (r.text.trim() === "") return unanswered();
      const x = parseNumberAnswer(r.text);
      // Text that is not a number is an answer, and a wrong one (the learner did type something).
      const best = x === null ? null : bestAnswer(question.answers, (a) => numberMatches(x, a));
      // Nothing matched: the feedback for any other answer (GIFT ~#…, Moodle's "*"), if any.
      return best ? result(best.credit / 100, present(best.feedback)) : result(0, present(question.otherFeedback));
    }
    case "matching": {
      const r = response as Extract<QuestionResponse, { type: "matching" }>;
      if (r.matches.every((m) => m === null)) return unanswered();
      // Compare texts, not indices: two pairs may share a right text, and the form offers
      // each distinct text once (see draw.ts), so either pair's index means the same answer.
      // A distractor matches no left item (unless its text is also a pair's, which is then
      // the same option).
      const right = question.pairs.filter((pair, i) => {
        const m = r.matches[i];
        return m !== null && m !== undefined && matchingOption(question, m) === pair.right;
      }).length;
      return result(right / question.pairs.length, []);
    }
    case "ordering": {
      const r = response as Extract<QuestionResponse, { type: "ordering" }>;
      if (r.order.length === 0) return unanswered();
      return result(countItemsInPlace(question.items, r.order) / question.items.length, []);
    }
    case "essay": {
      const r = response as Extract<QuestionResponse, { type: "essay" }>;
      if (r.text.trim() === "") return unanswered();
      return { score: 0, state: "needs-grading", feedback: [] };
    }
  }
}

/** The text of a matching question's option k: pair k's right item, then the distractors. */
export function matchingOption(question: Extract<Question, { type: "matching" }>, k: number): string | undefined {
  return k < question.pairs.length ? question.pairs[k]?.right : question.distractors[k - question.pairs.length];
}

/** The answer with the highest credit among those that match; the first one on ties. */
function bestAnswer<T extends { credit: number }>(answers: readonly T[], matches: (answer: T) => boolean): T | null {
  let best: T | null = null;
  for (const a of answers) if (matches(a) && (best === null || a.credit > best.credit)) best = a;
  return best;
}

// ---------------------------------------------------------------------------------------
// Ordering

/**
 * How many items the learner put in their right place: position p is right when the item
 * placed there has the same text as the item that belongs there (identical items are
 * interchangeable, since the learner cannot tell them apart).
 *
 * Ordering questions score the fraction of items in their absolute place ("partial credit
 * per item in its place", questions.ts). It is simple to explain to a learner, but harsh
 * on a single misplaced item that shifts the others (moving the first item to the end
 * scores 0); Moodle's "relative to the next item" scoring would be kinder. Kept absolute
 * for now because trainers and learners can check it at a glance.
 */
export function countItemsInPlace(items: readonly RichText[], order: readonly number[]): number {
  let right = 0;
  for (let p = 0; p < items.length; p++) {
    const placed = order[p];
    if (placed !== undefined && items[placed]?.text === items[p]!.text) right++;
  }
  return right;
}

// ---------------------------------------------------------------------------------------
// Short answers

/**
 * The form both a short answer and an accepted answer are compared in: NFC (a Vietnamese
 * or French keyboard may send decomposed accents), trimmed, inner whitespace runs collapsed
 * to one space and, unless case-sensitive, case-folded. Folding goes through upper case so
 * that "ß" and "SS" compare equal; both directions are locale-independent (no Turkish
 * dotless-i surprises depending on the server's locale).
 */
export function normaliseShortAnswer(text: string, caseSensitive: boolean): string {
  const spaced = text.normalize("NFC").trim().replace(/\s+/g, " ");
  return caseSensitive ? spaced : spaced.toUpperCase().toLowerCase().normalize("NFC");
}

/**
 * GIFT/Moodle short-answer matching: an unescaped `*` (or run of them) in the accepted
 * answer matches any run of characters, possibly empty; `\*` is a literal asterisk.
 * `given` must already be normalised.
 *
 * Matched without regular expressions: literal segments are found left to right, which is
 * linear-ish and cannot backtrack catastrophically on patterns like `a*a*a*a*b`.
 */
export function matchesShortAnswer(given: string, accepted: string, caseSensitive: boolean): boolean {
  const pattern = normaliseShortAnswer(accepted, caseSensitive);
  const segments = pattern.split(/(?<!\\)\*+/).map((s) => s.replace(/\\\*/g, "*"));
  if (segments.length === 1) return given === segments[0];
  const first = segments[0]!;
  const last = segments[segments.length - 1]!;
  if (given.length < first.length + last.length) return false;
  if (!given.startsWith(first) || !given.endsWith(last)) return false;
  let from = first.length;
  const end = given.length - last.length;
  for (const middle of segments.slice(1, -1)) {
    const at = given.indexOf(middle, from);
    if (at === -1 || at + middle.length > end) return false;
    from = at + middle.length;
  }
  return true;
}

// ---------------------------------------------------------------------------------------
// Numerical answers

const NUMBER = /^[+\-\u2212]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?$/;

/**
 * A learner's number: surrounding spaces, an optional leading + or - (or the Unicode minus
 * sign U+2212 that some keyboards and copy-pastes produce), a decimal point or comma, an
 * optional exponent. No thousands separators, so "1,000" is one, and "1 000" is not a
 * number. Returns null when the text is not a number.
 */
export function parseNumberAnswer(text: string): number | null {
  const t = text.trim();
  if (!NUMBER.test(t)) return null;
  const x = Number(t.replace("\u2212", "-").replace(",", "."));
  return Number.isFinite(x) ? x : null;
}

type NumericalAnswer = Extract<Question, { type: "numerical" }>["answers"][number];

function numberMatches(x: number, answer: NumericalAnswer): boolean {
  if (answer.kind === "range") return answer.min <= x && x <= answer.max;
  // A few ulps of slack, so 0.4 is within 0.1 of 0.3 although 0.4 - 0.3 > 0.1 in binary.
  const slack = 8 * Number.EPSILON * Math.max(Math.abs(x), Math.abs(answer.value), answer.tolerance);
  return Math.abs(x - answer.value) <= answer.tolerance + slack;
}

// ---------------------------------------------------------------------------------------
// A whole attempt

export type AttemptItem = {
  question: Question;
  /** Points the question is worth in this assessment (≥ 0). */
  mark: number;
  response: QuestionResponse | null;
  /** An essay's grade in points (0..mark), null or absent until a trainer grades it. Other types ignore it. */
  manualScore?: number | null;
};

export type AttemptGrade = {
  points: number;
  maxPoints: number;
  /** 0..100, rounded to 2 decimals; 0 when there is nothing to score. */
  percent: number;
  /** Answered essays that no trainer has graded yet (they count 0 points meanwhile). */
  pendingManual: number;
};

/**
 * Totals an attempt. Descriptions are skipped (no mark). An essay counts its manualScore
 * once graded, clamped to 0..mark; an ungraded answered essay counts 0 and is pending; an
 * unanswered essay counts 0 and is not pending, unless a trainer graded it anyway.
 * A negative or non-finite mark is a programming error and throws RangeError.
 */
export function gradeAttempt(items: readonly AttemptItem[]): AttemptGrade {
  let points = 0;
  let maxPoints = 0;
  let pendingManual = 0;
  for (const item of items) {
    if (!isGradable(item.question)) continue;
    if (!Number.isFinite(item.mark) || item.mark < 0) throw new RangeError(`invalid mark ${item.mark}`);
    maxPoints += item.mark;
    const manual = item.manualScore;
    if (item.question.type === "essay" && typeof manual === "number" && Number.isFinite(manual)) {
      points += Math.min(item.mark, Math.max(0, manual));
      continue;
    }
    const graded = gradeResponse(item.question, item.response);
    if (graded.state === "needs-grading") pendingManual++;
    points += graded.score * item.mark;
  }
  return {
    points: roundTo(points, 7),
    maxPoints: roundTo(maxPoints, 7),
    percent: maxPoints > 0 ? roundTo((points / maxPoints) * 100, 2) : 0,
    pendingManual,
  };
}

/**
 * Rounds half up to `digits` decimals, first dropping binary noise beyond 15
 * significant digits, so 1.005 rounds to 1.01 and 0.1 + 0.2 to 0.3.
 */
function roundTo(x: number, digits: number): number {
  const scaled = Number((x * 10 ** digits).toPrecision(15));
  return Math.round(scaled) / 10 ** digits;
}
