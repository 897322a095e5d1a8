/**
 * A course's question bank and its assessments' settings: kept in step with the course's
 * files at every publication, extended by trainers' GIFT and Aiken uploads, exported as GIFT.
 * Questions are never deleted (attempts refer to them): they are archived.
 */
import { randomUUID } from "node:crypto";
import { readAssessmentFiles, type AssessmentDefinition, type SelectionRule } from "~/content/assessment-files";
import { parseAiken } from "~/content/aiken";
import type { CourseDocument } from "~/content/course-document";
import { parseGift, writeGift } from "~/content/gift";
import { stringify as stringifyYaml } from "yaml";
import { QuestionSchema, type Question, type SourceError } from "~/content/questions";
import type { Prisma } from "~/generated/prisma/client";
import type { FeedbackPolicy } from "~/generated/prisma/enums";
import { prisma } from "~/utils/db.server";
import { revisionDocument } from "./course-document.server";
import type { AssessmentForm } from "~/validation/questions";

const FEEDBACK: Record<AssessmentDefinition["feedback"], FeedbackPolicy> = {
  immediately: "IMMEDIATELY",
  "after-last": "AFTER_LAST",
  never: "NEVER",
};

const json = (value: unknown) => value as Prisma.InputJsonValue;

/**
 * Called inside the publication transaction: the bank's file questions and the file-defined
 * assessments become what the published document says. The document was validated before.
 */
export async function syncCourseAssessments(tx: Prisma.TransactionClient, courseId: string, doc: CourseDocument) {
  const read = readAssessmentFiles({
    files: doc.files,
    modules: doc.modules,
    sourceLocale: doc.sourceLocale,
    passMark: doc.meta.passMark,
  });
  if (!read.ok) throw new Error(`assessment files were not validated: ${read.problems[0]?.message}`);
  const { questions, assessments } = read.value;

  const existing = await tx.question.findMany({
    where: { courseId, origin: "file" },
    select: { key: true, data: true, archivedAt: true },
  });
  const byKey = new Map(existing.map((q) => [q.key, q]));
  for (const { key, question } of questions) {
    const old = byKey.get(key);
    const data = { category: question.category, type: question.type, data: json(question), archivedAt: null };
    if (!old) await tx.question.create({ data: { courseId, key, origin: "file", ...data } });
    else if (old.archivedAt || JSON.stringify(old.data) !== JSON.stringify(question)) {
      await tx.question.update({ where: { courseId_key: { courseId, key } }, data });
    }
  }
  const keys = questions.map((q) => q.key);
  await tx.question.updateMany({
    where: { courseId, origin: "file", key: { notIn: keys }, archivedAt: null },
    data: { archivedAt: new Date() },
  });

  for (const a of assessments) {
    const data = {
      titles: json(a.titles),
      sourceLocale: doc.sourceLocale,
      moduleSlug: a.moduleSlug,
      final: a.final,
      passMark: a.passMark,
      attemptsAllowed: a.attemptsAllowed,
      timeLimitMinutes: a.timeLimitMinutes,
      feedback: FEEDBACK[a.feedback],
      shuffleAnswers: a.shuffleAnswers,
      perPage: a.perPage,
      selection: json(
        a.selection.map((rule) => ("question" in rule ? { ...rule, question: `file:${rule.question}` } : rule)),
      ),
      origin: "file",
      archivedAt: null,
    };
    await tx.assessment.upsert({
      where: { courseId_slug: { courseId, slug: a.slug } },
      create: { courseId, slug: a.slug, ...data },
      update: data,
    });
  }
  await tx.assessment.updateMany({
    where: { courseId, origin: "file", slug: { notIn: assessments.map((a) => a.slug) }, archivedAt: null },
    data: { archivedAt: new Date() },
  });
}

export type BankEntry = {
  id: string;
  key: string;
  category: string;
  type: string;
  question: Question;
  origin: string;
  uses: number;
};

