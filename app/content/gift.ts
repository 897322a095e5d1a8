/**
 * GIFT, Moodle's plain-text question format (https://docs.moodle.org/en/GIFT_format), read
 * into and written from the one Question shape (questions.ts). Pure: no database, no HTML.
 *
 * Read as Moodle reads it: questions separated by blank lines, `//` comment lines,
 * `::title::`, `$CATEGORY:`, `[html]`/`[markdown]`/`[plain]`/`[moodle]` text formats (the
 * question text defaults to moodle; answers and feedback default to the question text's
 * format, as in Moodle), the escapes `\\ \~ \= \# \{ \} \:` and `\n`, general feedback
 * `####…`, and every question type GIFT has. Differences, all stricter than Moodle:
 * anything Moodle would silently misread (an unknown `[format]`, a weight Moodle would
 * ignore, text where answers are expected…) is an error with its line.
 *
 * Haidang extensions travel in comment lines, which Moodle ignores, placed among the
 * comment lines directly before a question:
 *
 *     // @haidang no-shuffle case-sensitive type=ordering rubric=Text, \n for a new line
 *
 * `no-shuffle` (single/multiple choice), `case-sensitive` (short answer), `type=ordering`
 * (`{=first =second =third}` are items in the right order), `type=single` / `type=multiple`
 * (force the kind of a choice question where GIFT's answer marks cannot tell), and
 * `rubric=…` (essay; takes the rest of the line, with GIFT escapes). One more escape, `\>`,
 * lets a short answer or a matching item contain "->" (written `-\>`).
 *
 * What Moodle's own exports contain is read whole: matching distractors (`= -> Chat`, a
 * right item with no left one), numerical feedback for any other answer (`~#Completely
 * wrong`), and Moodle 4's idnumber and tags in comment lines (`// [id:Q-17] [tag:evidence]`,
 * `\]` for a "]" inside), which the writer puts back.
 */
import {
  QuestionSchema,
  TEXT_FORMATS,
  type ParseResult,
  type Question,
  type RichText,
  type SourceError,
  type TextFormat,
} from "./questions";

export const GIFT_MAX_BYTES = 2 * 1024 * 1024;
export const GIFT_MAX_QUESTIONS = 2000;
/** Beyond this many problems the reader stops: the author has enough to fix. */
const MAX_PROBLEMS = 100;
/** Far above any schema limit: a runaway answer block is refused before building objects. */
const MAX_ANSWERS = 100;

// ---------------------------------------------------------------------------------------
// Source lines and limits (shared with the Aiken reader)

/** One source line and its 1-based number. */
export type SourceLine = { text: string; line: number };

/**
 * The lines of a source (line n is at index n - 1): a UTF-8 BOM is dropped; CRLF, LF and a
 * lone CR end a line. Plain strings, no object per line: a 1 MB file may have 500,000 lines.
 */
export function sourceLines(source: string): string[] {
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  return text.replace(/\r\n?/g, "\n").split("\n");
}

const NOT_BLANK = /\S/;

/** Runs of non-blank lines, as index ranges [from, to) into `lines`. */
export function* blocks(lines: readonly string[]): Generator<{ from: number; to: number }> {
  let from = -1;
  for (let i = 0; i < lines.length; i++) {
    const blank = !NOT_BLANK.test(lines[i] as string);
    if (!blank && from === -1) from = i;
    else if (blank && from !== -1) {
      yield { from, to: i };
      from = -1;
    }
  }
  if (from !== -1) yield { from, to: lines.length };
}

/** The "file too large" error, or null. Counted in UTF-8 bytes, encoding only when it could matter. */
export function sizeError(source: string): SourceError | null {
  const tooLarge =
    source.length > GIFT_MAX_BYTES ||
    (source.length * 3 > GIFT_MAX_BYTES && new TextEncoder().encode(source).length > GIFT_MAX_BYTES);
  return tooLarge ? { line: 1, message: "the file is larger than 2 MB" } : null;
}

export function tooManyQuestionsError(): SourceError {
  return { line: 1, message: `the file has more than ${GIFT_MAX_QUESTIONS} questions` };
}

/** Collects problems in source order of discovery, up to a limit. */
export class Problems {
  readonly list: SourceError[] = [];
  add(line: number, message: string) {
    if (this.list.length < MAX_PROBLEMS) this.list.push({ line, message });
  }
  get full() {
    return this.list.length >= MAX_PROBLEMS;
  }
  get count() {
    return this.list.length;
  }
  /** In line order (stable: problems on one line keep the order they were found in). */
  sorted(): SourceError[] {
    return [...this.list].sort((a, b) => a.line - b.line);
  }
  stoppedAt(line: number): SourceError {
    return { line, message: `more than ${MAX_PROBLEMS} problems: reading stopped here` };
  }
}

/** Zod's complaints about an assembled question, as problems on its first line. */
export function reportSchemaIssues(candidate: unknown, line: number, problems: Problems): Question | null {
  const result = QuestionSchema.safeParse(candidate);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const where = issue.path.length ? ` (${issue.path.join(".")})` : "";
    problems.add(line, `the question is not valid${where}: ${issue.message}`);
  }
  return null;
}

// ---------------------------------------------------------------------------------------
// Escapes

const BACKSLASH = "\\";
/** What follows a backslash → what it stands for. Any other `\x` stays as written (as in Moodle: LaTeX survives). */
const UNESCAPES = new Map([
  ["\\", "\\"],
  ["~", "~"],
  ["=", "="],
  ["#", "#"],
  ["{", "{"],
  ["}", "}"],
  [":", ":"],
  [">", ">"],
  ["n", "\n"],
]);
const ESCAPED = new Set(["\\", "~", "=", "#", "{", "}", ":"]);

