/**
 * Courses: publishing revisions (from files or the browser), the catalogue and reading.
 * Authoring (drafts) lives in course-authoring.server.ts.
 */
import { createHash } from "node:crypto";
import { courseLocales, CourseDocumentSchema, type CourseDocument, type CourseMeta } from "~/content/course-document";
import { assessmentTitle, readAssessmentFiles } from "~/content/assessment-files";
import { readCourseFolder, readCoursesRoot, writeCourseFolder, type MediaFile } from "~/content/course-files.server";
import { renderMarkdown, type Heading } from "~/content/markdown.server";
import { Prisma } from "~/generated/prisma/client";
import type { Role } from "~/generated/prisma/enums";
import { isLocale } from "~/i18n/i18n";
import { translatorFor } from "~/i18n/catalogues.server";
import { prisma } from "~/utils/db.server";
import { revisionDocument } from "./course-document.server";
import { moduleGate, readerState } from "./progress.server";
import { browserAssessmentFiles, syncCourseAssessments } from "./question-bank.server";

// ------------------------------------------------------------------ documents

function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export function contentHash(doc: CourseDocument, media: { name: string; sha256: string }[]) {
  const mediaPart = [...media].sort((a, b) => a.name.localeCompare(b.name)).map((m) => `${m.name}:${m.sha256}`);
  return createHash("sha256").update(stableStringify(doc)).update(mediaPart.join("|")).digest("hex");
}

/** Structural rules every publishable document must meet (the file reader enforces the same). */
export function documentProblems(doc: CourseDocument): string[] {
  const problems: string[] = [];
  if (!doc.texts[doc.sourceLocale])
    problems.push(`the course has no text in its source language (${doc.sourceLocale})`);
  if (doc.modules.length === 0) problems.push("a course needs at least one module");
  const seen = new Set<string>();
  for (const module of doc.modules) {
    if (seen.has(module.slug)) problems.push(`two modules use the slug ${module.slug}`);
    seen.add(module.slug);
    if (!module.texts[doc.sourceLocale]) problems.push(`module ${module.slug} has no text in ${doc.sourceLocale}`);
    if (!module.texts[doc.sourceLocale]?.body.trim()) problems.push(`module ${module.slug} is empty`);
  }
  if (doc.files.length > 0) {
    const assessments = readAssessmentFiles({
      files: doc.files,
      modules: doc.modules,
      sourceLocale: doc.sourceLocale,
      passMark: doc.meta.passMark,
    });
    if (!assessments.ok) problems.push(...assessments.problems.map((p) => `${p.file}:${p.line}: ${p.message}`));
  }
  return problems;
}

// ------------------------------------------------------------------ publishing

export type PublishResult =
  | { status: "published"; revision: number; courseId: string }
  | { status: "unchanged"; revision: number; courseId: string }
  /** missingMedia: files the text uses that the media library lacks (the page says to upload them). */
  | { status: "invalid"; errors: string[]; missingMedia?: string[] };

function calloutLabels(locale: string) {
  const t = translatorFor(isLocale(locale) ? locale : "en");
  return { note: t("content.callout.note"), warning: t("content.callout.warning"), legal: t("content.callout.legal") };
}

type Rendered = { key: string; locale: string; html: string; headings: Heading[] };

type PublishMedia = { name: string; kind: string; width: number | null; height: number | null; sha256: string };

/** A media file's URL: the version in the query makes it the exact bytes this text was published with. */
export function mediaUrlFor(slug: string, media: Record<string, { sha256: string }>) {
  return (name: string) => {
    const version = media[name]?.sha256.slice(0, 16);
    return `/courses/${slug}/media/${encodeURIComponent(name)}${version ? `?v=${version}` : ""}`;
  };
}

function renderDocument(doc: CourseDocument, media: Record<string, PublishMedia>) {
  const rendered: Rendered[] = [];
  const errors: string[] = [];
  const missingMedia = new Set<string>();
  const mediaUrl = mediaUrlFor(doc.slug, media);
  const render = (key: string, label: string, locale: string, body: string) => {
    const result = renderMarkdown(body, { media, mediaUrl, labels: calloutLabels(locale) });
    for (const p of result.problems) {
      const missing = p.media !== undefined && !Object.prototype.hasOwnProperty.call(media, p.media);
      if (missing) missingMedia.add(p.media!);
      const hint = missing ? `: upload ${p.media} on the course's Media page (/author/${doc.slug}/media)` : "";
      errors.push(`${label} (${locale}), line ${p.line}: ${p.message}${hint}`);
    }
    rendered.push({ key, locale, html: result.html, headings: result.headings });
  };
  for (const [locale, text] of Object.entries(doc.texts)) render("course", "course description", locale, text.body);
  for (const module of doc.modules) {
    for (const [locale, text] of Object.entries(module.texts))
      render(`module:${module.slug}`, `module ${module.slug}`, locale, text.body);
  }
  return { rendered, errors, missingMedia: [...missingMedia] };
}