/** The bank of a course, grouped by category (archived questions left out). */
export async function listBank({ courseId }: { courseId: string }) {
  const rows = await prisma.question.findMany({
    where: { courseId, archivedAt: null },
    orderBy: [{ category: "asc" }, { createdAt: "asc" }, { key: "asc" }],
    select: {
      id: true,
      key: true,
      category: true,
      type: true,
      data: true,
      origin: true,
      _count: { select: { items: true } },
    },
  });
  const entries: BankEntry[] = rows.map((r) => ({
    id: r.id,
    key: r.key,
    category: r.category,
    type: r.type,
    question: QuestionSchema.parse(r.data),
    origin: r.origin,
    uses: r._count.items,
  }));
  const categories = new Map<string, BankEntry[]>();
  for (const e of entries) categories.set(e.category, [...(categories.get(e.category) ?? []), e]);
  return { total: entries.length, categories: [...categories].map(([name, questions]) => ({ name, questions })) };
}

export type UploadResult =
  { status: "imported"; count: number; categories: string[] } | { status: "invalid"; errors: SourceError[] };

/**
 * Adds the questions of an uploaded GIFT or Aiken file to the bank. A file with any error
 * imports nothing. `category` (optional) is used for questions the file leaves uncategorised.
 */
export async function uploadQuestions({
  courseId,
  source,
  format,
  category,
}: {
  courseId: string;
  source: string;
  format: "gift" | "aiken";
  category?: string;
}): Promise<UploadResult> {
  const parsed = format === "gift" ? parseGift(source) : parseAiken(source);
  if (!parsed.ok) return { status: "invalid", errors: parsed.errors };
  if (parsed.questions.length === 0)
    return { status: "invalid", errors: [{ line: 1, message: "the file contains no questions" }] };
  const questions = parsed.questions.map((q) => (q.category === "" && category ? { ...q, category } : q));
  await prisma.question.createMany({
    data: questions.map((q) => ({
      courseId,
      key: `upload:${randomUUID()}`,
      origin: "upload",
      category: q.category,
      type: q.type,
      data: json(q),
    })),
  });
  return { status: "imported", count: questions.length, categories: [...new Set(questions.map((q) => q.category))] };
}

/** The bank (or one category and what is below it) as a GIFT file. */
export async function exportBankGift({ courseId, category }: { courseId: string; category?: string | null }) {
  const rows = await prisma.question.findMany({
    where: {
      courseId,
      archivedAt: null,
      ...(category ? { OR: [{ category }, { category: { startsWith: `${category}/` } }] } : {}),
    },
    orderBy: [{ category: "asc" }, { createdAt: "asc" }, { key: "asc" }],
    select: { data: true },
  });
  return writeGift(rows.map((r) => QuestionSchema.parse(r.data)));
}

/** Archives an uploaded question (file questions change with the course's files). */
export async function archiveQuestion({ courseId, questionId }: { courseId: string; questionId: string }) {
  const q = await prisma.question.findFirst({
    where: { id: questionId, courseId, archivedAt: null },
    select: { origin: true },
  });
  if (!q) return { status: "not-found" } as const;
  if (q.origin === "file") return { status: "from-files" } as const;
  await prisma.question.update({ where: { id: questionId }, data: { archivedAt: new Date() } });
  return { status: "archived" } as const;
}

export type SaveAssessmentResult =
  | { status: "saved"; slug: string }
  | { status: "slug-taken" }
  | { status: "from-files" }
  | { status: "module-taken" }
  | { status: "final-taken" }
  | { status: "unknown-module" }
  | { status: "no-questions" }
  | { status: "unknown-questions"; keys: string[] }
  | { status: "bank-too-small"; category: string; available: number; wanted: number };

/**
 * Creates or updates an assessment built in the browser. Assessments defined in the course's
 * files are changed there (publishing would overwrite a browser edit).
 */
