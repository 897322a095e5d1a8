/**
 * Browser authoring: drafts are CourseDocuments stored on the course row; publishing turns
 * the draft into the next revision (courses.server.ts). Every function takes the acting user
 * and checks that they may edit this course.
 */
import type { CourseDocument, ModuleDocument } from "~/content/course-document";
import { courseLocales } from "~/content/course-document";
import { renderMarkdown } from "~/content/markdown.server";
import { sourceHash } from "~/content/source-hash.server";
import { Prisma } from "~/generated/prisma/client";
import type { Role } from "~/generated/prisma/enums";
import { prisma } from "~/utils/db.server";
import type { CourseDetailsInput, ModuleInput, NewCourseInput } from "~/validation/courses";
import { managedCoursesWhere, requireCourseManager } from "./course-access.server";
import { revisionDocument } from "./course-document.server";
import { mediaUrlFor, publishCourseDocument } from "./courses.server";

type Editor = { id: string; role: Role };

/** The course, if this user manages it (course-access.server.ts): 404 when missing, 403 when not theirs. */
export async function requireEditableCourse({ slug, user }: { slug: string; user: Editor }) {
  const course = await prisma.course.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      title: true,
      sourceLocale: true,
      createdById: true,
      draft: true,
      draftUpdatedAt: true,
      currentRevisionId: true,
    },
  });
  if (!course) throw new Response("Course not found", { status: 404 });
  await requireCourseManager({ courseId: course.id, user });
  return course;
}

export type EditableCourse = Awaited<ReturnType<typeof requireEditableCourse>>;

export async function listEditableCourses({ user }: { user: Editor }) {
  const where = managedCoursesWhere(user);
  if (!where) return [];
  const courses = await prisma.course.findMany({
    where,
    orderBy: { title: "asc" },
    select: {
      slug: true,
      title: true,
      languages: true,
      draftUpdatedAt: true,
      publishedAt: true,
      currentRevision: { select: { number: true } },
    },
  });
  return courses.map((c) => ({
    ...c,
    revision: c.currentRevision?.number ?? null,
    hasDraft: Boolean(c.draftUpdatedAt),
  }));
}

/** The working copy: the draft if there is one, otherwise the published revision. */
export async function workingCopy(course: EditableCourse): Promise<CourseDocument> {
  if (course.draft) return course.draft as unknown as CourseDocument;
  if (course.currentRevisionId) return structuredClone(await revisionDocument(course.currentRevisionId));
  throw new Error(`course ${course.slug} has neither draft nor revision`);
}

async function saveDraft(course: EditableCourse, doc: CourseDocument) {
  await prisma.course.update({
    where: { id: course.id },
    data: {
      draft: doc as unknown as Prisma.InputJsonValue,
      draftUpdatedAt: new Date(),
      // A course never published shows its draft title in the author's list.
      ...(course.currentRevisionId ? {} : { title: doc.texts[doc.sourceLocale]?.title ?? course.title }),
    },
  });
}

export async function createCourse({ user, input }: { user: Editor; input: NewCourseInput }) {
  const doc: CourseDocument = {
    slug: input.slug,
    sourceLocale: input.sourceLocale,
    meta: {
      level: "introductory",
      topics: [],
      hours: 1,
      passMark: 70,
      enrolment: "open",
      certificate: "automatic",
      prerequisites: [],
      sequential: false,
      audience: "all",
    },
    texts: { [input.sourceLocale]: { title: input.title, summary: input.summary, body: "" } },
    modules: [],
    files: [],
    media: [],
  };
  try {
    await prisma.course.create({
      data: {
        slug: input.slug,
        sourceLocale: input.sourceLocale,
        createdById: user.id,
        title: input.title,
        level: "introductory",
        draft: doc as unknown as Prisma.InputJsonValue,
        draftUpdatedAt: new Date(),
        maintainers: { create: { userId: user.id } },
      },
    });
    return { status: "created" } as const;
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      return { status: "slug-taken" } as const;
    throw error;
  }
}