function catalogueColumns(doc: CourseDocument, meta: CourseMeta) {
  const source = doc.texts[doc.sourceLocale]!;
  const texts = Object.fromEntries(
    Object.entries(doc.texts).map(([l, t]) => [l, { title: t.title, summary: t.summary }]),
  );
  const searchText = [...Object.values(doc.texts).flatMap((t) => [t.title, t.summary]), ...meta.topics, doc.slug]
    .join(" \n ")
    .toLowerCase();
  return {
    title: source.title,
    texts,
    languages: courseLocales(doc),
    level: meta.level,
    topics: meta.topics,
    hours: meta.hours,
    passMark: meta.passMark,
    enrolmentPolicy: meta.enrolment,
    audience: meta.audience ?? "all",
    certificatePolicy: meta.certificate,
    prerequisites: meta.prerequisites,
    moduleCount: doc.modules.length,
    searchText,
  };
}

function sha256(bytes: Uint8Array) {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * Publishes `doc` as the course's next revision, creating the course on first publication.
 * Identical content publishes nothing. Markdown is rendered here, once per revision.
 * `media` (from files) replaces the course's media; without it the stored media are used.
 */
export async function publishCourseDocument({
  doc: input,
  media,
  userId,
  note,
  origin,
}: {
  doc: CourseDocument;
  media?: MediaFile[];
  userId?: string | null;
  note?: string | null;
  origin: "import" | "browser";
}): Promise<PublishResult> {
  const parsed = CourseDocumentSchema.safeParse(input);
  if (!parsed.success)
    return { status: "invalid", errors: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`) };
  const parsedDoc = parsed.data;
  const structural = documentProblems(parsedDoc);
  if (structural.length) return { status: "invalid", errors: structural };

  const existing = await prisma.course.findUnique({
    where: { slug: parsedDoc.slug },
    select: { id: true, currentRevision: { select: { contentHash: true, number: true } } },
  });
  // The media library (decision 024) unless files bring their own: the document lists what it is published with.
  const storedMedia = existing
    ? await prisma.courseMedia.findMany({
        where: { courseId: existing.id, removedAt: null },
        select: { name: true, kind: true, width: true, height: true, sha256: true },
      })
    : [];
  const mediaInfo = media
    ? media.map((m) => ({ name: m.name, kind: m.kind, width: m.width, height: m.height, sha256: sha256(m.bytes) }))
    : storedMedia;
  mediaInfo.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const doc = { ...parsedDoc, media: mediaInfo.map((m) => m.name) };
  const hash = contentHash(doc, mediaInfo);
  if (existing?.currentRevision?.contentHash === hash) {
    return { status: "unchanged", revision: existing.currentRevision.number, courseId: existing.id };
  }

  const { rendered, errors, missingMedia } = renderDocument(doc, Object.fromEntries(mediaInfo.map((m) => [m.name, m])));
  if (errors.length) return { status: "invalid", errors, missingMedia };

  return prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`course:${doc.slug}`}))`;
      const columns = catalogueColumns(doc, doc.meta);
      const course = await tx.course.upsert({
        where: { slug: doc.slug },
        create: { slug: doc.slug, sourceLocale: doc.sourceLocale, createdById: userId ?? null, ...columns },
        update: {},
        select: { id: true },
      });
      if (media) await replaceMedia(tx, course.id, media, doc);
      const last = await tx.courseRevision.aggregate({ where: { courseId: course.id }, _max: { number: true } });
      const number = (last._max.number ?? 0) + 1;
      const revision = await tx.courseRevision.create({
        data: {
          courseId: course.id,
          number,
          document: doc as unknown as Prisma.InputJsonValue,
          contentHash: hash,
          media: mediaInfo.map((m) => ({ name: m.name, sha256: m.sha256 })),
          note: note?.trim() || null,
          origin,
          publishedById: userId ?? null,
        },
        select: { id: true },
      });
      await tx.renderedText.createMany({
        data: rendered.map((r) => ({
          revisionId: revision.id,
          key: r.key,
          locale: r.locale,
          html: r.html,
          headings: r.headings,
        })),
      });
      const slugs = doc.modules.map((m) => m.slug);
      await tx.module.createMany({ data: slugs.map((slug) => ({ courseId: course.id, slug })), skipDuplicates: true });
      await tx.module.updateMany({ where: { courseId: course.id, slug: { in: slugs } }, data: { archivedAt: null } });
      await tx.module.updateMany({
        where: { courseId: course.id, slug: { notIn: slugs }, archivedAt: null },
        data: { archivedAt: new Date() },
      });
      await syncCourseAssessments(tx, course.id, doc);
      await tx.course.update({
        where: { id: course.id },
        data: {
          ...columns,
          sourceLocale: doc.sourceLocale,
          currentRevisionId: revision.id,
          publishedAt: new Date(),
          draft: Prisma.DbNull,
          draftUpdatedAt: null,
        },
      });
      return { status: "published", revision: number, courseId: course.id } as const;
    },
    { timeout: 30_000 },
  );
}

