/**
 * The attempt page's form: field names and reading the learner's answers back. Shared by the
 * page (names) and the action (parsing), with or without JavaScript. Learner input is never
 * trusted: anything impossible for the question is dropped, never thrown.
 */
import type { PresentationOrder } from "./draw";
import type { Question, QuestionResponse } from "~/content/questions";

export const fieldName = (position: number) => `q${position}`;
export const subFieldName = (position: number, index: number) => `q${position}.${index}`;
/** The "flag for review" checkbox of the question at `position`. */
export const flagFieldName = (position: number) => `flag${position}`;
/** Lists the positions shown on the submitted page: a question absent from it keeps its saved answer. */
export const ON_PAGE = "on-page";

export type FormItem = { position: number; question: Question; presentation: PresentationOrder | unknown };

const index = (value: FormDataEntryValue | null, max: number) => {
  if (typeof value !== "string" || !/^\d{1,3}$/.test(value)) return null;
  const n = Number(value);
  return n < max ? n : null;
};

const text = (value: FormDataEntryValue | null, max: number) => (typeof value === "string" ? value.slice(0, max) : "");

const shownPositions = (form: FormData) =>
  new Set(
    String(form.get(ON_PAGE) ?? "")
      .split(",")
      .filter((s) => /^\d{1,4}$/.test(s))
      .map(Number),
  );

/** The responses on the submitted page, by position. */
export function responsesFromForm(form: FormData, items: FormItem[]) {
  const shown = shownPositions(form);
  const out = new Map<number, QuestionResponse>();
  for (const { position, question } of items) {
    if (!shown.has(position)) continue;
    const response = readOne(form, position, question);
    if (response) out.set(position, response);
  }
  return out;
}

/**
 * The review flags on the submitted page, by position: a question shown without its box
 * ticked is unflagged (an unticked checkbox sends nothing); questions not shown keep theirs.
 */
export function flagsFromForm(form: FormData, items: { position: number }[]) {
  const shown = shownPositions(form);
  const out = new Map<number, boolean>();
  for (const { position } of items) {
    if (shown.has(position)) out.set(position, form.get(flagFieldName(position)) === "on");
  }
  return out;
}

function readOne(form: FormData, position: number, q: Question): QuestionResponse | null {
  const name = fieldName(position);
  switch (q.type) {
    case "single":
      return { type: "single", choice: index(form.get(name), q.choices.length) };
    case "multiple": {
      const chosen = form
        .getAll(name)
        .map((v) => index(v, q.choices.length))
        .filter((n): n is number => n !== null);
      return { type: "multiple", choices: [...new Set(chosen)].sort((a, b) => a - b) };
    }
    case "truefalse": {
      const v = form.get(name);
      return { type: "truefalse", answer: v === "true" ? true : v === "false" ? false : null };
    }
    case "short":
      return { type: "short", text: text(form.get(name), 1000) };
    case "numerical":
      return { type: "numerical", text: text(form.get(name), 100) };
    case "essay":
      return { type: "essay", text: text(form.get(name), 20_000) };
    case "matching":
      return {
        type: "matching",
        matches: q.pairs.map((_, i) =>
          index(form.get(subFieldName(position, i)), q.pairs.length + q.distractors.length),
        ),
      };
    case "ordering": {
      // Each item carries the place the learner gave it (1..n); ties keep the shown order.
      const places = q.items.map((_, i) => {
        const v = form.get(subFieldName(position, i));
        const n = typeof v === "string" && /^\d{1,2}$/.test(v) ? Number(v) : Number.POSITIVE_INFINITY;
        return { i, n };
      });
      return { type: "ordering", order: [...places].sort((a, b) => a.n - b.n || a.i - b.i).map((p) => p.i) };
    }
    case "description":
      return null;
  }
}

/** Whether a saved response counts as answered (for the summary page). */
export function isAnswered(response: QuestionResponse | null) {
  if (!response) return false;
  switch (response.type) {
    case "single":
      return response.choice !== null;
    case "multiple":
      return response.choices.length > 0;
    case "truefalse":
      return response.answer !== null;
    case "short":
    case "numerical":
    case "essay":
      return response.text.trim() !== "";
    case "matching":
      return response.matches.some((m) => m !== null);
    case "ordering":
      return response.order.length > 0;
  }
}
