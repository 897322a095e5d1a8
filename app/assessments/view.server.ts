/**
 * What the browser receives for each question of an attempt. While the attempt is open this
 * is the question's text and its options in display order, and nothing else: weights,
 * accepted answers, pairs and feedback stay on the server. After grading, and only when the
 * assessment's feedback setting allows, the review adds scores, feedback and right answers.
 */
import type { PresentationOrder } from "./draw";
import { matchingOption } from "./grading";
import { renderRichText } from "~/content/rich-text.server";
import type { Question, QuestionResponse, RichText } from "~/content/questions";

export type Option = { index: number; html: string };

export type ItemView = {
  position: number;
  mark: number;
  type: Question["type"];
  stemHtml: string;
  tailHtml: string | null;
  choices: Option[] | null;
  /** matching: the left items (stored order) and the right options (display order) */
  lefts: Option[] | null;
  rights: { value: number; text: string }[] | null;
  /** ordering: items in the order they are shown (the learner's saved order, else the starting order) */
  items: Option[] | null;
  response: QuestionResponse | null;
  review: ReviewView | null;
};

export type ReviewView = {
  state: string | null;
  /** points earned, null while an essay waits for its grade */
  points: number | null;
  showAnswers: boolean;
  feedbackHtml: string[];
  generalFeedbackHtml: string | null;
  graderComment: string | null;
  /** choices: the indices with credit; truefalse: the answer; short/numerical: accepted answers as text; matching: the right text per left; ordering: item indices in order */
  correct:
    | { kind: "choices"; indices: number[] }
    | { kind: "truefalse"; answer: boolean }
    | { kind: "texts"; texts: string[] }
    | { kind: "matching"; rights: string[] }
    | { kind: "ordering"; order: number[] }
    | null;
};

const html = (rt: RichText | null) => (rt ? renderRichText(rt) : null);

/** The open-attempt view: never contains anything that reveals an answer. */
export function questionView({
  position,
  mark,
  question: q,
  presentation,
  response,
}: {
  position: number;
  mark: number;
  question: Question;
  presentation: unknown;
  response: QuestionResponse | null;
}): ItemView {
  const p = presentation as PresentationOrder;
  const view: ItemView = {
    position,
    mark,
    type: q.type,
    stemHtml: renderRichText(q.stem),
    tailHtml: q.tail ? renderRichText({ text: q.tail, format: q.stem.format }) : null,
    choices: null,
    lefts: null,
    rights: null,
    items: null,
    response,
    review: null,
  };
  if ((q.type === "single" || q.type === "multiple") && "choices" in p) {
    view.choices = p.choices
      .filter((i) => i < q.choices.length)
      .map((i) => ({ index: i, html: renderRichText(q.choices[i]!.text) }));
  }
  if (q.type === "matching" && "rights" in p) {
    view.lefts = q.pairs.map((pair, i) => ({ index: i, html: renderRichText(pair.left) }));
    view.rights = p.rights.flatMap((k) => {
      const text = matchingOption(q, k);
      return text === undefined ? [] : [{ value: k, text }];
    });
  }
  if (q.type === "ordering" && "items" in p) {
    const saved = response?.type === "ordering" && response.order.length === q.items.length ? response.order : p.items;
    view.items = saved.filter((i) => i < q.items.length).map((i) => ({ index: i, html: renderRichText(q.items[i]!) }));
  }
  return view;
}

/** The review view: adds the grade, and the feedback and right answers when `showAnswers`. */
export function reviewView(
  item: {
    position: number;
    mark: number;
    question: Question;
    presentation: unknown;
    response: QuestionResponse | null;
    score: number | null;
    state: string | null;
    graderComment: string | null;
  },
  { showAnswers, feedback }: { showAnswers: boolean; feedback: RichText[] },
): ItemView {
  const view = questionView(item);
  const q = item.question;
  view.review = {
    state: item.state,
    points: item.score === null ? null : Math.round(item.score * item.mark * 100) / 100,
    showAnswers,
    feedbackHtml: showAnswers ? feedback.map((f) => renderRichText(f)) : [],
    generalFeedbackHtml: showAnswers ? html(q.generalFeedback) : null,
    graderComment: item.graderComment,
    correct: showAnswers ? correctAnswer(q) : null,
  };
  return view;
}

function correctAnswer(q: Question): ReviewView["correct"] {
  switch (q.type) {
    case "single":
    case "multiple":
      return { kind: "choices", indices: q.choices.flatMap((c, i) => (c.weight > 0 ? [i] : [])) };
    case "truefalse":
      return { kind: "truefalse", answer: q.answer };
    case "short":
      return {
        kind: "texts",
        texts: q.answers.filter((a) => a.credit > 0).map((a) => (a.credit < 100 ? `${a.text} (${a.credit}%)` : a.text)),
      };
    case "numerical":
      return {
        kind: "texts",
        texts: q.answers.map((a) => {
          const value =
            a.kind === "exact" ? (a.tolerance ? `${a.value} ± ${a.tolerance}` : `${a.value}`) : `${a.min} – ${a.max}`;
          return a.credit < 100 ? `${value} (${a.credit}%)` : value;
        }),
      };
    case "matching":
      return { kind: "matching", rights: q.pairs.map((p) => p.right) };
    case "ordering":
      return { kind: "ordering", order: q.items.map((_, i) => i) };
    case "essay":
    case "description":
      return null;
  }
}