/** Files bring the course's media: the library becomes exactly them (bytes a revision used are kept, decision 024). */
async function replaceMedia(tx: Prisma.TransactionClient, courseId: string, media: MediaFile[], doc: CourseDocument) {
  const alts = firstAltTexts(doc);
  const live = await tx.courseMedia.findMany({
    where: { courseId, removedAt: null },
    select: { id: true, name: true, sha256: true },
  });
  const wanted = new Map(media.map((m) => [m.name, sha256(m.bytes)]));
  for (const row of live) if (wanted.get(row.name) !== row.sha256) await retireMedia(tx, courseId, row);
  for (const m of media) {
    const data = {
      kind: m.kind,
      mime: m.mime,
      bytes: new Uint8Array(m.bytes),
      size: m.bytes.length,
      width: m.width,
      height: m.height,
      removedAt: null,
    };
    await tx.courseMedia.upsert({
      where: { courseId_name_sha256: { courseId, name: m.name, sha256: wanted.get(m.name)! } },
      create: { courseId, name: m.name, sha256: wanted.get(m.name)!, alt: alts.get(m.name) ?? "", ...data },
      update: { removedAt: null },
    });
  }
}

/**
 * Takes a file out of the media library. Its bytes stay (marked removed) while any published
 * revision was published with them, so every revision can still be shown and exported as it was.
 */
export async function retireMedia(
  tx: Prisma.TransactionClient,
  courseId: string,
  row: { id: string; name: string; sha256: string },
) {
  const used = await tx.$queryRaw<{ n: number }[]>`
    SELECT 1 AS n FROM "CourseRevision"
    WHERE "courseId" = ${courseId} AND "media" @> ${JSON.stringify([{ name: row.name, sha256: row.sha256 }])}::jsonb
    LIMIT 1`;
  if (used.length > 0) await tx.courseMedia.update({ where: { id: row.id }, data: { removedAt: new Date() } });
  else await tx.courseMedia.delete({ where: { id: row.id } });
}

const IMAGE_USE = /!\[((?:[^\]\\]|\\.)*)\]\(\s*<?media\/([^\s)>]+)>?/g;

/** The alt text of each image's first use in the source-language Markdown (files carry alt text there). */
export function firstAltTexts(doc: CourseDocument) {
  const alts = new Map<string, string>();
  const bodies = [
    doc.texts[doc.sourceLocale]?.body ?? "",
    ...doc.modules.map((m) => m.texts[doc.sourceLocale]?.body ?? ""),
  ];
  for (const body of bodies) {
    for (const m of body.matchAll(IMAGE_USE)) {
      let name = m[2]!;
      try {
        name = decodeURIComponent(name);
      } catch {
        // keep as written
      }
      const alt = m[1]!.replace(/\\(.)/g, "$1").trim();
      if (!alts.has(name) && alt) alts.set(name, alt.slice(0, 500));
    }
  }
  return alts;
}

// ------------------------------------------------------------------ import / export

export type ImportReport = {
  slug: string;
  status: "published" | "unchanged" | "refused";
  revision?: number;
  errors?: string[];
};

