/**
 * A course's media library in the browser (decision 024): images and PDF handouts uploaded,
 * replaced and deleted by the course's trainers, checked exactly like course files
 * (course-files.server.ts `checkMediaFile`). The library is what the next publication uses;
 * officers keep seeing the bytes the current revision was published with until then.
 */
import { createHash } from "node:crypto";
import { checkMediaFile, type MediaProblem } from "~/content/course-files.server";
import type { CourseDocument } from "~/content/course-document";
import type { Role } from "~/generated/prisma/enums";
import { prisma } from "~/utils/db.server";
import { recordAudit } from "./audit.server";
import { workingCopy, type EditableCourse } from "./course-authoring.server";
import { mediaUrlFor, retireMedia } from "./courses.server";

type Actor = { id: string; role: Role };

export type MediaUse = { module: string | null; title: string };
export type MediaItem = {
  name: string;
  kind: "image" | "pdf";
  mime: string;
  size: number;
  width: number | null;
  height: number | null;
  alt: string;
  url: string;
  /** Where the working copy (draft or published text) uses it. */
  usedIn: MediaUse[];
  /** What to paste into a module's Markdown. */
  snippet: string;
};

const USE = /\]\(\s*<?media\/([^\s)>]+)>?/g;

function decoded(name: string) {
  try {
    return decodeURIComponent(name).normalize("NFC");
  } catch {
    return name.normalize("NFC");
  }
}

/** Every media name the document's Markdown refers to (images and links), with where. */
export function mediaUses(doc: CourseDocument) {
  const uses = new Map<string, MediaUse[]>();
  const add = (body: string, use: MediaUse) => {
    for (const m of body.matchAll(USE)) {
      const name = decoded(m[1]!);
      const list = uses.get(name) ?? [];
      if (!list.some((u) => u.module === use.module)) list.push(use);
      uses.set(name, list);
    }
  };
  const source = doc.sourceLocale;
  for (const text of Object.values(doc.texts)) add(text.body, { module: null, title: doc.texts[source]?.title ?? "" });
  for (const m of doc.modules) {
    const title = m.texts[source]?.title ?? m.slug;
    for (const text of Object.values(m.texts)) add(text.body, { module: m.slug, title });
  }
  return uses;
}

/** Markdown that shows an image or links to a PDF (`<…>` when the name has spaces or brackets). */
export function mediaSnippet(item: { name: string; kind: string; alt: string }) {
  const target = /[\s()<>]/.test(item.name) ? `<media/${item.name}>` : `media/${item.name}`;
  const text = (item.kind === "pdf" ? item.name.replace(/\.pdf$/i, "") : item.alt).replace(/([[\]\\])/g, "\\$1");
  return item.kind === "pdf" ? `[${text}](${target})` : `![${text}](${target})`;
}

/** The library (files not removed), with where each is used, and the names the text uses that it lacks. */
export async function listCourseMedia({ course }: { course: EditableCourse }) {
  const rows = await prisma.courseMedia.findMany({
    where: { courseId: course.id, removedAt: null },
    orderBy: { name: "asc" },
    select: { name: true, kind: true, mime: true, size: true, width: true, height: true, alt: true, sha256: true },
  });
  const doc = course.draft || course.currentRevisionId ? await workingCopy(course) : null;
  const uses = doc ? mediaUses(doc) : new Map<string, MediaUse[]>();
  const url = mediaUrlFor(course.slug, Object.fromEntries(rows.map((r) => [r.name, r])));
  const items: MediaItem[] = rows.map((r) => {
    const kind = r.kind === "pdf" ? "pdf" : "image";
    return {
      name: r.name,
      kind,
      mime: r.mime,
      size: r.size,
      width: r.width,
      height: r.height,
      alt: r.alt,
      url: url(r.name),
      usedIn: uses.get(r.name) ?? [],
      snippet: mediaSnippet({ name: r.name, kind, alt: r.alt }),
    };
  });
  const names = new Set(rows.map((r) => r.name));
  const missing = [...uses].filter(([name]) => !names.has(name)).map(([name, usedIn]) => ({ name, usedIn }));
  return { items, missing };
}

export type MediaResult =
  | { status: "saved"; name: string }
  | { status: "invalid"; code: MediaProblem["code"]; error: string }
  | { status: "duplicate"; name: string }
  | { status: "alt-required" }
  | { status: "kind-changed" }
  | { status: "not-found" };