export function unescapeGift(raw: string): string {
  if (!raw.includes(BACKSLASH)) return raw;
  let out = "";
  let from = 0;
  for (let i = 0; i < raw.length - 1; i++) {
    if (raw[i] !== BACKSLASH) continue;
    const meaning = UNESCAPES.get(raw[i + 1] as string);
    if (meaning !== undefined) {
      out += raw.slice(from, i) + meaning;
      from = i + 2;
    }
    i++; // an unknown `\x` keeps both characters
  }
  return out + raw.slice(from);
}

/**
 * Escapes text so that GIFT reads it back unchanged, always on one line. `arrows` also
 * escapes "->" (as `-\>`) where it would otherwise start a matching question's right side.
 */
export function escapeGift(text: string, arrows = false): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string; // code units: surrogate pairs pass through unchanged
    if (ESCAPED.has(c)) out += BACKSLASH + c;
    else if (c === "\n") out += "\\n";
    else if (c === "\r") out += text[i + 1] === "\n" ? "" : "\\n";
    else if (arrows && c === ">" && text[i - 1] === "-") out += "\\>";
    else out += c;
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// One question's text, with its source lines

const SPACE = /\s/;

/** Quotes source text in a message, shortened: a message must stay readable. */
export function quote(raw: string): string {
  const text = raw.trim().replace(/\s+/g, " ");
  return `"${text.length > 40 ? `${text.slice(0, 40)}…` : text}"`;
}

/** A question's non-comment lines joined by "\n", mapping offsets back to source lines. */
class QuestionText {
  private constructor(
    readonly s: string,
    private readonly starts: number[],
    private readonly lines: number[],
  ) {}

  /** `texts[i]` is source line `numbers[i]`. */
  static of(texts: readonly string[], numbers: number[]): QuestionText {
    const starts: number[] = [];
    let offset = 0;
    for (const text of texts) {
      starts.push(offset);
      offset += text.length + 1;
    }
    return new QuestionText(texts.join("\n"), starts, numbers);
  }

  lineAt(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return this.lines[lo] ?? 1;
  }

  /** First index in from..to where `needle` starts outside an escape, or -1. */
  find(needle: string, from: number, to: number): number {
    const s = this.s;
    const first = needle[0];
    for (let i = from; i < to; i++) {
      const c = s[i];
      if (c === BACKSLASH) i++;
      else if (c === first && i + needle.length <= to && s.startsWith(needle, i)) return i;
    }
    return -1;
  }

  /** Last such index (overlapping starts count, as with Moodle's strrpos). */
  findLast(needle: string, from: number, to: number): number {
    let found = -1;
    for (let at = this.find(needle, from, to); at !== -1; at = this.find(needle, at + 1, to)) found = at;
    return found;
  }

  skipSpace(from: number, to: number): number {
    let i = from;
    while (i < to && SPACE.test(this.s[i] as string)) i++;
    return i;
  }

  isBlank(from: number, to: number): boolean {
    return this.skipSpace(from, to) >= to;
  }

  /** Unescaped and trimmed. */
  plain(from: number, to: number): string {
    return unescapeGift(this.s.slice(from, to)).trim();
  }

  /** A short quotation of the source for messages. */
  quote(from: number, to: number): string {
    return quote(this.s.slice(from, Math.min(to, from + 200)));
  }
}

// ---------------------------------------------------------------------------------------
// Directives: `// @haidang …`

type TypeDirective = "ordering" | "single" | "multiple";
type Directives = {
  noShuffle?: number; // the line it was given on
  caseSensitive?: number;
  type?: { value: TypeDirective; line: number };
  rubric?: { raw: string; line: number };
};

const DIRECTIVE_PREFIX = /^\s*\/\/\s*@haidang(?=\s|$)/;
const TYPE_DIRECTIVES: Record<string, TypeDirective> = {
  "type=ordering": "ordering",
  "type=single": "single",
  "type=multiple": "multiple",
};

const COMMENT = /^\s*\/\//;

function isComment(line: string) {
  return COMMENT.test(line);
}

function isDirective(line: string) {
  return DIRECTIVE_PREFIX.test(line);
}

function readDirectives(lines: SourceLine[], problems: Problems): Directives {
  const directives: Directives = {};
  for (const { text, line } of lines) {
    let rest = text.replace(DIRECTIVE_PREFIX, "");
    for (rest = rest.trimStart(); rest !== ""; rest = rest.trimStart()) {
      if (rest.startsWith("rubric=")) {
        if (directives.rubric) problems.add(line, "rubric= is given twice");
        directives.rubric = { raw: rest.slice("rubric=".length), line };
        break; // the rubric is the rest of the line
      }
      const word = rest.split(/\s/, 1)[0] as string;
      rest = rest.slice(word.length);
      const type = Object.prototype.hasOwnProperty.call(TYPE_DIRECTIVES, word) ? TYPE_DIRECTIVES[word] : undefined;
      if (word === "no-shuffle") directives.noShuffle = line;
      else if (word === "case-sensitive") directives.caseSensitive = line;
      else if (type) {
        if (directives.type && directives.type.value !== type)
          problems.add(line, `${word} contradicts type=${directives.type.value}`);
        directives.type = { value: type, line };
      } else {
        problems.add(
          line,
          `unknown @haidang directive "${word}" (known: no-shuffle, case-sensitive, type=ordering, type=single, type=multiple, rubric=…)`,
        );
      }
    }
  }
  return directives;
}

// ---------------------------------------------------------------------------------------
// Reading

export function parseGift(source: string): ParseResult {
  const tooLarge = sizeError(source);
  if (tooLarge) return { ok: false, errors: [tooLarge] };
  const problems = new Problems();
  const questions: Question[] = [];
  let category = "";
  let count = 0;
  const lines = sourceLines(source);
  for (const { from, to } of blocks(lines)) {
    if (problems.full) return { ok: false, errors: [...problems.sorted(), problems.stoppedAt(from + 1)] };
    const read = readBlock(lines, from, to, category, problems);
    if (read.kind === "category") category = read.category;
    if (read.kind !== "question") continue;
    if (++count > GIFT_MAX_QUESTIONS) return { ok: false, errors: [tooManyQuestionsError()] };
    if (read.question) questions.push(read.question);
  }
  if (problems.count > 0) return { ok: false, errors: problems.sorted() };
  return { ok: true, questions };
}

