/**
 * A course's assessments as files, under `courses/<slug>/assessments/`:
 *   - `*.gift`: the course's question bank (Moodle GIFT; `$CATEGORY:` sets categories, every
 *     question needs a `::title::`, its stable key, unique in the course);
 *   - `<assessment-slug>.yml`: one assessment's settings and the questions it draws.
 * Everything is checked before anything is written; problems carry the file and line.
 */
import { isMap, isSeq, LineCounter, parseDocument, type Node as YamlNode } from "yaml";
import { z } from "zod";
import type { CourseDocument } from "./course-document";
import { SlugSchema } from "./course-document";
import { parseGift } from "./gift";
import type { Question } from "./questions";

export const FEEDBACK_POLICIES = ["immediately", "after-last", "never"] as const;
export type FeedbackPolicyName = (typeof FEEDBACK_POLICIES)[number];

const SelectionSchema = z.union([
  z.object({ question: z.string().min(1).max(255), mark: z.number().positive().max(100).default(1) }).strict(),
  z
    .object({
      category: z.string().max(255),
      count: z.number().int().positive().max(200),
      mark: z.number().positive().max(100).default(1),
    })
    .strict(),
]);
export type SelectionRule = z.infer<typeof SelectionSchema>;

/** The settings every assessment has, whether written in a .yml file or in the browser. */
export const AssessmentSettingsSchema = z
  .object({
    title: z.string().trim().min(1).max(200),
    translations: z
      .record(z.string().regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/), z.string().trim().min(1).max(200))
      .default({}),
    module: SlugSchema.optional(),
    final: z.boolean().default(false),
    "pass-mark": z.number().int().min(0).max(100).optional(),
    attempts: z.number().int().positive().max(100).optional(),
    "time-limit": z.number().int().positive().max(600).optional(),
    feedback: z.enum(FEEDBACK_POLICIES).default("after-last"),
    "shuffle-answers": z.boolean().default(true),
    "per-page": z.number().int().min(1).max(50).default(5),
    questions: z.array(SelectionSchema).min(1).max(200),
  })
  .strict();
export type AssessmentFile = z.infer<typeof AssessmentSettingsSchema>;

export type AssessmentDefinition = {
  slug: string;
  titles: Record<string, string>;
  moduleSlug: string | null;
  final: boolean;
  passMark: number;
  attemptsAllowed: number | null;
  timeLimitMinutes: number | null;
  feedback: FeedbackPolicyName;
  shuffleAnswers: boolean;
  perPage: number;
  selection: SelectionRule[];
};

export type BankQuestion = { key: string; question: Question };
export type AssessmentFileProblem = { file: string; line: number; message: string };
export type CourseAssessments = { questions: BankQuestion[]; assessments: AssessmentDefinition[] };

const GIFT_FILE = /^assessments\/[a-z0-9][a-z0-9._-]*\.gift$/;
const YML_FILE = /^assessments\/([a-z0-9]+(?:-[a-z0-9]+)*)\.ya?ml$/;

/** Reads and cross-checks the assessments/ files of a course document. */
export function readAssessmentFiles(doc: {
  files: CourseDocument["files"];
  modules: { slug: string }[];
  sourceLocale: string;
  passMark: number;
}): { ok: true; value: CourseAssessments } | { ok: false; problems: AssessmentFileProblem[] } {
  const problems: AssessmentFileProblem[] = [];
  const questions: BankQuestion[] = [];
  const titleAt = new Map<string, string>();
  const yamlFiles: { file: string; slug: string; content: string }[] = [];

  for (const file of doc.files) {
    if (GIFT_FILE.test(file.path)) {
      const parsed = parseGift(file.content);
      if (!parsed.ok) {
        for (const e of parsed.errors) problems.push({ file: file.path, line: e.line, message: e.message });
        continue;
      }
      for (const question of parsed.questions) {
        const line = questionLine(file.content, question);
        if (!question.title) {
          problems.push({
            file: file.path,
            line,
            message: "every question in a course file needs a title (::title::), its stable name",
          });
          continue;
        }
        const seen = titleAt.get(question.title);
        if (seen) {
          problems.push({ file: file.path, line, message: `the title '${question.title}' is already used in ${seen}` });
          continue;
        }
        titleAt.set(question.title, file.path);
        questions.push({ key: `file:${question.title}`, question });
      }
    } else if (YML_FILE.test(file.path)) {
      yamlFiles.push({ file: file.path, slug: YML_FILE.exec(file.path)![1]!, content: file.content });
    } else {
      problems.push({
        file: file.path,
        line: 1,
        message: "unexpected file: assessments/ holds question files (.gift) and assessment settings (.yml)",
      });
    }
  }

  const assessments: AssessmentDefinition[] = [];
  const moduleSlugs = new Set(doc.modules.map((m) => m.slug));
  const usedModules = new Map<string, string>();
  let finalFile: string | null = null;
  const byTitle = new Map(questions.map((q) => [q.question.title!, q.question]));
  for (const { file, slug, content } of yamlFiles) {
    const read = readYaml(file, content, problems);
    if (!read) continue;
    const { value, lineOf } = read;
    const parsed = AssessmentSettingsSchema.safeParse(value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = issue.path.join(".");
        problems.push({ file, line: lineOf(issue.path), message: key ? `${key}: ${issue.message}` : issue.message });
      }
      continue;
    }
    const a = parsed.data;
    // module: passing completes that module; final: the course needs it passed; neither: a practice quiz.
    if (a.module && a.final) {
      problems.push({
        file,
        line: lineOf(["final"]),
        message:
          "an assessment belongs to a module (module: <slug>) or is the course's final assessment (final: true), not both",
      });
      continue;
    }
    if (a.module) {
      if (!moduleSlugs.has(a.module))
        problems.push({ file, line: lineOf(["module"]), message: `there is no module '${a.module}' in this course` });
      else if (usedModules.has(a.module))
        problems.push({
          file,
          line: lineOf(["module"]),
          message: `module '${a.module}' already has an assessment (${usedModules.get(a.module)})`,
        });
      else usedModules.set(a.module, file);
    }
    if (a.final) {
      if (finalFile)
        problems.push({
          file,
          line: lineOf(["final"]),
          message: `the course already has a final assessment (${finalFile})`,
        });
      finalFile = file;
    }
    selectionProblems(a.questions, questions, byTitle).forEach(({ index, message }) =>
      problems.push({ file, line: lineOf(["questions", index]), message }),
    );
    assessments.push({
      slug,
      titles: { [doc.sourceLocale]: a.title, ...a.translations },
      moduleSlug: a.module ?? null,
      final: a.final,
      passMark: a["pass-mark"] ?? doc.passMark,
      attemptsAllowed: a.attempts ?? null,
      timeLimitMinutes: a["time-limit"] ?? null,
      feedback: a.feedback,
      shuffleAnswers: a["shuffle-answers"],
      perPage: a["per-page"],
      selection: a.questions,
    });
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { questions, assessments } };
}