/** Imports every course folder under `root`: each valid course publishes (or is unchanged); broken ones are refused whole. */
export async function importCourses({
  root,
  displayRoot,
}: {
  root: string;
  displayRoot?: string;
}): Promise<ImportReport[]> {
  const loaded = await readCoursesRoot(root, displayRoot ?? root);
  const reports: ImportReport[] = [];
  for (const course of loaded) {
    if (!course.ok) {
      reports.push({ slug: course.slug, status: "refused", errors: course.errors });
      continue;
    }
    const result = await publishCourseDocument({
      doc: course.doc,
      media: course.media,
      origin: "import",
      note: "Imported from files",
    });
    if (result.status === "invalid") {
      const base = `${displayRoot ?? root}/${course.doc.slug}`;
      reports.push({ slug: course.doc.slug, status: "refused", errors: result.errors.map((e) => `${base}: ${e}`) });
    } else {
      reports.push({ slug: course.doc.slug, status: result.status, revision: result.revision });
    }
  }
  return reports;
}

/** Imports one course folder (the folder name is the slug). */
export async function importCourseFolder({
  dir,
  displayPath,
}: {
  dir: string;
  displayPath: string;
}): Promise<ImportReport> {
  const course = await readCourseFolder(dir, displayPath);
  if (!course.ok) return { slug: course.slug, status: "refused", errors: course.errors };
  const result = await publishCourseDocument({
    doc: course.doc,
    media: course.media,
    origin: "import",
    note: "Imported from files",
  });
  if (result.status === "invalid")
    return { slug: course.doc.slug, status: "refused", errors: result.errors.map((e) => `${displayPath}: ${e}`) };
  return { slug: course.doc.slug, status: result.status, revision: result.revision };
}

/** The media a revision was published with (its manifest), bytes included. */
export async function revisionMediaFiles(revisionId: string): Promise<MediaFile[]> {
  const revision = await prisma.courseRevision.findUniqueOrThrow({
    where: { id: revisionId },
    select: { courseId: true, media: true },
  });
  const manifest = revision.media as { name: string; sha256: string }[];
  if (manifest.length === 0) return [];
  const rows = await prisma.courseMedia.findMany({
    where: { courseId: revision.courseId, OR: manifest.map((m) => ({ name: m.name, sha256: m.sha256 })) },
    orderBy: { name: "asc" },
  });
  return rows.map((m) => ({
    name: m.name,
    bytes: Buffer.from(m.bytes),
    mime: m.mime,
    kind: m.kind === "pdf" ? "pdf" : "image",
    width: m.width,
    height: m.height,
  }));
}

/**
 * The course as files would carry it: the current revision's document with what was made in
 * the browser (questions, assessments) added as assessments/ files, and the revision's media.
 * Importing what exportCourse writes publishes exactly this (same content hash).
 */
export async function courseSnapshot({ slug }: { slug: string }) {
  const course = await prisma.course.findUnique({ where: { slug }, select: { id: true, currentRevisionId: true } });
  if (!course?.currentRevisionId) return null;
  const published = await revisionDocument(course.currentRevisionId);
  const extra = await browserAssessmentFiles({ courseId: course.id, doc: published });
  const files = [...published.files, ...extra].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const doc: CourseDocument = { ...published, files };
  const media = await revisionMediaFiles(course.currentRevisionId);
  return {
    doc,
    media,
    hash: contentHash(
      doc,
      media.map((m) => ({ name: m.name, sha256: sha256(m.bytes) })),
    ),
  };
}

/** Writes the current published revision, and everything made in the browser, back to files in the import format. */
export async function exportCourse({ slug, dir }: { slug: string; dir: string }) {
  const snapshot = await courseSnapshot({ slug });
  if (!snapshot) return { status: "not-found" } as const;
  await writeCourseFolder(snapshot.doc, snapshot.media, dir);
  return { status: "exported", dir, hash: snapshot.hash } as const;
}

// ------------------------------------------------------------------ catalogue

type TextsJson = Record<string, { title: string; summary: string }>;

function pickText(texts: TextsJson, locale: string, sourceLocale: string) {
  return texts[locale] ?? texts[sourceLocale] ?? Object.values(texts)[0] ?? { title: "", summary: "" };
}