type BlockRead =
  { kind: "none" } | { kind: "category"; category: string } | { kind: "question"; question: Question | null };

/** Reads one block (lines from..to, indices into `lines`). */
function readBlock(
  lines: readonly string[],
  from: number,
  to: number,
  category: string,
  problems: Problems,
): BlockRead {
  let first = from;
  while (first < to && isComment(lines[first] as string)) first++;
  const leading: SourceLine[] = [];
  for (let i = from; i < first; i++)
    if (isDirective(lines[i] as string)) leading.push({ text: lines[i] as string, line: i + 1 });
  // Indices, not objects: one question may be most of a large file.
  const texts: string[] = [];
  const numbers: number[] = [];
  for (let i = first; i < to; i++) {
    const text = lines[i] as string;
    if (!isComment(text)) {
      texts.push(text);
      numbers.push(i + 1);
    } else if (isDirective(text))
      problems.add(i + 1, "a // @haidang line must come before the question text, not inside it");
  }
  if (texts.length === 0) {
    for (const line of leading)
      problems.add(
        line.line,
        "this // @haidang line is not directly followed by a question (no blank line in between)",
      );
    return { kind: "none" };
  }
  if ((texts[0] as string).trimStart().startsWith("$CATEGORY:")) {
    for (const line of leading) problems.add(line.line, "a // @haidang line cannot apply to $CATEGORY:");
    return readCategory(texts, numbers, problems);
  }
  const directives = readDirectives(leading, problems);
  const marks = readMoodleMarks(lines, from, to, problems);
  const question = readQuestion(QuestionText.of(texts, numbers), directives, marks ?? {}, category, problems);
  return { kind: "question", question: marks ? question : null };
}

/** Moodle's export header, `// question: 12  name: …`: its name is free text, so never read for marks. */
const MOODLE_HEADER = /^\s*\/\/\s*question:\s*\d+\s+name:/;
const ID_MARK = /\[id:((?:\\\]|[^\]\u0000-\u001f\u007f])+)\]/;
const TAG_MARK = /\[tag:((?:\\\]|[^\]<>\u0000-\u001f\u007f])*)\]/g;
const unescapeMark = (raw: string) => raw.trim().replace(/\\\]/g, "]");

/**
 * Moodle 4's idnumber and tags, read as Moodle reads them from a question's comment lines:
 * `[id:…]` and `[tag:…]` anywhere in a line, trimmed, `\]` standing for "]", never across
 * lines. Differences, stricter: two different idnumbers are an error (Moodle keeps the
 * first), and a tag given twice is kept once (as Moodle's tag list does).
 */
export function moodleMarks(comments: readonly { text: string; line: number }[]): {
  idnumber: string | null;
  tags: string[];
  problems: SourceError[];
} {
  let idnumber: string | null = null;
  const tags: string[] = [];
  const problems: SourceError[] = [];
  for (const { text, line } of comments) {
    const id = ID_MARK.exec(text);
    if (id) {
      const value = unescapeMark(id[1] as string);
      if (idnumber !== null && value !== idnumber)
        problems.push({ line, message: `a question has one idnumber: [id:${idnumber}] is already given` });
      else idnumber = value;
    }
    for (const tag of text.matchAll(TAG_MARK)) {
      const value = unescapeMark(tag[1] as string);
      if (value !== "" && !tags.includes(value)) tags.push(value);
    }
  }
  return { idnumber, tags, problems };
}

/** The marks in a block's comment lines (not directives, not Moodle's header); null when they are wrong. */
function readMoodleMarks(lines: readonly string[], from: number, to: number, problems: Problems): Marks | null {
  const comments: { text: string; line: number }[] = [];
  for (let i = from; i < to; i++) {
    const text = lines[i] as string;
    if (isComment(text) && !isDirective(text) && !MOODLE_HEADER.test(text) && text.includes("["))
      comments.push({ text, line: i + 1 });
  }
  if (comments.length === 0) return {};
  const read = moodleMarks(comments);
  for (const p of read.problems) problems.add(p.line, p.message);
  return read.problems.length ? null : { idnumber: read.idnumber, tags: read.tags };
}

function readCategory(texts: string[], numbers: number[], problems: Problems): BlockRead {
  if (texts.length > 1) problems.add(numbers[1] as number, "$CATEGORY: must be alone, followed by a blank line");
  const line = numbers[0] as number;
  let path = (texts[0] as string).trimStart().slice("$CATEGORY:".length).trim();
  // Moodle exports absolute paths ("$course$/top/Evidence"); the bank stores them relative.
  if (path === "$course$") path = "";
  else if (path.startsWith("$course$/")) path = path.slice("$course$/".length);
  if (path === "top") path = "";
  else if (path.startsWith("top/")) path = path.slice("top/".length);
  if (path.length > 255) problems.add(line, "the category is longer than 255 characters");
  return { kind: "category", category: path };
}

type Fields = Record<string, unknown>;

type Marks = { idnumber?: string | null; tags?: string[] };