/** The source-language details and the course settings. */
export async function updateCourseDetails({ course, input }: { course: EditableCourse; input: CourseDetailsInput }) {
  const doc = await workingCopy(course);
  doc.meta = {
    level: input.level,
    topics: input.topics,
    hours: input.hours,
    passMark: input.passMark,
    enrolment: input.enrolment,
    certificate: input.certificate,
    prerequisites: input.prerequisites,
    sequential: input.sequential,
    audience: input.audience,
  };
  doc.texts[doc.sourceLocale] = { title: input.title, summary: input.summary, body: input.body };
  await saveDraft(course, doc);
  return { status: "saved" } as const;
}

/** A translation of the course text, stamped with the source it was made from. */
export async function updateCourseTranslation({
  course,
  input,
}: {
  course: EditableCourse;
  input: { locale: string; title: string; summary: string; body: string };
}) {
  const doc = await workingCopy(course);
  if (input.locale === doc.sourceLocale) throw new Response("Use the source form", { status: 400 });
  doc.texts[input.locale] = {
    title: input.title,
    summary: input.summary,
    body: input.body,
    sourceHash: sourceHash(doc.texts[doc.sourceLocale]!),
  };
  await saveDraft(course, doc);
  return { status: "saved" } as const;
}

export async function addModule({ course, slug, title }: { course: EditableCourse; slug: string; title: string }) {
  const doc = await workingCopy(course);
  if (doc.modules.some((m) => m.slug === slug)) return { status: "slug-taken" } as const;
  doc.modules.push({
    slug,
    minutes: 15,
    required: true,
    preview: false,
    texts: { [doc.sourceLocale]: { title, body: "" } },
  });
  await saveDraft(course, doc);
  return { status: "added" } as const;
}

function findModule(doc: CourseDocument, slug: string): ModuleDocument {
  const module = doc.modules.find((m) => m.slug === slug);
  if (!module) throw new Response("Module not found", { status: 404 });
  return module;
}

export async function getModuleDraft({
  course,
  moduleSlug,
  locale,
}: {
  course: EditableCourse;
  moduleSlug: string;
  locale: string;
}) {
  const doc = await workingCopy(course);
  const module = findModule(doc, moduleSlug);
  const source = module.texts[doc.sourceLocale]!;
  return {
    doc,
    module,
    isSource: locale === doc.sourceLocale,
    text: module.texts[locale] ?? null,
    source,
    status: translationState(module.texts[locale], source, locale === doc.sourceLocale),
  };
}

export async function saveModule({
  course,
  moduleSlug,
  input,
}: {
  course: EditableCourse;
  moduleSlug: string;
  input: ModuleInput;
}) {
  const doc = await workingCopy(course);
  const module = findModule(doc, moduleSlug);
  if (input.locale === doc.sourceLocale) {
    module.minutes = input.minutes;
    module.required = input.required;
    module.preview = input.preview;
    module.texts[input.locale] = { title: input.title, body: input.body };
  } else {
    module.texts[input.locale] = {
      title: input.title,
      body: input.body,
      sourceHash: sourceHash(module.texts[doc.sourceLocale]!),
    };
  }
  await saveDraft(course, doc);
  return { status: "saved" } as const;
}

export async function moveModule({
  course,
  moduleSlug,
  direction,
}: {
  course: EditableCourse;
  moduleSlug: string;
  direction: "up" | "down";
}) {
  const doc = await workingCopy(course);
  const index = doc.modules.findIndex((m) => m.slug === moduleSlug);
  if (index < 0) throw new Response("Module not found", { status: 404 });
  const target = direction === "up" ? index - 1 : index + 1;
  if (target < 0 || target >= doc.modules.length) return { status: "unchanged" } as const;
  [doc.modules[index], doc.modules[target]] = [doc.modules[target]!, doc.modules[index]!];
  await saveDraft(course, doc);
  return { status: "moved" } as const;
}

export async function removeModule({ course, moduleSlug }: { course: EditableCourse; moduleSlug: string }) {
  const doc = await workingCopy(course);
  findModule(doc, moduleSlug);
  doc.modules = doc.modules.filter((m) => m.slug !== moduleSlug);
  await saveDraft(course, doc);
  return { status: "removed" } as const;
}