export async function listCatalogue({
  q,
  language,
  topic,
  level,
  locale,
  viewer = null,
}: {
  q?: string;
  language?: string;
  topic?: string;
  level?: string;
  locale: string;
  /** Restricted (`audience: vetted`) courses are listed for vetted officers, trainers and administrators only. */
  viewer?: { id: string; role: Role } | null;
}) {
  const seesRestricted =
    viewer?.role === "ADMIN" ||
    viewer?.role === "TRAINER" ||
    (viewer
      ? (await prisma.user.findUnique({ where: { id: viewer.id }, select: { vettingStatus: true } }))?.vettingStatus ===
        "VERIFIED"
      : false);
  const published: Prisma.CourseWhereInput = {
    currentRevisionId: { not: null },
    ...(seesRestricted ? {} : { audience: "all" }),
  };
  const where: Prisma.CourseWhereInput = {
    ...published,
    ...(q?.trim()
      ? {
          AND: q
            .trim()
            .toLowerCase()
            .split(/\s+/)
            .slice(0, 8)
            .map((word) => ({ searchText: { contains: word } })),
        }
      : {}),
    ...(language ? { languages: { has: language } } : {}),
    ...(topic ? { topics: { has: topic } } : {}),
    ...(level ? { level } : {}),
  };
  const [courses, all] = await Promise.all([
    prisma.course.findMany({
      where,
      orderBy: [{ title: "asc" }],
      take: 200,
      select: {
        slug: true,
        sourceLocale: true,
        texts: true,
        languages: true,
        level: true,
        topics: true,
        hours: true,
        moduleCount: true,
        enrolmentPolicy: true,
        audience: true,
      },
    }),
    prisma.course.findMany({ where: published, select: { languages: true, topics: true, level: true } }),
  ]);
  return {
    courses: courses.map((c) => {
      const text = pickText(c.texts as TextsJson, locale, c.sourceLocale);
      return {
        ...c,
        texts: undefined,
        title: text.title,
        summary: text.summary,
        inReaderLanguage: Boolean((c.texts as TextsJson)[locale]),
      };
    }),
    facets: {
      languages: [...new Set(all.flatMap((c) => c.languages))].sort(),
      topics: [...new Set(all.flatMap((c) => c.topics))].sort(),
      levels: [...new Set(all.map((c) => c.level))],
    },
  };
}

// ------------------------------------------------------------------ reading

export type Viewer = { id: string; role: Role } | null;

async function publishedCourse(slug: string) {
  const course = await prisma.course.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      sourceLocale: true,
      currentRevisionId: true,
      currentRevision: { select: { number: true, publishedAt: true } },
    },
  });
  if (!course?.currentRevisionId || !course.currentRevision) throw new Response("Course not found", { status: 404 });
  return { ...course, currentRevisionId: course.currentRevisionId, revision: course.currentRevision };
}

async function renderedText(revisionId: string, key: string, locale: string, sourceLocale: string) {
  const rows = await prisma.renderedText.findMany({
    where: { revisionId, key, locale: { in: [...new Set([locale, sourceLocale])] } },
    select: { locale: true, html: true, headings: true },
  });
  const row = rows.find((r) => r.locale === locale) ?? rows.find((r) => r.locale === sourceLocale);
  return row
    ? { html: row.html, headings: row.headings as Heading[], locale: row.locale, fallback: row.locale !== locale }
    : null;
}

async function stateFor(viewer: Viewer, courseId: string, doc: CourseDocument) {
  return viewer ? readerState({ userId: viewer.id, courseId, doc }) : null;
}

export async function getCourseOverview({ slug, locale, viewer }: { slug: string; locale: string; viewer: Viewer }) {
  const course = await publishedCourse(slug);
  const doc = await revisionDocument(course.currentRevisionId);
  const state = await stateFor(viewer, course.id, doc);
  const source = doc.sourceLocale;
  const text = doc.texts[locale] ?? doc.texts[source]!;
  const description = await renderedText(course.currentRevisionId, "course", locale, source);
  const prerequisites = doc.meta.prerequisites.length
    ? await prisma.course.findMany({
        where: { slug: { in: doc.meta.prerequisites } },
        select: { slug: true, texts: true, sourceLocale: true },
      })
    : [];
  const assessments = await listAssessmentTitles(course.id, locale);
  return {
    slug: doc.slug,
    sourceLocale: source,
    title: text.title,
    summary: text.summary,
    descriptionHtml: description?.html ?? "",
    fallback: !doc.texts[locale],
    meta: doc.meta,
    languages: courseLocales(doc),
    revision: course.revision.number,
    publishedAt: course.revision.publishedAt,
    courseId: course.id,
    enrolment: state?.enrolment
      ? { status: state.enrolment.status, lastModuleSlug: state.enrolment.lastModuleSlug }
      : null,
    prerequisites: doc.meta.prerequisites.map((p) => {
      const found = prerequisites.find((c) => c.slug === p);
      return {
        slug: p,
        title: found ? pickText(found.texts as TextsJson, locale, found.sourceLocale).title : p,
        exists: Boolean(found),
      };
    }),
    modules: doc.modules.map((m, index) => ({
      slug: m.slug,
      number: index + 1,
      title: (m.texts[locale] ?? m.texts[source]!).title,
      translated: Boolean(m.texts[locale]),
      minutes: m.minutes,
      required: m.required,
      preview: m.preview,
      completed: state?.completed.has(m.slug) ?? false,
      access: moduleGate({ viewer, preview: m.preview, state, moduleSlug: m.slug }),
      assessment: assessments.find((a) => a.moduleSlug === m.slug) ?? null,
    })),
    finalAssessment: assessments.find((a) => a.final) ?? null,
  };
}