function readQuestion(
  text: QuestionText,
  directives: Directives,
  marks: Marks,
  category: string,
  problems: Problems,
): Question | null {
  const before = problems.count;
  const s = text.s;
  const firstLine = text.lineAt(0);
  let pos = text.skipSpace(0, s.length);

  let title: string | null = null;
  if (s.startsWith("::", pos)) {
    const end = text.find("::", pos + 2, s.length);
    if (end === -1) {
      problems.add(text.lineAt(pos), "the title is not closed: write ::title:: (escape a colon in it as \\:)");
      return null;
    }
    title = text.plain(pos + 2, end) || null;
    pos = end + 2;
  }

  const open = text.find("{", pos, s.length);
  const close = text.find("}", pos, s.length);
  if (open === -1 && close === -1) {
    const stem = readRichText(text, pos, s.length, "moodle", problems);
    return finish({ type: "description", title, category, stem, ...marks }, directives, firstLine, before, problems);
  }
  if (!checkBraces(text, open, close, problems)) return null;

  const stem = readRichText(text, pos, open, "moodle", problems);
  const tail = text.plain(close + 1, s.length) || null;
  const answers = readAnswerBlock(text, open + 1, close, stem.format, directives, problems);
  if (!answers) return null;
  return finish({ title, category, stem, tail, ...marks, ...answers }, directives, firstLine, before, problems);
}

/** One `{…}` per question, no brace left unescaped elsewhere. */
function checkBraces(text: QuestionText, open: number, close: number, problems: Problems): boolean {
  const end = text.s.length;
  if (close === -1) {
    problems.add(text.lineAt(open), "{ is not closed by } (escape a literal brace as \\{)");
    return false;
  }
  if (open === -1 || close < open) {
    problems.add(text.lineAt(close), "} without a { before it (escape a literal brace as \\})");
    return false;
  }
  const nested = text.find("{", open + 1, close);
  if (nested !== -1) {
    problems.add(text.lineAt(nested), "{ inside an answer block (escape a literal brace as \\{)");
    return false;
  }
  const extras = [text.find("{", close + 1, end), text.find("}", close + 1, end)].filter((at) => at !== -1);
  if (extras.length) {
    const extra = Math.min(...extras);
    problems.add(text.lineAt(extra), "a question has only one answer block {…} (escape literal braces as \\{ and \\})");
    return false;
  }
  return true;
}

/** Applies what the directives say once the type is known, then validates against the schema. */
function finish(
  fields: Fields,
  directives: Directives,
  line: number,
  before: number,
  problems: Problems,
): Question | null {
  const type = fields.type;
  const stemFormat = (fields.stem as RichText).format;
  if (directives.noShuffle !== undefined) {
    if (type === "single" || type === "multiple") fields.shuffle = false;
    else problems.add(directives.noShuffle, "no-shuffle only applies to single and multiple choice questions");
  }
  if (directives.caseSensitive !== undefined) {
    if (type === "short") fields.caseSensitive = true;
    else problems.add(directives.caseSensitive, "case-sensitive only applies to short answer questions");
  }
  if (directives.rubric) {
    const { raw, line: rubricLine } = directives.rubric;
    if (type === "essay") {
      const rubricText = QuestionText.of([raw], [rubricLine]);
      const rubric = readRichText(rubricText, 0, raw.length, stemFormat, problems);
      fields.rubric = rubric.text === "" ? null : rubric;
    } else problems.add(rubricLine, "rubric= only applies to essay questions");
  }
  if (directives.type && type !== directives.type.value) {
    problems.add(directives.type.line, `type=${directives.type.value} does not fit this answer block`);
  }
  if (problems.count > before) return null;
  return reportSchemaIssues(fields, line, problems);
}

// ---------------------------------------------------------------------------------------
// Texts

const FORMAT_TAG = /\[([A-Za-z]+)\]/y;

/**
 * Text with an optional leading `[format]`. A bracketed word that is not a format is an
 * error, unless a Markdown link or reference follows (`[label](…)`, `[label][…]`).
 */
function readRichText(
  text: QuestionText,
  from: number,
  to: number,
  defaultFormat: TextFormat,
  problems: Problems,
): RichText {
  let p = text.skipSpace(from, to);
  let format = defaultFormat;
  FORMAT_TAG.lastIndex = p;
  const tag = FORMAT_TAG.exec(text.s);
  if (tag && p + tag[0].length <= to) {
    const name = tag[1] as string;
    const next = text.s[p + tag[0].length];
    if ((TEXT_FORMATS as readonly string[]).includes(name)) {
      format = name as TextFormat;
      p += tag[0].length;
    } else if (next !== "(" && next !== "[") {
      problems.add(
        text.lineAt(p),
        `unknown text format [${name}]: use [html], [markdown], [plain] or [moodle] (to start a text with "[${name}]", write [moodle][${name}])`,
      );
    }
  }
  return { text: text.plain(p, to), format };
}

/** A feedback text; null when empty. */
function readFeedback(
  text: QuestionText,
  from: number,
  to: number,
  defaultFormat: TextFormat,
  problems: Problems,
): RichText | null {
  const feedback = readRichText(text, from, to, defaultFormat, problems);
  return feedback.text === "" ? null : feedback;
}

/** A plain-string answer (short answer): a leading format tag is dropped, as Moodle does. */
function readPlainAnswer(text: QuestionText, from: number, to: number, problems: Problems): string {
  return readRichText(text, from, to, "moodle", problems).text;
}

// ---------------------------------------------------------------------------------------
// Answer blocks

type Mark = "=" | "~";
/** One answer of a block: its mark, then (weight) text (#feedback), up to the next mark. */
type Answer = {
  mark: Mark;
  at: number;
  weight: number | null;
  textFrom: number;
  textTo: number;
  /** Start of the feedback text (after the #), or null. */
  feedbackFrom: number | null;
  to: number;
};

