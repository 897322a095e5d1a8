/**
 * "Preview as officer": a course's working copy (its draft, else the published revision) as
 * an officer will see it once published: the outline, each module rendered as the module page
 * renders it, and each assessment's questions as an attempt shows them (answers hidden).
 * Nothing is written: no progress, no attempt. Assessments are those the draft would publish:
 * the ones in its files (read from the draft) and the ones built in the browser, drawing from
 * the draft's file questions and the bank's uploaded and browser-written questions.
 */
import { drawQuestions, presentationOrder } from "~/assessments/draw";
import { questionView, type ItemView } from "~/assessments/view.server";
import { assessmentTitle, inCategory, readAssessmentFiles, type SelectionRule } from "~/content/assessment-files";
import type { CourseDocument } from "~/content/course-document";
import { QuestionSchema, type Question } from "~/content/questions";
import { prisma } from "~/utils/db.server";
import { previewMarkdown, workingCopy, type EditableCourse } from "./course-authoring.server";

type PreviewAssessment = {
  slug: string;
  title: string;
  moduleSlug: string | null;
  final: boolean;
  passMark: number;
  attemptsAllowed: number | null;
  timeLimitMinutes: number | null;
  shuffleAnswers: boolean;
  perPage: number;
  /** Question rules name bank keys ("file:<title>" for the files' questions). */
  selection: SelectionRule[];
};

type BankQuestion = { key: string; category: string; question: Question };

const textIn = <T>(texts: Record<string, T>, locale: string, source: string) => texts[locale] ?? texts[source]!;

async function draftAssessments(course: EditableCourse, doc: CourseDocument, locale: string) {
  const read = readAssessmentFiles({
    files: doc.files,
    modules: doc.modules,
    sourceLocale: doc.sourceLocale,
    passMark: doc.meta.passMark,
  });
  const fileAssessments: PreviewAssessment[] = read.ok
    ? read.value.assessments.map((a) => ({
        ...a,
        title: assessmentTitle(a.titles, locale, doc.sourceLocale),
        selection: a.selection.map((rule) =>
          "question" in rule ? { ...rule, question: `file:${rule.question}` } : rule,
        ),
      }))
    : [];
  const browser = await prisma.assessment.findMany({
    where: { courseId: course.id, archivedAt: null, origin: { not: "file" } },
    orderBy: { slug: "asc" },
  });
  const fileSlugs = new Set(fileAssessments.map((a) => a.slug));
  const assessments = [
    ...fileAssessments,
    ...browser
      .filter((a) => !fileSlugs.has(a.slug))
      .map((a) => ({
        slug: a.slug,
        title: assessmentTitle(a.titles, locale, a.sourceLocale),
        moduleSlug: a.moduleSlug,
        final: a.final,
        passMark: a.passMark,
        attemptsAllowed: a.attemptsAllowed,
        timeLimitMinutes: a.timeLimitMinutes,
        shuffleAnswers: a.shuffleAnswers,
        perPage: a.perPage,
        selection: a.selection as SelectionRule[],
      })),
  ];
  return { assessments, filesOk: read.ok, fileQuestions: read.ok ? read.value.questions : [] };
}

async function bankFor(course: EditableCourse, fileQuestions: { key: string; question: Question }[]) {
  const rows = await prisma.question.findMany({
    where: { courseId: course.id, archivedAt: null, origin: { not: "file" }, type: { not: "description" } },
    orderBy: [{ createdAt: "asc" }, { key: "asc" }],
    select: { key: true, category: true, data: true },
  });
  const bank: BankQuestion[] = [
    ...fileQuestions
      .filter((q) => q.question.type !== "description")
      .map((q) => ({ key: q.key, category: q.question.category, question: q.question })),
    ...rows.map((r) => ({ key: r.key, category: r.category, question: QuestionSchema.parse(r.data) })),
  ];
  return bank;
}

/** The outline: course text, modules in order (each with its assessment), the final assessment. */
export async function previewCourseAsOfficer({ course, locale }: { course: EditableCourse; locale: string }) {
  const doc = await workingCopy(course);
  const source = doc.sourceLocale;
  const { assessments, filesOk } = await draftAssessments(course, doc, locale);
  const text = textIn(doc.texts, locale, source);
  const body = text.body ? await previewMarkdown({ course, markdown: text.body }) : null;
  return {
    isDraft: Boolean(course.draft),
    title: text.title,
    summary: text.summary,
    bodyHtml: body?.html ?? "",
    locale: doc.texts[locale] ? locale : source,
    filesOk,
    modules: doc.modules.map((m, i) => {
      const a = assessments.find((x) => x.moduleSlug === m.slug);
      return {
        slug: m.slug,
        number: i + 1,
        title: textIn(m.texts, locale, source).title,
        minutes: m.minutes,
        required: m.required,
        assessment: a ? { slug: a.slug, title: a.title } : null,
      };
    }),
    final: assessments.filter((a) => a.final).map((a) => ({ slug: a.slug, title: a.title }))[0] ?? null,
    practice: assessments.filter((a) => !a.final && !a.moduleSlug).map((a) => ({ slug: a.slug, title: a.title })),
  };
}