/** Titles of a course's live assessments in the reader's language. */
async function listAssessmentTitles(courseId: string, locale: string) {
  const rows = await prisma.assessment.findMany({
    where: { courseId, archivedAt: null },
    select: { slug: true, titles: true, sourceLocale: true, moduleSlug: true, final: true },
  });
  return rows.map((a) => {
    return {
      slug: a.slug,
      title: assessmentTitle(a.titles, locale, a.sourceLocale) || a.slug,
      moduleSlug: a.moduleSlug,
      final: a.final,
    };
  });
}

export async function getModuleForReading({
  slug,
  moduleSlug,
  locale,
  viewer,
}: {
  slug: string;
  moduleSlug: string;
  locale: string;
  viewer: Viewer;
}) {
  const course = await publishedCourse(slug);
  const doc = await revisionDocument(course.currentRevisionId);
  const index = doc.modules.findIndex((m) => m.slug === moduleSlug);
  if (index < 0) throw new Response("Module not found", { status: 404 });
  const module = doc.modules[index]!;
  const state = await stateFor(viewer, course.id, doc);
  const access = moduleGate({ viewer, preview: module.preview, state, moduleSlug: module.slug });
  const enrolled = state?.enrolment && (state.enrolment.status === "ACTIVE" || state.enrolment.status === "COMPLETED");
  // A GET writes nothing: "resume" is remembered when the learner completes a module (a POST).
  const source = doc.sourceLocale;
  const courseText = doc.texts[locale] ?? doc.texts[source]!;
  const neighbour = (i: number) => {
    const m = doc.modules[i];
    return m ? { slug: m.slug, title: (m.texts[locale] ?? m.texts[source]!).title } : null;
  };
  const base = {
    course: { slug: doc.slug, title: courseText.title },
    module: {
      slug: module.slug,
      number: index + 1,
      total: doc.modules.length,
      title: (module.texts[locale] ?? module.texts[source]!).title,
      minutes: module.minutes,
      required: module.required,
      preview: module.preview,
    },
    previous: neighbour(index - 1),
    next: neighbour(index + 1),
    access,
    enrolled: Boolean(enrolled),
    completed: state?.completed.has(module.slug) ?? false,
    assessment: (await listAssessmentTitles(course.id, locale)).find((a) => a.moduleSlug === module.slug) ?? null,
  };
  if (access !== "allowed") return { ...base, content: null };
  const content = await renderedText(course.currentRevisionId, `module:${module.slug}`, locale, source);
  return { ...base, content: content ? { ...content, dir: content.locale } : null };
}

/**
 * A media file as officers get it. With a version (`?v=`, the start of its SHA-256, which
 * published pages use) exactly those bytes; without, the file the current revision was
 * published with. Files uploaded since the last publication are reachable only by version
 * (the editor's preview), so officers see what was published.
 */
export async function getCourseMedia({ slug, name, version }: { slug: string; name: string; version?: string | null }) {
  const course = await prisma.course.findUnique({
    where: { slug },
    select: { id: true, currentRevision: { select: { media: true } } },
  });
  if (!course) return null;
  const select = { bytes: true, mime: true, sha256: true, kind: true, name: true } as const;
  if (version) {
    if (!/^[0-9a-f]{16,64}$/.test(version)) return null;
    return prisma.courseMedia.findFirst({
      where: { courseId: course.id, name, sha256: { startsWith: version } },
      select,
    });
  }
  const entry = ((course.currentRevision?.media ?? []) as { name: string; sha256: string }[]).find(
    (m) => m.name === name || m.name === name.normalize("NFC"),
  );
  if (!entry) return null;
  return prisma.courseMedia.findUnique({
    where: { courseId_name_sha256: { courseId: course.id, name: entry.name, sha256: entry.sha256 } },
    select,
  });
}