function readAnswerBlock(
  text: QuestionText,
  from: number,
  to: number,
  stemFormat: TextFormat,
  directives: Directives,
  problems: Problems,
): Fields | null {
  const before = problems.count;
  // General feedback first: Moodle takes everything after the last ####.
  const hashes = text.findLast("####", from, to);
  const generalFeedback = hashes === -1 ? null : readFeedback(text, hashes + 4, to, stemFormat, problems);
  const end = hashes === -1 ? to : hashes;
  const start = text.skipSpace(from, end);
  const context: BlockContext = { text, start, end, stemFormat, problems, before };

  const forced = directives.type?.value;
  let fields: Fields | null;
  if (forced === "ordering") fields = readOrdering(context);
  else if (forced && start < end) fields = readChoices(context, forced);
  else if (start >= end) fields = forced ? wrongBlock(context, forced) : { type: "essay" };
  else if (text.s[start] === "#") fields = readNumerical({ ...context, start: start + 1 });
  else fields = readTrueFalse(context) ?? readMarkedAnswers(context);
  return fields && { ...fields, generalFeedback };
}

type BlockContext = {
  text: QuestionText;
  start: number;
  end: number;
  stemFormat: TextFormat;
  problems: Problems;
  /** The problem count before this block was read: more means some part of it is broken. */
  before: number;
};

function wrongBlock({ text, start, problems }: BlockContext, forced: TypeDirective): null {
  const example = forced === "ordering" ? "{=first =second =third}" : "{=right ~wrong}";
  problems.add(text.lineAt(start), `type=${forced} needs its answers written as ${example}`);
  return null;
}

const TRUE_FALSE = new Map([
  ["T", true],
  ["TRUE", true],
  ["F", false],
  ["FALSE", false],
]);

/** `{T}`, `{FALSE#feedback if wrong#feedback if right}`; null when the block is something else. */
function readTrueFalse({ text, start, end, stemFormat, problems }: BlockContext): Fields | null {
  const hash = text.find("#", start, end);
  const word = text.s.slice(start, hash === -1 ? end : hash).trim();
  const answer = TRUE_FALSE.get(word);
  if (answer === undefined) return null;
  let feedbackWrong: RichText | null = null;
  let feedbackRight: RichText | null = null;
  if (hash !== -1) {
    // Moodle: the first feedback is shown to a learner who answered wrongly, the second to one who was right.
    const second = text.find("#", hash + 1, end);
    feedbackWrong = readFeedback(text, hash + 1, second === -1 ? end : second, stemFormat, problems);
    if (second !== -1) feedbackRight = readFeedback(text, second + 1, end, stemFormat, problems);
  }
  return { type: "truefalse", answer, feedbackWrong, feedbackRight };
}

/** Choices, matching or short answer, told apart by their marks as Moodle does. */
function readMarkedAnswers(context: BlockContext): Fields | null {
  const answers = splitAnswers(context, "answers");
  if (!answers) return null;
  if (answers.some((a) => a.mark === "~")) return readChoices(context, null, answers);
  if (answers.some((a) => context.text.find("->", a.textFrom, a.textTo) !== -1)) return readMatching(context, answers);
  return readShort(context, answers);
}

const WEIGHT = /%([-+\d.,eE\s]*)%/y;
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

function parseNumber(raw: string): number | null {
  const trimmed = raw.trim();
  if (!NUMBER.test(trimmed)) return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}

/**
 * Splits a block at its unescaped = and ~ marks. Text before the first mark is an error
 * (`what` names what was expected); null when the block cannot be read at all.
 */
function splitAnswers({ text, start, end, problems }: BlockContext, what: string): Answer[] | null {
  const s = text.s;
  const marks: number[] = [];
  for (let i = start; i < end && marks.length <= MAX_ANSWERS; i++) {
    const c = s[i];
    if (c === BACKSLASH) i++;
    else if (c === "=" || c === "~") marks.push(i);
  }
  const firstMark = marks[0] ?? end;
  if (!text.isBlank(start, firstMark)) {
    const found = text.quote(start, firstMark);
    const word = (s.slice(start, firstMark).split("#", 1)[0] as string).trim();
    const hint = /^(t|true|f|false)$/i.test(word)
      ? " (true/false answers are written T, TRUE, F or FALSE, in capitals)"
      : "";
    problems.add(text.lineAt(start), `expected ${what} starting with = or ~ but found ${found}${hint}`);
    return null;
  }
  if (marks.length > MAX_ANSWERS) {
    problems.add(text.lineAt(start), `more than ${MAX_ANSWERS} answers in one question`);
    return null;
  }
  return marks.map((at, k) => readAnswer(text, at, marks[k + 1] ?? end, problems));
}

/** `%weight%`, text, `#feedback` of one answer. A bad weight is reported and read as none, so that reading goes on. */
function readAnswer(text: QuestionText, at: number, to: number, problems: Problems): Answer {
  let p = text.skipSpace(at + 1, to);
  let weight: number | null = null;
  WEIGHT.lastIndex = p;
  const written = text.s[p] === "%" ? WEIGHT.exec(text.s) : null;
  if (written && p + written[0].length <= to) {
    weight = parseNumber(written[1] as string);
    if (weight === null || weight < -100 || weight > 100) {
      problems.add(text.lineAt(p), `the weight ${quote(written[0])} must be a number from -100 to 100`);
      weight = null;
    }
    p += written[0].length;
  }
  const hash = text.find("#", p, to);
  return {
    mark: text.s[at] as Mark,
    at,
    weight,
    textFrom: p,
    textTo: hash === -1 ? to : hash,
    feedbackFrom: hash === -1 ? null : hash + 1,
    to,
  };
}

function answerFeedback(context: BlockContext, answer: Answer): RichText | null {
  if (answer.feedbackFrom === null) return null;
  return readFeedback(context.text, answer.feedbackFrom, answer.to, context.stemFormat, context.problems);
}

/** How GIFT's marks tell single from multiple choice; the writer uses it to know when to say so. */
export function inferChoiceType(answers: { mark: Mark; weight: number }[]): "single" | "multiple" | null {
  if (!answers.some((a) => a.mark === "~")) return null; // not a choice question at all
  if (answers.some((a) => a.mark === "=")) return "single";
  const positive = answers.filter((a) => a.weight > 0).length;
  return positive > 1 || answers.some((a) => a.weight < 0) ? "multiple" : "single";
}