/** One module of the working copy, rendered as the module page renders it; 404 when the draft has no such module. */
export async function previewModuleAsOfficer({
  course,
  moduleSlug,
  locale,
}: {
  course: EditableCourse;
  moduleSlug: string;
  locale: string;
}) {
  const doc = await workingCopy(course);
  const source = doc.sourceLocale;
  const index = doc.modules.findIndex((m) => m.slug === moduleSlug);
  if (index < 0) throw new Response("Module not found", { status: 404 });
  const module = doc.modules[index]!;
  const text = textIn(module.texts, locale, source);
  const rendered = await previewMarkdown({ course, markdown: text.body });
  const { assessments } = await draftAssessments(course, doc, locale);
  const neighbour = (i: number) => {
    const m = doc.modules[i];
    return m ? { slug: m.slug, title: textIn(m.texts, locale, source).title } : null;
  };
  const assessment = assessments.find((a) => a.moduleSlug === module.slug);
  return {
    course: { title: textIn(doc.texts, locale, source).title },
    module: {
      slug: module.slug,
      number: index + 1,
      total: doc.modules.length,
      title: text.title,
      minutes: module.minutes,
    },
    contentLocale: module.texts[locale] ? locale : source,
    fallback: !module.texts[locale],
    html: rendered.html,
    previous: neighbour(index - 1),
    next: neighbour(index + 1),
    assessment: assessment ? { slug: assessment.slug, title: assessment.title } : null,
  };
}

export type AssessmentPreview =
  | {
      status: "ok";
      title: string;
      passMark: number;
      attemptsAllowed: number | null;
      timeLimitMinutes: number | null;
      moduleSlug: string | null;
      final: boolean;
      pages: { number: number; items: (ItemView & { number: number })[] }[];
    }
  | { status: "bank-too-small"; title: string; category: string; moduleSlug: string | null };

/**
 * One assessment of the working copy drawn as for an officer (the same draw and display
 * orders an attempt uses, from `seed`), nothing recorded. 404 when the draft has no such assessment.
 */
export async function previewAssessmentAsOfficer({
  course,
  slug,
  locale,
  seed,
}: {
  course: EditableCourse;
  slug: string;
  locale: string;
  seed: string;
}): Promise<AssessmentPreview> {
  const doc = await workingCopy(course);
  const { assessments, fileQuestions } = await draftAssessments(course, doc, locale);
  const a = assessments.find((x) => x.slug === slug);
  if (!a) throw new Response("Assessment not found", { status: 404 });
  const bank = await bankFor(course, fileQuestions);
  const byKey = new Map(bank.map((q) => [q.key, q]));
  const fixed: string[] = [];
  const markOf = new Map<string, number>();
  const pools: { category: string; count: number; questionIds: string[] }[] = [];
  const poolMarks: number[] = [];
  for (const rule of a.selection) {
    if ("question" in rule) {
      if (!byKey.has(rule.question))
        return { status: "bank-too-small", title: a.title, category: rule.question, moduleSlug: a.moduleSlug };
      fixed.push(rule.question);
      markOf.set(rule.question, rule.mark);
    } else {
      pools.push({
        category: rule.category,
        count: rule.count,
        questionIds: bank.filter((q) => inCategory(q.category, rule.category)).map((q) => q.key),
      });
      poolMarks.push(rule.mark);
    }
  }
  const drawn = drawQuestions({ seed, fixed, pools });
  if (!drawn.ok)
    return { status: "bank-too-small", title: a.title, category: drawn.category, moduleSlug: a.moduleSlug };
  let cursor = new Set(fixed).size;
  pools.forEach((pool, i) => {
    for (const key of drawn.ids.slice(cursor, cursor + pool.count)) markOf.set(key, poolMarks[i]!);
    cursor += pool.count;
  });
  const items = drawn.ids.map((key, position) => {
    const question = byKey.get(key)!.question;
    return {
      ...questionView({
        position,
        mark: markOf.get(key) ?? 1,
        question,
        presentation: presentationOrder(question, `${seed}:${position}`, a.shuffleAnswers),
        response: null,
      }),
      number: position + 1,
    };
  });
  const pages = [];
  for (let i = 0; i < items.length; i += a.perPage)
    pages.push({ number: pages.length + 1, items: items.slice(i, i + a.perPage) });
  return {
    status: "ok",
    title: a.title,
    passMark: a.passMark,
    attemptsAllowed: a.attemptsAllowed,
    timeLimitMinutes: a.timeLimitMinutes,
    moduleSlug: a.moduleSlug,
    final: a.final,
    pages,
  };
}
