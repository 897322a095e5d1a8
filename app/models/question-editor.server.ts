/**
 * Questions written and edited in the browser (docs/decisions/025-questions-in-the-browser.md).
 * A question is built from its form and read back through the GIFT importer before it is
 * stored (app/content/question-form.ts), in the same `data` shape as imported questions, with
 * origin "browser". Editing never touches past attempts: each attempt item holds a snapshot of
 * the question as it was asked. Questions from the course's files are changed in the files.
 * Every write is audited (who, when, which question).
 */
import { randomUUID } from "node:crypto";
import { presentationOrder } from "~/assessments/draw";
import { questionView, type ItemView } from "~/assessments/view.server";
import { questionFromForm, type BuildResult } from "~/content/question-form";
import { QuestionSchema, type Question } from "~/content/questions";
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import type { QuestionFormValue } from "~/validation/question-forms";
import { recordAudit } from "./audit.server";

/** One question of a course's bank for the editor; 404 when it is not this course's (or archived). */
export async function questionForEditing({ courseId, questionId }: { courseId: string; questionId: string }) {
  const row = await prisma.question.findFirst({
    where: { id: questionId, courseId, archivedAt: null },
    select: {
      id: true,
      key: true,
      origin: true,
      type: true,
      data: true,
      updatedAt: true,
      _count: { select: { items: true } },
    },
  });
  if (!row) throw new Response("Question not found", { status: 404 });
  const lastEdit = await prisma.auditEvent.findFirst({
    where: {
      action: { in: ["questions.created", "questions.updated"] },
      detail: { path: ["questionId"], equals: row.id },
    },
    orderBy: { createdAt: "desc" },
    select: { createdAt: true, actor: { select: { name: true } } },
  });
  return {
    id: row.id,
    key: row.key,
    origin: row.origin,
    type: row.type,
    question: QuestionSchema.parse(row.data),
    updatedAt: row.updatedAt,
    uses: row._count.items,
    lastEditedBy: lastEdit?.actor?.name ?? null,
  };
}

export type SaveQuestionResult =
  | { status: "saved"; id: string; created: boolean; question: Question }
  | { status: "invalid"; problems: string[] }
  | { status: "from-files" }
  | { status: "wrong-type" };

/**
 * Creates (questionId null) or updates a question of the course's bank from its form. The
 * question is built and checked as the GIFT importer would check it before anything is written.
 */
export async function saveBrowserQuestion({
  courseId,
  questionId,
  input,
  actorId,
}: {
  courseId: string;
  questionId: string | null;
  input: QuestionFormValue;
  actorId: string;
}): Promise<SaveQuestionResult> {
  const existing = questionId
    ? await prisma.question.findFirst({
        where: { id: questionId, courseId, archivedAt: null },
        select: { id: true, key: true, origin: true, type: true, data: true },
      })
    : null;
  if (questionId && !existing) throw new Response("Question not found", { status: 404 });
  if (existing?.origin === "file") return { status: "from-files" };
  if (existing && existing.type !== input.type) return { status: "wrong-type" };
  const built = buildQuestion(input, existing ? QuestionSchema.parse(existing.data) : null);
  if (!built.ok) return { status: "invalid", problems: built.problems };
  const question = built.question;
  const data = {
    category: question.category,
    type: question.type,
    data: question as unknown as Prisma.InputJsonValue,
  };
  return prisma.$transaction(async (tx) => {
    const row = existing
      ? await tx.question.update({ where: { id: existing.id }, data, select: { id: true, key: true } })
      : await tx.question.create({
          data: { courseId, key: `browser:${randomUUID()}`, origin: "browser", ...data },
          select: { id: true, key: true },
        });
    await recordAudit(
      {
        actorId,
        action: existing ? "questions.updated" : "questions.created",
        detail: { courseId, questionId: row.id, key: row.key, type: question.type },
      },
      tx,
    );
    return { status: "saved", id: row.id, created: !existing, question } as const;
  });
}

/** The form's question as the importer would read it (nothing is written). */
export function buildQuestion(input: QuestionFormValue, original: Question | null = null): BuildResult {
  return questionFromForm(input, original);
}

/**
 * A question as an officer sees it in an attempt: the same view the attempt page renders,
 * with no answer in it (weights, accepted answers and feedback stay on the server).
 */
export function previewItem(question: Question, seed = "preview"): ItemView {
  return questionView({
    position: 0,
    mark: 1,
    question,
    presentation: presentationOrder(question, seed, true),
    response: null,
  });
}