export async function saveBrowserAssessment({
  courseId,
  existingSlug,
  input,
  moduleSlugs,
  sourceLocale,
}: {
  courseId: string;
  existingSlug: string | null;
  input: AssessmentForm;
  moduleSlugs: string[];
  sourceLocale: string;
}): Promise<SaveAssessmentResult> {
  const others = await prisma.assessment.findMany({
    where: { courseId, archivedAt: null },
    select: { slug: true, moduleSlug: true, final: true, origin: true, titles: true },
  });
  const existing = existingSlug ? others.find((a) => a.slug === existingSlug) : null;
  if (existingSlug && !existing) throw new Response("Not found", { status: 404 });
  if (existing?.origin === "file") return { status: "from-files" };
  const rest = others.filter((a) => a.slug !== existingSlug);
  if (
    !existingSlug &&
    (await prisma.assessment.findUnique({ where: { courseId_slug: { courseId, slug: input.slug } } }))
  )
    return { status: "slug-taken" };
  const moduleSlug = input.attach.startsWith("module:") ? input.attach.slice(7) : null;
  if (moduleSlug && !moduleSlugs.includes(moduleSlug)) return { status: "unknown-module" };
  if (moduleSlug && rest.some((a) => a.moduleSlug === moduleSlug)) return { status: "module-taken" };
  if (input.attach === "final" && rest.some((a) => a.final)) return { status: "final-taken" };
  if (input.fixed.length === 0 && input.draws.length === 0) return { status: "no-questions" };

  const bank = await prisma.question.findMany({
    where: { courseId, archivedAt: null, type: { not: "description" } },
    select: { key: true, category: true },
  });
  const keys = new Set(bank.map((q) => q.key));
  const fixed = input.fixed.filter((k) => keys.has(k));
  // Questions archived or removed since the form was shown are dropped, but never down to none.
  if (fixed.length === 0 && input.draws.length === 0)
    return { status: "unknown-questions", keys: input.fixed.filter((k) => !keys.has(k)) };
  for (const draw of input.draws) {
    const available = bank.filter(
      (q) =>
        (draw.category === "" || q.category === draw.category || q.category.startsWith(`${draw.category}/`)) &&
        !fixed.includes(q.key),
    ).length;
    if (available < draw.count)
      return { status: "bank-too-small", category: draw.category, available, wanted: draw.count };
  }
  const data = {
    titles: json({ ...((existing?.titles as Record<string, string> | undefined) ?? {}), [sourceLocale]: input.title }),
    sourceLocale,
    moduleSlug,
    final: input.attach === "final",
    passMark: input.passMark,
    attemptsAllowed: input.attempts ?? null,
    timeLimitMinutes: input.timeLimit ?? null,
    feedback: FEEDBACK[input.feedback],
    shuffleAnswers: input.shuffle,
    perPage: input.perPage,
    selection: json([
      ...fixed.map((question) => ({ question, mark: 1 })),
      ...input.draws.map((d) => ({ category: d.category, count: d.count, mark: 1 })),
    ]),
    origin: "browser",
  };
  const slug = existingSlug ?? input.slug;
  if (existingSlug) await prisma.assessment.update({ where: { courseId_slug: { courseId, slug } }, data });
  else await prisma.assessment.create({ data: { courseId, slug, ...data } });
  return { status: "saved", slug };
}

/** The builder's view of an assessment (null for a new one). */
export async function assessmentForEditing({ courseId, slug }: { courseId: string; slug: string }) {
  const a = await prisma.assessment.findFirst({ where: { courseId, slug, archivedAt: null } });
  if (!a) throw new Response("Not found", { status: 404 });
  const selection = a.selection as (
    { question: string; mark: number } | { category: string; count: number; mark: number }
  )[];
  return {
    slug: a.slug,
    origin: a.origin,
    title: (a.titles as Record<string, string>)[a.sourceLocale] ?? a.slug,
    attach: a.moduleSlug ? `module:${a.moduleSlug}` : a.final ? "final" : "practice",
    passMark: a.passMark,
    attempts: a.attemptsAllowed,
    timeLimit: a.timeLimitMinutes,
    feedback: ({ IMMEDIATELY: "immediately", AFTER_LAST: "after-last", NEVER: "never" } as const)[a.feedback],
    shuffle: a.shuffleAnswers,
    perPage: a.perPage,
    fixed: selection.flatMap((r) => ("question" in r ? [r.question] : [])),
    draws: Object.fromEntries(selection.flatMap((r) => ("category" in r ? [[r.category, r.count] as const] : []))),
  };
}

/** What the assessment builder offers: the course's modules and its bank by category. */
export async function builderContext({
  course,
  locale,
}: {
  course: { id: string; currentRevisionId: string | null; draft: unknown };
  locale: string;
}) {
  const doc = course.currentRevisionId
    ? await revisionDocument(course.currentRevisionId)
    : (course.draft as CourseDocument | null);
  const modules = (doc?.modules ?? []).map((m) => ({
    slug: m.slug,
    title: (m.texts[locale] ?? m.texts[doc!.sourceLocale])?.title ?? m.slug,
  }));
  const bank = await listBank({ courseId: course.id });
  return {
    modules,
    sourceLocale: doc?.sourceLocale ?? "en",
    bank: bank.categories.map((c) => ({
      name: c.name,
      questions: c.questions
        .filter((q) => q.type !== "description")
        .map((q) => ({
          key: q.key,
          title: q.question.title,
          type: q.type,
          excerpt: q.question.stem.text
            .replace(/<[^>]*>/g, " ")
            .replace(/\s+/g, " ")
            .trim()
            .slice(0, 120),
        })),
    })),
  };
}