function readChoices(context: BlockContext, forced: "single" | "multiple" | null, split?: Answer[]): Fields | null {
  const { text, problems } = context;
  const answers = split ?? splitAnswers(context, "choices");
  if (!answers) return null;
  const before = context.before;
  const marked: { mark: Mark; weight: number }[] = [];
  const choices = answers.map((answer) => {
    if (answer.mark === "=" && answer.weight !== null) {
      problems.add(
        text.lineAt(answer.at),
        "in a choice question a weight goes after ~ (~%50%answer); = always means 100%",
      );
    }
    const weight = answer.weight ?? (answer.mark === "=" ? 100 : 0);
    marked.push({ mark: answer.mark, weight });
    const choiceText = readRichText(text, answer.textFrom, answer.textTo, context.stemFormat, problems);
    if (choiceText.text === "") problems.add(text.lineAt(answer.at), "an answer has no text");
    return { text: choiceText, weight, feedback: answerFeedback(context, answer) };
  });
  // Whole-question checks only once every answer reads well: no guessing from broken ones.
  if (problems.count > before) return null;
  const type = forced ?? inferChoiceType(marked) ?? "single";
  const line = text.lineAt(context.start);
  if (!marked.some((a) => a.weight > 0)) {
    problems.add(
      line,
      type === "single"
        ? "a single choice question needs a right answer: mark it with = (or give a weight, ~%100%)"
        : "a multiple response question needs at least one answer with a positive weight",
    );
  }
  if (choices.length < 2) problems.add(line, "a choice question needs at least 2 answers");
  if (problems.count > before) return null;
  return { type, choices };
}

function readShort(context: BlockContext, answers: Answer[]): Fields | null {
  const { text, problems } = context;
  const before = context.before;
  const read = answers.map((answer) => {
    const credit = answer.weight ?? 100;
    if (credit < 0) problems.add(text.lineAt(answer.at), "a short answer's credit must be from 0 to 100");
    const answerText = readPlainAnswer(text, answer.textFrom, answer.textTo, problems);
    if (answerText === "") problems.add(text.lineAt(answer.at), "an answer has no text");
    return { text: answerText, credit, feedback: answerFeedback(context, answer) };
  });
  if (problems.count > before) return null;
  return { type: "short", answers: read };
}

function readMatching(context: BlockContext, answers: Answer[]): Fields | null {
  const { text, problems } = context;
  const before = context.before;
  const pairs = answers.map((answer) => {
    const line = text.lineAt(answer.at);
    if (answer.weight !== null) problems.add(line, "matching answers take no weight");
    if (answer.feedbackFrom !== null)
      problems.add(line, "matching answers take no feedback (escape a literal # as \\#)");
    const arrow = text.find("->", answer.textFrom, answer.textTo);
    if (arrow === -1) {
      problems.add(
        line,
        `every answer of a matching question is written =left -> right; found ${text.quote(answer.at, answer.to)}`,
      );
      return null;
    }
    const left = readRichText(text, answer.textFrom, arrow, context.stemFormat, problems);
    const right = text.plain(arrow + 2, answer.textTo);
    // Nothing on the left is a distractor (Moodle: an extra answer that matches no question).
    if (right === "") problems.add(line, "a matching pair needs text on both sides of -> (a distractor: = -> text)");
    return { left, right };
  });
  if (problems.count > before) return null;
  const read = pairs as { left: RichText; right: string }[];
  const real = read.filter((p) => p.left.text !== "");
  const distractors = read.filter((p) => p.left.text === "").map((p) => p.right);
  if (real.length < 2) {
    problems.add(text.lineAt(context.start), "a matching question needs at least 2 pairs (distractors aside)");
    return null;
  }
  return { type: "matching", pairs: real, distractors };
}

function readOrdering(context: BlockContext): Fields | null {
  const { text, problems } = context;
  if (context.start >= context.end) return wrongBlock(context, "ordering");
  const answers = splitAnswers(context, "items (type=ordering: {=first =second =third})");
  if (!answers) return null;
  const before = context.before;
  const items = answers.map((answer) => {
    const line = text.lineAt(answer.at);
    if (answer.mark === "~") problems.add(line, "ordering items are all written with =, in the right order");
    if (answer.weight !== null) problems.add(line, "ordering items take no weight");
    if (answer.feedbackFrom !== null) problems.add(line, "ordering items take no feedback (escape a literal # as \\#)");
    const item = readRichText(text, answer.textFrom, answer.textTo, context.stemFormat, problems);
    if (item.text === "") problems.add(line, "an ordering item has no text");
    return item;
  });
  if (problems.count === before && items.length < 2)
    problems.add(text.lineAt(context.start), "an ordering question needs at least 2 items");
  if (problems.count > before) return null;
  return { type: "ordering", items };
}

/** `{#3.14:0.01}`, `{#1..5}`, `{#=3.14:0.01#fb =%50%3.1:0.1}`; context.start is just after the #. */
function readNumerical(context: BlockContext): Fields | null {
  const { text, problems } = context;
  const s = text.s;
  // `~#feedback`, last, is the feedback for any other answer (Moodle reads all after the first ~).
  const tilde = text.find("~", context.start, context.end);
  const end = tilde === -1 ? context.end : tilde;
  const otherFeedback = tilde === -1 ? null : readOtherFeedback(context, tilde);
  if (otherFeedback === undefined) return null;
  const marks: number[] = [];
  for (let i = context.start; i < end && marks.length <= MAX_ANSWERS; i++) {
    const c = s[i];
    if (c === BACKSLASH) i++;
    else if (c === "=") marks.push(i);
  }
  if (marks.length > MAX_ANSWERS) {
    problems.add(text.lineAt(context.start), `more than ${MAX_ANSWERS} answers in one question`);
    return null;
  }
  // The short form has one answer without a mark: {#3.14:0.01#feedback}.
  const firstMark = marks[0] ?? end;
  const ranges: { at: number; from: number; to: number }[] = [];
  if (!text.isBlank(context.start, firstMark)) ranges.push({ at: context.start, from: context.start, to: firstMark });
  marks.forEach((at, k) => ranges.push({ at, from: at + 1, to: marks[k + 1] ?? end }));
  if (ranges.length === 0) {
    problems.add(text.lineAt(context.start), "a numerical question needs a number after {#");
    return null;
  }
  const before = context.before;
  const answers = ranges.map(({ at, from, to }) => readNumericalAnswer(context, at, from, to));
  if (problems.count > before) return null;
  return { type: "numerical", answers, otherFeedback };
}