function sha256(bytes: Uint8Array) {
  return createHash("sha256").update(bytes).digest("hex");
}

async function lockMedia(tx: Pick<typeof prisma, "$executeRaw">, courseId: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`course-media:${courseId}`}))`;
}

/**
 * Adds a file to the library, or replaces one (`replace`: its name; the new file keeps that
 * name, so the Markdown that uses it needs no change). Alt text is required for images.
 */
export async function saveCourseMedia({
  course,
  user,
  name: uploadedName,
  bytes,
  alt,
  replace,
  ip,
}: {
  course: EditableCourse;
  user: Actor;
  name: string;
  bytes: Buffer;
  alt: string;
  replace?: string;
  ip?: string | null;
}): Promise<MediaResult> {
  const name = (replace ?? uploadedName).normalize("NFC");
  const checked = checkMediaFile(name, bytes);
  if ("error" in checked) return { status: "invalid", code: checked.code, error: checked.error };
  if (checked.kind === "image" && alt.trim() === "") return { status: "alt-required" };
  const hash = sha256(bytes);
  return prisma.$transaction(async (tx) => {
    await lockMedia(tx, course.id);
    const live = await tx.courseMedia.findFirst({
      where: { courseId: course.id, name, removedAt: null },
      select: { id: true, name: true, sha256: true, kind: true },
    });
    if (replace && !live) return { status: "not-found" } as const;
    if (!replace && live) return { status: "duplicate", name } as const;
    if (live && live.kind !== checked.kind) return { status: "kind-changed" } as const;
    const data = {
      kind: checked.kind,
      mime: checked.mime,
      width: checked.width,
      height: checked.height,
      size: bytes.length,
      alt: checked.kind === "pdf" ? "" : alt.trim(),
      removedAt: null,
    };
    if (live && live.sha256 === hash) {
      await tx.courseMedia.update({ where: { id: live.id }, data: { alt: data.alt } });
    } else {
      if (live) await retireMedia(tx, course.id, live);
      await tx.courseMedia.upsert({
        where: { courseId_name_sha256: { courseId: course.id, name, sha256: hash } },
        create: { courseId: course.id, name, sha256: hash, bytes: new Uint8Array(bytes), ...data },
        update: data,
      });
    }
    await recordAudit(
      {
        actorId: user.id,
        action: replace ? "course.media-replaced" : "course.media-uploaded",
        detail: { courseId: course.id, name, size: bytes.length, kind: checked.kind },
        ip,
      },
      tx,
    );
    return { status: "saved", name } as const;
  });
}

/** New alt text for an image already in the library (no new file). */
export async function updateMediaAlt({ course, name, alt }: { course: EditableCourse; name: string; alt: string }) {
  const row = await prisma.courseMedia.findFirst({
    where: { courseId: course.id, name, removedAt: null },
    select: { id: true, kind: true },
  });
  if (!row) return { status: "not-found" } as const;
  if (row.kind === "image" && alt.trim() === "") return { status: "alt-required" } as const;
  await prisma.courseMedia.update({ where: { id: row.id }, data: { alt: row.kind === "pdf" ? "" : alt.trim() } });
  return { status: "saved", name } as const;
}

/** Takes a file out of the library (a published revision that used it keeps its bytes). */
export async function deleteCourseMedia({
  course,
  user,
  name,
  ip,
}: {
  course: EditableCourse;
  user: Actor;
  name: string;
  ip?: string | null;
}) {
  return prisma.$transaction(async (tx) => {
    await lockMedia(tx, course.id);
    const live = await tx.courseMedia.findFirst({
      where: { courseId: course.id, name, removedAt: null },
      select: { id: true, name: true, sha256: true },
    });
    if (!live) return { status: "not-found" } as const;
    await retireMedia(tx, course.id, live);
    await recordAudit(
      { actorId: user.id, action: "course.media-deleted", detail: { courseId: course.id, name }, ip },
      tx,
    );
    return { status: "deleted" } as const;
  });
}

/** The library as the editor's Insert panel shows it. */
export async function mediaForEditor({ course }: { course: EditableCourse }) {
  const { items } = await listCourseMedia({ course });
  return items.map(({ name, kind, alt, snippet, url, width, height }) => ({
    name,
    kind,
    alt,
    snippet,
    url,
    width,
    height,
  }));
}