const FEEDBACK_NAME = { IMMEDIATELY: "immediately", AFTER_LAST: "after-last", NEVER: "never" } as const;

/**
 * What was made in the browser, as course files (decision 024): every question not from the
 * course's files in one GIFT file, every assessment built in the browser as `<slug>.yml`.
 * A question keeps its title when it has one that no other question uses; otherwise its
 * key becomes its title (a file question needs a unique title, its stable name).
 */
export async function browserAssessmentFiles({ courseId, doc }: { courseId: string; doc: CourseDocument }) {
  const read = readAssessmentFiles({
    files: doc.files,
    modules: doc.modules,
    sourceLocale: doc.sourceLocale,
    passMark: doc.meta.passMark,
  });
  const fileQuestions = read.ok ? read.value.questions : [];
  const used = new Set(fileQuestions.map((q) => q.question.title!));
  const titleOf = new Map(fileQuestions.map((q) => [q.key, q.question.title!]));
  const rows = await prisma.question.findMany({
    where: { courseId, archivedAt: null, origin: { not: "file" } },
    orderBy: [{ createdAt: "asc" }, { key: "asc" }],
    select: { key: true, data: true },
  });
  const questions: Question[] = [];
  for (const row of rows) {
    const question = QuestionSchema.parse(row.data);
    let title = question.title && !used.has(question.title) ? question.title : row.key.replace(/:/g, "-");
    for (let n = 2; used.has(title); n++) title = `${row.key.replace(/:/g, "-")}-${n}`;
    used.add(title);
    titleOf.set(row.key, title);
    questions.push({ ...question, title });
  }

  const files: CourseDocument["files"] = [];
  const taken = new Set(doc.files.map((f) => f.path));
  if (questions.length > 0) {
    let path = "assessments/browser-questions.gift";
    for (let n = 2; taken.has(path); n++) path = `assessments/browser-questions-${n}.gift`;
    files.push({ path, content: writeGift(questions) });
  }

  const assessments = await prisma.assessment.findMany({
    where: { courseId, archivedAt: null, origin: { not: "file" } },
    orderBy: { slug: "asc" },
  });
  for (const a of assessments) {
    const selection = (
      a.selection as ({ question: string; mark: number } | { category: string; count: number; mark: number })[]
    ).flatMap((rule): SelectionRule[] => {
      if (!("question" in rule)) return [{ category: rule.category, count: rule.count, mark: rule.mark }];
      const title = titleOf.get(rule.question);
      return title ? [{ question: title, mark: rule.mark }] : [];
    });
    if (selection.length === 0) continue;
    const titles = a.titles as Record<string, string>;
    const translations = Object.fromEntries(
      Object.entries(titles)
        .filter(([locale]) => locale !== doc.sourceLocale)
        .sort(([x], [y]) => (x < y ? -1 : 1)),
    );
    const settings = {
      title: titles[doc.sourceLocale] ?? Object.values(titles)[0] ?? a.slug,
      ...(Object.keys(translations).length ? { translations } : {}),
      ...(a.moduleSlug ? { module: a.moduleSlug } : {}),
      ...(a.final ? { final: true } : {}),
      "pass-mark": a.passMark,
      ...(a.attemptsAllowed !== null ? { attempts: a.attemptsAllowed } : {}),
      ...(a.timeLimitMinutes !== null ? { "time-limit": a.timeLimitMinutes } : {}),
      feedback: FEEDBACK_NAME[a.feedback],
      "shuffle-answers": a.shuffleAnswers,
      "per-page": a.perPage,
      questions: selection,
    };
    const path = `assessments/${a.slug}.yml`;
    if (taken.has(path)) throw new Error(`assessment ${a.slug} is defined both in the files and in the browser`);
    files.push({ path, content: stringifyYaml(settings, { lineWidth: 0 }) });
  }
  return files;
}