/** `~#feedback` from the ~ at `at` to the block's end; undefined (reported) when it is not that. */
function readOtherFeedback(context: BlockContext, at: number): RichText | null | undefined {
  const { text, problems } = context;
  const hash = text.find("#", at + 1, context.end);
  const more = [text.find("~", at + 1, context.end), text.find("=", at + 1, context.end)].filter((i) => i !== -1);
  if (more.length) {
    problems.add(
      text.lineAt(Math.min(...more)),
      "in a numerical question the feedback for any other answer (~#feedback) comes last, once",
    );
    return undefined;
  }
  if (!text.isBlank(at + 1, hash === -1 ? context.end : hash)) {
    problems.add(
      text.lineAt(at),
      `after ~ a numerical question takes only #feedback for any other answer; found ${text.quote(at, context.end)}`,
    );
    return undefined;
  }
  return hash === -1 ? null : readFeedback(text, hash + 1, context.end, context.stemFormat, problems);
}

function readNumericalAnswer(context: BlockContext, at: number, from: number, to: number): Fields | null {
  const { text, problems } = context;
  const line = text.lineAt(at);
  // A mark-less first answer reads like one after a mark.
  const answer = readAnswer(text, from - 1, to, problems);
  const credit = answer.weight ?? 100;
  if (credit < 0) problems.add(line, "a numerical answer's credit must be from 0 to 100");
  const feedback = answerFeedback(context, answer);
  const spec = text.plain(answer.textFrom, answer.textTo);
  const number = (raw: string) => {
    const value = parseNumber(raw);
    if (value === null) problems.add(line, `${quote(raw)} is not a number`);
    return value ?? 0;
  };
  if (spec === "") {
    problems.add(line, "a numerical answer needs a number (3.14, 3.14:0.01 or 1..5)");
    return null;
  }
  const dots = spec.indexOf("..");
  if (dots > 0) {
    const min = number(spec.slice(0, dots));
    const max = number(spec.slice(dots + 2));
    if (min > max) problems.add(line, `the range ${quote(spec)} starts above its end`);
    return { kind: "range", min, max, credit, feedback };
  }
  const colon = spec.indexOf(":");
  const value = number(colon === -1 ? spec : spec.slice(0, colon));
  const tolerance = colon === -1 ? 0 : number(spec.slice(colon + 1));
  if (tolerance < 0) problems.add(line, `the tolerance in ${quote(spec)} must not be negative`);
  return { kind: "exact", value, tolerance, credit, feedback };
}

// ---------------------------------------------------------------------------------------
// Writing

/**
 * GIFT for the questions, readable by Moodle and read back by parseGift into the same
 * questions. Texts are written trimmed (GIFT trims), each on one line (newlines as \n).
 * A description keeps no tail or general feedback: GIFT has nowhere to put them.
 */
export function writeGift(questions: readonly Question[]): string {
  const blocks: string[] = [];
  let category = "";
  for (const question of questions) {
    if (question.category !== category) {
      blocks.push(`$CATEGORY: ${categoryPath(question.category)}`);
      category = question.category;
    }
    blocks.push(writeQuestion(question));
  }
  return blocks.length ? `${blocks.join("\n\n")}\n` : "";
}

/** Written as given, unless the reader would strip part of it (or it is the top level). */
function categoryPath(category: string): string {
  if (category === "") return "$course$/top";
  const stripped = /^(?:\$course\$(?:\/|$)|top(?:\/|$))/.test(category);
  return stripped ? `$course$/top/${category}` : category;
}

type Place = "stem" | "answer" | "feedback";

/**
 * A text with its `[format]` when it differs from the default, or when the text itself
 * would be misread without one: starting with "[" (a format tag), "//" as the first thing
 * on a line (a comment), or "%" where a weight may stand.
 */
function writeRich(rt: RichText, defaultFormat: TextFormat, place: Place, arrows = false): string {
  const needsTag =
    rt.format !== defaultFormat ||
    rt.text.startsWith("[") ||
    (place === "stem" && rt.text.startsWith("//")) ||
    (place === "answer" && rt.text.startsWith("%"));
  return (needsTag ? `[${rt.format}]` : "") + escapeGift(rt.text, arrows);
}

function writeFeedback(feedback: RichText | null, stemFormat: TextFormat, arrows = false): string {
  return feedback ? ` #${writeRich(feedback, stemFormat, "feedback", arrows)}` : "";
}

function writeQuestion(q: Question): string {
  const lines = [...markLines(q), ...directiveLines(q)];
  const head = [q.title ? `::${escapeGift(q.title)}::` : "", writeRich(q.stem, "moodle", "stem")].filter(Boolean);
  if (q.type !== "description") {
    head.push(answerBlock(q));
    if (q.tail) head.push(escapeGift(q.tail));
  } else if (head.length === 0) {
    head.push(`[${q.stem.format}]`); // an empty description still needs a line of its own
  }
  lines.push(head.join(" "));
  return lines.join("\n");
}

/**
 * Moodle 4's comment line for the idnumber and tags, `// [id:…] [tag:…]`, with "]" written
 * `\]`. A value ending in a backslash ends its line: read greedily, `\]` would run on into
 * the next mark.
 */