/** An assessment's title in the reader's language, else its source language. */
export function assessmentTitle(titles: unknown, locale: string, sourceLocale: string) {
  const t = (titles ?? {}) as Record<string, string>;
  return t[locale] ?? t[sourceLocale] ?? Object.values(t)[0] ?? "";
}

/** Whether a selection can be drawn from a bank: fixed questions exist, categories hold enough. */
export function selectionProblems(
  selection: SelectionRule[],
  bank: { question: Question }[],
  byTitle?: Map<string, Question>,
) {
  const titles = byTitle ?? new Map(bank.filter((q) => q.question.title).map((q) => [q.question.title!, q.question]));
  const out: { index: number; message: string }[] = [];
  const fixed = new Set<string>();
  selection.forEach((rule, index) => {
    if ("question" in rule) {
      const q = titles.get(rule.question);
      if (!q) out.push({ index, message: `there is no question titled '${rule.question}'` });
      else if (q.type === "description")
        out.push({ index, message: `'${rule.question}' is a text block, not a question` });
      else if (fixed.has(rule.question)) out.push({ index, message: `'${rule.question}' is listed twice` });
      fixed.add(rule.question);
    } else {
      const available = bank.filter(
        (q) =>
          q.question.type !== "description" &&
          inCategory(q.question.category, rule.category) &&
          !fixed.has(q.question.title ?? ""),
      ).length;
      if (available < rule.count)
        out.push({
          index,
          message: `category '${rule.category || "(top)"}' has ${available} question(s), ${rule.count} wanted`,
        });
    }
  });
  return out;
}

/** A question is in a category when its path equals it or is below it ("" is the whole bank). */
export function inCategory(questionCategory: string, category: string) {
  return category === "" || questionCategory === category || questionCategory.startsWith(`${category}/`);
}

/** Best-effort line of a question in its file: the line of its `::title::`, else 1. */
function questionLine(content: string, question: Question) {
  const at = question.title ? content.indexOf(`::${question.title}::`) : -1;
  return at >= 0 ? content.slice(0, at).split("\n").length : 1;
}

function readYaml(file: string, content: string, problems: AssessmentFileProblem[]) {
  const lineCounter = new LineCounter();
  const yaml = parseDocument(content, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineAt = (offset: number | undefined) => lineCounter.linePos(offset ?? 0).line;
  if (yaml.errors.length > 0) {
    for (const error of yaml.errors)
      problems.push({ file, line: lineAt(error.pos[0]), message: error.message.split("\n")[0]! });
    return null;
  }
  if (!isMap(yaml.contents)) {
    problems.push({ file, line: 1, message: "the file must be 'field: value' lines" });
    return null;
  }
  const lineOf = (path: (string | number)[]) => {
    let node: YamlNode | null = yaml.contents as YamlNode;
    let line = 1;
    for (const key of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => String((p.key as { value?: unknown } | null)?.value) === String(key));
        if (!pair) break;
        line = lineAt((pair.key as YamlNode).range?.[0]);
        node = pair.value as YamlNode | null;
      } else if (isSeq(node) && typeof key === "number") {
        const item = node.items[key] as YamlNode | undefined;
        if (!item) break;
        line = lineAt(item.range?.[0]);
        node = item;
      } else break;
    }
    return line;
  };
  return { value: yaml.toJS() as unknown, lineOf };
}
