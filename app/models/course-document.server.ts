/**
 * A published revision's CourseDocument, read from the database. It sits below the other
 * course models (courses, progress, question bank, assessments, authoring), which all need
 * it, so none of them imports another sideways for it.
 */
import { CourseDocumentSchema, type CourseDocument } from "~/content/course-document";
import { prisma } from "~/utils/db.server";

const documentCache = new Map<string, CourseDocument>();

/** Revisions never change, so their parsed documents are cached by id. */
export async function revisionDocument(revisionId: string): Promise<CourseDocument> {
  const cached = documentCache.get(revisionId);
  if (cached) return cached;
  const revision = await prisma.courseRevision.findUniqueOrThrow({
    where: { id: revisionId },
    select: { document: true },
  });
  const doc = CourseDocumentSchema.parse(revision.document);
  if (documentCache.size > 200) documentCache.delete(documentCache.keys().next().value!);
  documentCache.set(revisionId, doc);
  return doc;
}