function markLines(q: Question): string[] {
  const marks = [
    ...(q.idnumber === null ? [] : [{ kind: "id", value: q.idnumber }]),
    ...q.tags.map((value) => ({ kind: "tag", value })),
  ];
  const lines: string[] = [];
  let line: string[] = [];
  for (const { kind, value } of marks) {
    line.push(`[${kind}:${value.replace(/\]/g, "\\]")}]`);
    if (value.endsWith(BACKSLASH)) {
      lines.push(`// ${line.join(" ")}`);
      line = [];
    }
  }
  if (line.length) lines.push(`// ${line.join(" ")}`);
  return lines;
}

function directiveLines(q: Question): string[] {
  const flags: string[] = [];
  if (q.type === "single" || q.type === "multiple") {
    if (inferChoiceType(choiceMarks(q)) !== q.type) flags.push(`type=${q.type}`);
    if (!q.shuffle) flags.push("no-shuffle");
  }
  if (q.type === "short" && q.caseSensitive) flags.push("case-sensitive");
  if (q.type === "ordering") flags.push("type=ordering");
  const lines = flags.length ? [`// @haidang ${flags.join(" ")}`] : [];
  if (q.type === "essay" && q.rubric) lines.push(`// @haidang rubric=${writeRubric(q.rubric, q.stem.format)}`);
  return lines;
}

/** Only backslashes and newlines need escaping in a comment line. */
function writeRubric(rubric: RichText, stemFormat: TextFormat): string {
  const tag = rubric.format !== stemFormat || rubric.text.startsWith("[") ? `[${rubric.format}]` : "";
  return tag + rubric.text.replace(/\\/g, "\\\\").replace(/\r\n|\r|\n/g, "\\n");
}

/** A single choice marks its full-credit answers with =; everything else is ~%weight%. */
function choiceMarks(q: Extract<Question, { type: "single" | "multiple" }>): { mark: Mark; weight: number }[] {
  return q.choices.map((c) => ({ mark: q.type === "single" && c.weight === 100 ? "=" : "~", weight: c.weight }));
}

function block(lines: string[], generalFeedback: RichText | null, stemFormat: TextFormat): string {
  const body = lines.map((line) => `\t${line}`);
  if (generalFeedback) body.push(`\t####${writeRich(generalFeedback, stemFormat, "feedback")}`);
  return `{\n${body.join("\n")}\n}`;
}

function inlineGeneralFeedback(generalFeedback: RichText | null, stemFormat: TextFormat): string {
  return generalFeedback ? `####${writeRich(generalFeedback, stemFormat, "feedback")}` : "";
}

function formatNumber(value: number): string {
  return String(value); // shortest round-tripping form; exponents ("1e-7") are read back
}

function answerBlock(q: Exclude<Question, { type: "description" }>): string {
  const f = q.stem.format;
  switch (q.type) {
    case "essay":
      return `{${inlineGeneralFeedback(q.generalFeedback, f)}}`;
    case "truefalse": {
      const wrong = q.feedbackWrong ? writeRich(q.feedbackWrong, f, "feedback") : "";
      const right = q.feedbackRight ? writeRich(q.feedbackRight, f, "feedback") : "";
      const feedback = right ? `#${wrong}#${right}` : wrong ? `#${wrong}` : "";
      return `{${q.answer ? "TRUE" : "FALSE"}${feedback}${inlineGeneralFeedback(q.generalFeedback, f)}}`;
    }
    case "single":
    case "multiple": {
      const marks = choiceMarks(q);
      const lines = q.choices.map((c, i) => {
        const mark = marks[i]?.mark === "=" ? "=" : c.weight === 0 ? "~" : `~%${formatNumber(c.weight)}%`;
        return mark + writeRich(c.text, f, "answer") + writeFeedback(c.feedback, f);
      });
      return block(lines, q.generalFeedback, f);
    }
    case "short": {
      const lines = q.answers.map((a) => {
        const weight = a.credit !== 100 || a.text.startsWith("%") ? `%${formatNumber(a.credit)}%` : "";
        // A leading format tag is read and dropped, so a text starting with "[" gets one.
        const tag = a.text.startsWith("[") ? "[moodle]" : "";
        return `=${weight}${tag}${escapeGift(a.text, true)}${writeFeedback(a.feedback, f, true)}`;
      });
      return block(lines, q.generalFeedback, f);
    }
    case "numerical": {
      const specs = q.answers.map((a) => {
        const spec =
          a.kind === "range"
            ? `${formatNumber(a.min)}..${formatNumber(a.max)}`
            : a.tolerance === 0
              ? formatNumber(a.value)
              : `${formatNumber(a.value)}:${formatNumber(a.tolerance)}`;
        return { credit: a.credit, text: spec + writeFeedback(a.feedback, f) };
      });
      const only = specs.length === 1 && !q.otherFeedback ? specs[0] : undefined;
      if (only && only.credit === 100) return `{#${only.text}${inlineGeneralFeedback(q.generalFeedback, f)}}`;
      const lines = specs.map((a) => `=${a.credit === 100 ? "" : `%${formatNumber(a.credit)}%`}${a.text}`);
      if (q.otherFeedback) lines.push(`~${writeFeedback(q.otherFeedback, f).trimStart()}`);
      return `{#\n${block(lines, q.generalFeedback, f).slice(2)}`;
    }
    case "matching": {
      const lines = [
        ...q.pairs.map((p) => `=${writeRich(p.left, f, "answer", true)} -> ${escapeGift(p.right)}`),
        ...q.distractors.map((right) => `= -> ${escapeGift(right)}`),
      ];
      return block(lines, q.generalFeedback, f);
    }
    case "ordering":
      return block(
        q.items.map((item) => `=${writeRich(item, f, "answer", true)}`),
        q.generalFeedback,
        f,
      );
  }
}
