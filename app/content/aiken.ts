/**
 * Aiken, Moodle's simplest question format (https://docs.moodle.org/en/Aiken_format): single
 * choice questions only, as plain text. Pure: no database.
 *
 *     What is the correct answer to this question?
 *     A. Is it this one?
 *     B) Maybe this answer?
 *     ANSWER: B
 *
 * The question text may take several lines; options are `A.` or `A)` lines; the ANSWER line
 * ends the question. Blank lines between questions are usual but not required. Read as a
 * "single" question in "plain" format, weight 100 on the answer and 0 on the others.
 */
import {
  GIFT_MAX_QUESTIONS,
  Problems,
  reportSchemaIssues,
  sizeError,
  sourceLines,
  tooManyQuestionsError,
} from "./gift";
import type { ParseResult, Question } from "./questions";

const OPTION = /^([A-Z])[.)](?:\s+(.*))?$/;
const ANSWER = /^ANSWER\s*:\s*(.*)$/i;

type Draft = {
  line: number;
  text: string[];
  options: { letter: string; text: string; line: number }[];
};

export function parseAiken(source: string): ParseResult {
  const tooLarge = sizeError(source);
  if (tooLarge) return { ok: false, errors: [tooLarge] };
  const problems = new Problems();
  const questions: Question[] = [];
  let count = 0;
  let draft: Draft | null = null;

  const lines = sourceLines(source);
  for (let i = 0; i < lines.length && !problems.full; i++) {
    const line = i + 1;
    const text = (lines[i] as string).trim();
    if (text === "") continue;
    const answer = ANSWER.exec(text);
    const option = answer ? null : OPTION.exec(text);

    if (answer) {
      if (!draft) problems.add(line, "ANSWER: without a question before it");
      else {
        if (++count > GIFT_MAX_QUESTIONS) return { ok: false, errors: [tooManyQuestionsError()] };
        const question = finishQuestion(draft, (answer[1] as string).trim(), line, problems);
        if (question) questions.push(question);
      }
      draft = null;
    } else if (option) {
      if (!draft) {
        problems.add(line, `an option (${option[1]}) without a question before it`);
        continue;
      }
      addOption(draft, option[1] as string, (option[2] ?? "").trim(), line, problems);
    } else if (draft && draft.options.length > 0) {
      // Text after the options: the ANSWER line is missing, and this starts the next question.
      problems.add(draft.line, missingAnswer(draft));
      draft = { line, text: [text], options: [] };
    } else if (draft) draft.text.push(text);
    else draft = { line, text: [text], options: [] };
  }
  if (draft) problems.add(draft.line, missingAnswer(draft));
  if (problems.count > 0) return { ok: false, errors: problems.sorted() };
  return { ok: true, questions };
}

function missingAnswer(draft: Draft) {
  return draft.options.length
    ? "this question has no ANSWER: line after its options"
    : "this question has no options (A. …, B. …) and no ANSWER: line";
}

function addOption(draft: Draft, letter: string, text: string, line: number, problems: Problems) {
  if (text === "") problems.add(line, `option ${letter} has no text`);
  if (draft.options.some((o) => o.letter === letter)) problems.add(line, `option ${letter} is given twice`);
  draft.options.push({ letter, text, line });
}

function finishQuestion(draft: Draft, letter: string, line: number, problems: Problems): Question | null {
  const before = problems.count;
  if (!/^[A-Za-z]$/.test(letter)) {
    problems.add(line, `ANSWER: must be followed by one option letter, not "${letter.slice(0, 20)}"`);
  } else if (!draft.options.some((o) => o.letter === letter.toUpperCase())) {
    problems.add(
      line,
      `the answer ${letter} is not one of the options (${draft.options.map((o) => o.letter).join(", ") || "none"})`,
    );
  }
  if (draft.options.length < 2) problems.add(draft.line, "a question needs at least 2 options (A. …, B. …)");
  if (problems.count > before) return null;
  const right = letter.toUpperCase();
  return reportSchemaIssues(
    {
      type: "single",
      stem: { text: draft.text.join("\n"), format: "plain" },
      choices: draft.options.map((o) => ({
        text: { text: o.text, format: "plain" },
        weight: o.letter === right ? 100 : 0,
        feedback: null,
      })),
    },
    draft.line,
    problems,
  );
}