export async function discardDraft({ course }: { course: EditableCourse }) {
  if (!course.currentRevisionId) return { status: "never-published" } as const;
  await prisma.course.update({ where: { id: course.id }, data: { draft: Prisma.DbNull, draftUpdatedAt: null } });
  return { status: "discarded" } as const;
}

export async function publishDraft({ course, user, note }: { course: EditableCourse; user: Editor; note?: string }) {
  if (!course.draft) return { status: "nothing-to-publish" } as const;
  return publishCourseDocument({
    doc: course.draft as unknown as CourseDocument,
    userId: user.id,
    note,
    origin: "browser",
  });
}

export async function listRevisions({ course }: { course: EditableCourse }) {
  return prisma.courseRevision.findMany({
    where: { courseId: course.id },
    orderBy: { number: "desc" },
    select: { number: true, note: true, origin: true, publishedAt: true, publishedBy: { select: { name: true } } },
  });
}

export type TranslationState = "source" | "missing" | "current" | "outdated";

function translationState(
  text: { title: string; body: string; summary?: string; sourceHash?: string } | undefined,
  source: { title: string; body: string; summary?: string },
  isSource: boolean,
): TranslationState {
  if (isSource) return "source";
  if (!text) return "missing";
  return text.sourceHash === sourceHash(source) ? "current" : "outdated";
}

/** Per language: the course text and each module, as missing / current / outdated. */
export function translationStatus(doc: CourseDocument, extraLocales: string[] = []) {
  const locales = [...new Set([...courseLocales(doc), ...extraLocales])].filter((l) => l !== doc.sourceLocale);
  const sourceCourse = doc.texts[doc.sourceLocale]!;
  return locales.map((locale) => ({
    locale,
    course: translationState(doc.texts[locale], sourceCourse, false),
    modules: doc.modules.map((m) => ({
      slug: m.slug,
      title: m.texts[doc.sourceLocale]!.title,
      state: translationState(m.texts[locale], m.texts[doc.sourceLocale]!, false),
    })),
  }));
}

/** Server-side preview of Markdown as it will be published (course media included). */
export async function previewMarkdown({ course, markdown }: { course: EditableCourse; markdown: string }) {
  const media = await prisma.courseMedia.findMany({
    where: { courseId: course.id, removedAt: null },
    select: { name: true, kind: true, width: true, height: true, sha256: true },
  });
  const byName = Object.fromEntries(media.map((m) => [m.name, m]));
  const result = renderMarkdown(markdown, { media: byName, mediaUrl: mediaUrlFor(course.slug, byName) });
  return { html: result.html, problems: result.problems };
}

export async function listMaintainers({ course }: { course: EditableCourse }) {
  return prisma.courseMaintainer.findMany({
    where: { courseId: course.id },
    orderBy: { addedAt: "asc" },
    select: { user: { select: { id: true, name: true, email: true } } },
  });
}

export async function assignTrainer({
  course,
  actor,
  email,
}: {
  course: EditableCourse;
  actor: Editor;
  email: string;
}) {
  if (actor.role !== "ADMIN") throw new Response("Forbidden", { status: 403 });
  const trainer = await prisma.user.findUnique({
    where: { email: email.trim().toLowerCase() },
    select: { id: true, role: true },
  });
  if (!trainer) return { status: "unknown-person" } as const;
  if (trainer.role !== "TRAINER" && trainer.role !== "ADMIN") return { status: "not-a-trainer" } as const;
  await prisma.courseMaintainer.upsert({
    where: { courseId_userId: { courseId: course.id, userId: trainer.id } },
    create: { courseId: course.id, userId: trainer.id },
    update: {},
  });
  return { status: "assigned" } as const;
}

export async function unassignTrainer({
  course,
  actor,
  userId,
}: {
  course: EditableCourse;
  actor: Editor;
  userId: string;
}) {
  if (actor.role !== "ADMIN") throw new Response("Forbidden", { status: 403 });
  await prisma.courseMaintainer.deleteMany({ where: { courseId: course.id, userId } });
  return { status: "unassigned" } as const;
}
