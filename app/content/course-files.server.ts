/**
 * Course folders (courses/README.md) ↔ CourseDocument. Pure filesystem work: the importer
 * and exporter that talk to the database build on this.
 *
 * Reading validates the whole folder and reports every problem as
 * `<displayPath>/<file>:<line>: <what is wrong>`; writing produces the same format back,
 * deterministically, so that read(write(doc)) equals doc and a second export is identical.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { readAssessmentFiles } from "./assessment-files";
import { Document, isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from "yaml";
import {
  CERTIFICATE_POLICIES,
  CourseDocumentSchema,
  AUDIENCES,
  ENROLMENT_POLICIES,
  LEVELS,
  LocaleTagSchema,
  SlugSchema,
  type CourseDocument,
  type CourseText,
  type ModuleDocument,
  type ModuleText,
} from "./course-document";
import { imageInfo } from "./image-size.server";
import { sourceHash } from "./source-hash.server";

/** An image (with its pixel size) or a PDF handout (width and height null). */
export type MediaFile = {
  name: string;
  bytes: Buffer;
  mime: string;
  kind: "image" | "pdf";
  width: number | null;
  height: number | null;
};
export type LoadedCourse =
  { ok: true; doc: CourseDocument; media: MediaFile[] } | { ok: false; slug: string; errors: string[] };

export const MAX_MEDIA_BYTES = 2 * 1024 * 1024;
export const MAX_PDF_BYTES = 5 * 1024 * 1024;
export const MAX_MEDIA_NAME = 120;

/** Why a media file is refused: the browser shows `code` in the reader's language, files show `error`. */
export type MediaProblem = {
  code: "name" | "type" | "content" | "too-large" | "not-pdf";
  error: string;
};

/** A media file name: one plain file name (no folders, no leading dot, no control characters). */
export function mediaNameProblem(name: string): MediaProblem | null {
  const error = (error: string): MediaProblem => ({ code: "name", error });
  if (name === "" || name.length > MAX_MEDIA_NAME) return error(`the name must be 1 to ${MAX_MEDIA_NAME} characters`);
  if (name.startsWith(".") || /[\\/]/.test(name) || /[\u0000-\u001f\u007f]/.test(name))
    return error("the name must be a plain file name: no folders, no leading dot, no control characters");
  if (name !== name.trim()) return error("the name must not start or end with a space");
  return null;
}

export function isPdfName(name: string) {
  return /\.pdf$/i.test(name);
}

export function mediaSizeLimit(name: string) {
  return isPdfName(name) ? MAX_PDF_BYTES : MAX_MEDIA_BYTES;
}

/**
 * The one check of a media file, for course files and browser uploads alike: a safe name,
 * the size limit (2 MB for images, 5 MB for PDFs), and content that is what the name says.
 */
export function checkMediaFile(name: string, bytes: Buffer): Omit<MediaFile, "name" | "bytes"> | MediaProblem {
  const bad = mediaNameProblem(name);
  if (bad) return bad;
  const limit = mediaSizeLimit(name);
  if (bytes.length > limit)
    return {
      code: "too-large",
      error: `the file is larger than ${limit / 1024 / 1024} MB (${(bytes.length / 1024 / 1024).toFixed(1)} MB)`,
    };
  if (isPdfName(name)) {
    if (bytes.subarray(0, 5).toString("latin1") !== "%PDF-")
      return {
        code: "not-pdf",
        error: "the name ends in .pdf but the file is not a PDF (it does not start with %PDF-)",
      };
    return { kind: "pdf", mime: "application/pdf", width: null, height: null };
  }
  const info = imageInfo(name, bytes);
  if ("error" in info && info.error.startsWith("not a supported"))
    return {
      code: "type",
      error:
        "not a supported media file (use PNG, JPEG, GIF, WebP or SVG images, or PDF handouts: .png, .jpg, .jpeg, .gif, .webp, .svg, .pdf)",
    };
  if ("error" in info) return { code: "content", error: info.error };
  return { kind: "image", ...info };
}
export const MAX_BODY_CHARS = 200_000;

const COURSE_KEYS = [
  "slug",
  "title",
  "summary",
  "language",
  "level",
  "topics",
  "hours",
  "pass-mark",
  "enrolment",
  "certificate",
  "prerequisites",
  "sequential",
  "audience",
] as const;
const COURSE_REQUIRED = [
  "slug",
  "title",
  "summary",
  "language",
  "level",
  "hours",
  "pass-mark",
  "enrolment",
  "certificate",
] as const;
const COURSE_TRANSLATION_KEYS = ["title", "summary", "source-hash"] as const;
const MODULE_KEYS = ["title", "minutes", "required", "preview"] as const;
const MODULE_TRANSLATION_KEYS = ["title", "source-hash"] as const;

const MODULE_FILE = /^(\d{1,3})\.([a-z0-9]+(?:-[a-z0-9]+)*)(?:\.([a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*))?\.md$/;
const COURSE_TRANSLATION_FILE = /^course\.(.+)\.md$/;
const SLUG_HINT = "use lower-case letters, digits and single hyphens (e.g. electronic-evidence)";
const LANGUAGE_HINT = "a language tag such as en, fr, ar or pt-BR";

// ---------------------------------------------------------------------------------------
// Problems

class Problems {
  private list: { file: string; line: number; message: string; order: number; seq: number }[] = [];
  private files = new Map<string, number>();
  constructor(private displayPath: string) {}

  add(file: string, line: number, message: string) {
    if (!this.files.has(file)) this.files.set(file, this.files.size);
    this.list.push({ file, line, message, order: this.files.get(file)!, seq: this.list.length });
  }

  get count() {
    return this.list.length;
  }

  /** Grouped by file (in the order files were checked), then by line. */
  messages() {
    return [...this.list]
      .sort((a, b) => a.order - b.order || a.line - b.line || a.seq - b.seq)
      .map((p) => `${this.displayPath}/${p.file}:${p.line}: ${p.message}`);
  }
}

// ---------------------------------------------------------------------------------------
// Front matter

type Field = { node: YamlNode | null; value: unknown; line: number };
type MarkdownFile = {
  /** null when the front matter could not be read (the problem is already reported). */
  fields: Map<string, Field> | null;
  body: string;
  /** 1-based line of the body's first line in the file. */
  bodyLine: number;
};

function decodeUtf8(bytes: Buffer): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

function parseMarkdownFile(raw: string, file: string, p: Problems): MarkdownFile | null {
  const text = raw.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const lines = text.split("\n");
  if (lines[0]?.trimEnd() !== "---") {
    p.add(file, 1, "the file must start with a '---' line (the front matter)");
    return null;
  }
  let close = -1;
  for (let i = 1; i < lines.length; i++) {
    if (lines[i]!.trimEnd() === "---") {
      close = i;
      break;
    }
  }
  if (close < 0) {
    p.add(file, 1, "the front matter has no closing '---' line");
    return null;
  }

  // Body: everything after the closing line, minus exactly one leading blank line; the exporter
  // ends every non-empty body with one newline, which is not part of the text.
  let rest = lines.slice(close + 1);
  let bodyLine = close + 2;
  if (rest.length > 1 && rest[0] === "") {
    rest = rest.slice(1);
    bodyLine++;
  }
  let body = rest.join("\n");
  if (body.endsWith("\n")) body = body.slice(0, -1);

  const lineCounter = new LineCounter();
  const yaml = parseDocument(lines.slice(1, close).join("\n"), { lineCounter, prettyErrors: false, uniqueKeys: true });
  const fileLine = (offset: number | undefined) => lineCounter.linePos(offset ?? 0).line + 1;
  if (yaml.errors.length > 0) {
    // An unclosed quote or bracket is only noticed further down (at the next field or at the
    // end): report it on the line of the field it belongs to. Other errors are on their own line.
    const keyStarts = isMap(yaml.contents)
      ? yaml.contents.items
          .map((pair) => (pair.key as YamlNode | null)?.range?.[0])
          .filter((n): n is number => n !== undefined)
      : [];
    for (const error of yaml.errors) {
      const at = error.pos[0];
      const message = error.message.split("\n")[0]!;
      const unterminated = /^(Missing closing|Flow (sequence|map|mapping|collection))/.test(message);
      const key = unterminated ? keyStarts.filter((start) => start < at).pop() : undefined;
      p.add(file, fileLine(key ?? at), `invalid YAML: ${message}`);
    }
    return { fields: null, body, bodyLine };
  }
  const fields = new Map<string, Field>();
  if (yaml.contents === null || (isScalar(yaml.contents) && yaml.contents.value === null))
    return { fields, body, bodyLine };
  if (!isMap(yaml.contents)) {
    p.add(file, 2, "the front matter must be 'field: value' lines");
    return { fields: null, body, bodyLine };
  }
  const js = yaml.toJS() as Record<string, unknown>;
  for (const pair of yaml.contents.items) {
    const keyNode = pair.key as YamlNode | null;
    const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
    const line = fileLine(keyNode?.range?.[0]);
    const node = (pair.value as YamlNode | null) ?? null;
    fields.set(key, { node, value: js[key] ?? null, line });
  }
  return { fields, body, bodyLine };
}

/** Reads and checks the fields of one front matter against its allowed and required keys. */
class Fields {
  constructor(
    private fm: Map<string, Field>,
    private file: string,
    private p: Problems,
    allowed: readonly string[],
    required: readonly string[],
  ) {
    for (const [key, field] of fm) if (!allowed.includes(key)) p.add(file, field.line, `unknown field '${key}'`);
    for (const key of required) if (!fm.has(key)) p.add(file, 1, `missing field '${key}'`);
  }

  private bad(key: string, message: string) {
    this.p.add(this.file, this.fm.get(key)!.line, message);
    return undefined;
  }

  text(key: string, max: number): string | undefined {
    const field = this.fm.get(key);
    if (!field) return undefined;
    if (field.node === null || (isScalar(field.node) && field.node.value === null))
      return this.bad(key, `${key} must not be empty`);
    const value = scalarText(field.node);
    if (value === undefined) return this.bad(key, `${key} must be text`);
    const trimmed = value.trim();
    if (trimmed === "") return this.bad(key, `${key} must not be empty`);
    if (trimmed.length > max) return this.bad(key, `${key} must be at most ${max} characters`);
    return trimmed;
  }

  oneOf<T extends string>(key: string, values: readonly T[]): T | undefined {
    const field = this.fm.get(key);
    if (!field) return undefined;
    const value = scalarText(field.node);
    if (value === undefined || !values.includes(value as T))
      return this.bad(key, `${key} must be one of ${values.join(", ")}`);
    return value as T;
  }

  slugList(key: string, max: number, example: string): string[] | undefined {
    const field = this.fm.get(key);
    if (!field) return [];
    const node = field.node;
    if (node === null || (isScalar(node) && node.value === null)) return [];
    const message = `${key} must be a list of slugs such as ${example}`;
    if (!isSeq(node)) return this.bad(key, message);
    const slugs: string[] = [];
    let ok = true;
    for (const item of node.items) {
      const value = scalarText(item as YamlNode);
      if (value === undefined) {
        this.bad(key, message);
        return undefined;
      }
      if (!SlugSchema.safeParse(value).success) {
        this.bad(key, `${key}: '${value}' is not a slug (${SLUG_HINT})`);
        ok = false;
      } else if (slugs.includes(value)) {
        this.bad(key, `${key} lists '${value}' twice`);
        ok = false;
      } else slugs.push(value);
    }
    if (slugs.length > max) return this.bad(key, `${key} may list at most ${max} slugs`);
    return ok ? slugs : undefined;
  }

  number(key: string): number | undefined {
    const value = this.fm.get(key)?.value;
    return typeof value === "number" && Number.isFinite(value) ? value : undefined;
  }

  boolean(key: string): boolean | undefined {
    const field = this.fm.get(key);
    if (!field) return undefined;
    if (typeof field.value !== "boolean") return this.bad(key, `${key} must be true or false`);
    return field.value;
  }

  has(key: string) {
    return this.fm.has(key);
  }

  report(key: string, message: string) {
    return this.bad(key, message);
  }
}

/** The text of a scalar; numbers and booleans as written (title: 2024 is the text "2024"). */
function scalarText(node: YamlNode | null): string | undefined {
  if (!isScalar(node)) return undefined;
  if (typeof node.value === "string") return node.value;
  if (typeof node.value === "number" || typeof node.value === "boolean") return node.source ?? String(node.value);
  return undefined;
}

// ---------------------------------------------------------------------------------------
// Directory listing

type Entry = { name: string; kind: "file" | "dir" | "other" };

async function list(dir: string): Promise<Entry[] | null> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return null;
  }
  const entries: Entry[] = [];
  for (const name of names.sort()) {
    if (name.startsWith(".")) continue;
    const stat = await fs.stat(path.join(dir, name)).catch(() => null);
    entries.push({ name, kind: stat?.isFile() ? "file" : stat?.isDirectory() ? "dir" : "other" });
  }
  return entries;
}

async function listFilesDeep(dir: string, prefix: string): Promise<{ rel: string; entry: Entry }[]> {
  const out: { rel: string; entry: Entry }[] = [];
  for (const entry of (await list(dir)) ?? []) {
    const rel = `${prefix}/${entry.name}`;
    if (entry.kind === "dir") out.push(...(await listFilesDeep(path.join(dir, entry.name), rel)));
    else out.push({ rel, entry });
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Reading

type SourceModule = {
  file: string;
  number: number;
  slug: string;
  minutes?: number;
  required?: boolean;
  preview?: boolean;
  text?: ModuleText;
  translations: Map<string, ModuleText>;
};

export async function readCourseFolder(dir: string, displayPath: string): Promise<LoadedCourse> {
  const folderName = path.basename(path.resolve(dir));
  const p = new Problems(displayPath);
  const entries = await list(dir);
  if (entries === null)
    return { ok: false, slug: folderName, errors: [`${displayPath}/course.md:1: cannot read the course folder`] };

  // Sort the folder's entries into their roles.
  let hasCourseMd = false;
  const translationFiles: { file: string; lang: string }[] = [];
  let hasModules = false;
  let hasMedia = false;
  let hasAssessments = false;
  for (const entry of entries) {
    const { name, kind } = entry;
    if (name === "README.md" && kind === "file") continue;
    if (name === "course.md" && kind === "file") hasCourseMd = true;
    else if (name === "modules" && kind === "dir") hasModules = true;
    else if (name === "media" && kind === "dir") hasMedia = true;
    else if (name === "assessments" && kind === "dir") hasAssessments = true;
    else if (kind === "file" && COURSE_TRANSLATION_FILE.test(name))
      translationFiles.push({ file: name, lang: COURSE_TRANSLATION_FILE.exec(name)![1]! });
    else p.add(name, 1, kind === "dir" ? "unexpected folder" : "unexpected file");
  }

  // media/ first: Markdown images are checked against it.
  const media: MediaFile[] = [];
  const mediaNames = new Set<string>();
  if (hasMedia) {
    for (const entry of (await list(path.join(dir, "media"))) ?? []) {
      const file = `media/${entry.name}`;
      if (entry.kind !== "file") {
        p.add(file, 1, "media/ can only contain image and PDF files, not folders");
        continue;
      }
      mediaNames.add(entry.name);
      const full = path.join(dir, "media", entry.name);
      const { size } = await fs.stat(full);
      const limit = mediaSizeLimit(entry.name);
      if (size > limit) {
        const what = isPdfName(entry.name) ? "PDF" : "image";
        p.add(file, 1, `the ${what} is larger than ${limit / 1024 / 1024} MB (${(size / 1024 / 1024).toFixed(1)} MB)`);
        continue;
      }
      const bytes = await fs.readFile(full);
      const info = checkMediaFile(entry.name, bytes);
      if ("error" in info) p.add(file, 1, info.error);
      else media.push({ name: entry.name, bytes, ...info });
    }
  }

  const readMarkdown = async (file: string): Promise<MarkdownFile | null> => {
    const text = decodeUtf8(await fs.readFile(path.join(dir, ...file.split("/"))));
    if (text === null) {
      p.add(file, 1, "the file is not UTF-8 text");
      return null;
    }
    const md = parseMarkdownFile(text, file, p);
    if (md) checkBody(md, file, mediaNames, p);
    return md;
  };

  // course.md
  let source: {
    slug?: string;
    language?: string;
    meta: Partial<CourseDocument["meta"]>;
    text: Partial<CourseText>;
  } | null = null;
  if (!hasCourseMd) p.add("course.md", 1, "missing course.md (every course folder needs one)");
  else {
    const md = await readMarkdown("course.md");
    if (md?.fields) {
      const f = new Fields(md.fields, "course.md", p, COURSE_KEYS, COURSE_REQUIRED);
      let slug = f.text("slug", 80);
      if (slug !== undefined && !SlugSchema.safeParse(slug).success) slug = f.report("slug", `slug must ${SLUG_HINT}`);
      else if (slug !== undefined && slug !== folderName)
        slug = f.report("slug", `slug must equal the folder name '${folderName}'`);
      let language = f.text("language", 35);
      if (language !== undefined && !LocaleTagSchema.safeParse(language).success)
        language = f.report("language", `language must be ${LANGUAGE_HINT}`);
      const hours = f.number("hours");
      if (f.has("hours") && (hours === undefined || hours <= 0)) f.report("hours", "hours must be a positive number");
      else if (hours !== undefined && hours > 500) f.report("hours", "hours must be at most 500");
      const passMark = f.number("pass-mark");
      if (
        f.has("pass-mark") &&
        (passMark === undefined || !Number.isInteger(passMark) || passMark < 0 || passMark > 100)
      ) {
        f.report("pass-mark", "pass-mark must be a whole number from 0 to 100");
      }
      const prerequisites = f.slugList("prerequisites", 20, "[un-cybercrime-convention]");
      if (slug && prerequisites?.includes(slug))
        f.report("prerequisites", "prerequisites cannot include the course itself");
      source = {
        slug,
        language,
        meta: {
          level: f.oneOf("level", LEVELS),
          topics: f.slugList("topics", 12, "[electronic-evidence, forensics]"),
          hours,
          passMark,
          enrolment: f.oneOf("enrolment", ENROLMENT_POLICIES),
          certificate: f.oneOf("certificate", CERTIFICATE_POLICIES),
          prerequisites,
          sequential: f.has("sequential") ? f.boolean("sequential") : false,
          audience: f.has("audience") ? f.oneOf("audience", AUDIENCES) : "all",
        },
        text: { title: f.text("title", 200), summary: f.text("summary", 1000), body: md.body },
      };
    }
  }
  const sourceLocale = source?.language;

  // course.<lang>.md
  const courseTranslations = new Map<string, Partial<CourseText>>();
  for (const { file, lang } of translationFiles) {
    if (!LocaleTagSchema.safeParse(lang).success)
      p.add(file, 1, `'${lang}' is not ${LANGUAGE_HINT} (name translations like course.fr.md)`);
    else if (lang === sourceLocale)
      p.add(file, 1, `${lang} is the source language (see course.md); a translation needs another language`);
    const md = await readMarkdown(file);
    if (!md?.fields) continue;
    const f = new Fields(md.fields, file, p, COURSE_TRANSLATION_KEYS, ["title", "summary"]);
    courseTranslations.set(lang, {
      title: f.text("title", 200),
      summary: f.text("summary", 1000),
      body: md.body,
      sourceHash: f.text("source-hash", 200),
    });
  }

  // modules/
  const modules: SourceModule[] = [];
  if (hasModules) {
    const names = (await list(path.join(dir, "modules"))) ?? [];
    const parsed: { file: string; number: number; slug: string; lang?: string }[] = [];
    for (const { name, kind } of names) {
      const file = `modules/${name}`;
      const m = kind === "file" ? MODULE_FILE.exec(name) : null;
      if (!m) {
        p.add(file, 1, "file name must look like 03.module-slug.md");
        continue;
      }
      const [, number, slug, lang] = m;
      if (!SlugSchema.safeParse(slug).success) {
        p.add(file, 1, "the module slug must be 2 to 80 characters long");
        continue;
      }
      parsed.push({ file, number: Number(number), slug: slug!, lang });
    }

    const byNumber = new Map<number, SourceModule>();
    const bySlug = new Map<string, SourceModule>();
    for (const entry of parsed.filter((e) => !e.lang)) {
      const { file } = entry;
      const sameNumber = byNumber.get(entry.number);
      const sameSlug = bySlug.get(entry.slug);
      if (sameNumber) p.add(file, 1, `module number ${entry.number} is also used by ${sameNumber.file}`);
      if (sameSlug) p.add(file, 1, `module '${entry.slug}' also exists as ${sameSlug.file}`);
      const module: SourceModule = { file, number: entry.number, slug: entry.slug, translations: new Map() };
      if (!sameNumber) byNumber.set(entry.number, module);
      if (!sameSlug) bySlug.set(entry.slug, module);
      if (!sameNumber && !sameSlug) modules.push(module);
      const md = await readMarkdown(file);
      if (!md?.fields) continue;
      const f = new Fields(md.fields, file, p, MODULE_KEYS, MODULE_KEYS);
      module.text = { title: f.text("title", 200)!, body: md.body };
      const minutes = f.number("minutes");
      if (f.has("minutes") && (minutes === undefined || !Number.isInteger(minutes) || minutes <= 0)) {
        f.report("minutes", "minutes must be a positive whole number");
      } else if (minutes !== undefined && minutes > 6000) f.report("minutes", "minutes must be at most 6000");
      else module.minutes = minutes;
      module.required = f.boolean("required");
      module.preview = f.boolean("preview");
    }

    const seen = new Map<string, string>();
    for (const entry of parsed.filter((e) => e.lang)) {
      const { file } = entry;
      const lang = entry.lang!;
      const target = bySlug.get(entry.slug);
      const key = `${entry.slug}\u0000${lang}`;
      if (!target)
        p.add(file, 1, `translation of a module that does not exist: there is no modules/NN.${entry.slug}.md`);
      else if (target.number !== entry.number)
        p.add(file, 1, `the number must be the same as its source ${target.file}`);
      if (lang === sourceLocale)
        p.add(file, 1, `${lang} is the source language (see course.md); a translation needs another language`);
      if (seen.has(key)) p.add(file, 1, `another ${lang} translation of '${entry.slug}' exists: ${seen.get(key)}`);
      else seen.set(key, file);
      const md = await readMarkdown(file);
      if (!md?.fields) continue;
      const f = new Fields(md.fields, file, p, MODULE_TRANSLATION_KEYS, ["title"]);
      const text: ModuleText = { title: f.text("title", 200)!, body: md.body };
      const hash = f.text("source-hash", 200);
      if (hash !== undefined) text.sourceHash = hash;
      if (target && !target.translations.has(lang)) target.translations.set(lang, text);
    }
  }
  if (hasCourseMd && modules.length === 0) p.add("course.md", 1, "a course needs at least one module");

  // assessments/
  const files: CourseDocument["files"] = [];
  if (hasAssessments) {
    for (const { rel, entry } of await listFilesDeep(path.join(dir, "assessments"), "assessments")) {
      if (entry.kind !== "file") {
        p.add(rel, 1, "unexpected file");
        continue;
      }
      const content = decodeUtf8(await fs.readFile(path.join(dir, ...rel.split("/"))));
      if (content === null) p.add(rel, 1, "the file is not UTF-8 text");
      else files.push({ path: rel, content });
    }
    files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  if (source && files.length > 0) {
    const checked = readAssessmentFiles({
      files,
      sourceLocale: source.language ?? "en",
      passMark: source.meta.passMark ?? 0,
      modules,
    });
    if (!checked.ok) for (const problem of checked.problems) p.add(problem.file, problem.line, problem.message);
  }
  if (p.count > 0 || !source) return { ok: false, slug: folderName, errors: p.messages() };

  // Everything checked: assemble the document.
  const locale = source.language!;
  const sourceText = source.text as CourseText;
  const courseHash = sourceHash({ title: sourceText.title, summary: sourceText.summary, body: sourceText.body });
  const texts: Record<string, CourseText> = {
    [locale]: { title: sourceText.title, summary: sourceText.summary, body: sourceText.body },
  };
  for (const [lang, t] of courseTranslations) {
    texts[lang] = { title: t.title!, summary: t.summary!, body: t.body!, sourceHash: t.sourceHash ?? courseHash };
  }
  const moduleDocs: ModuleDocument[] = [...modules]
    .sort((a, b) => a.number - b.number)
    .map((m) => {
      const own = m.text!;
      const hash = sourceHash({ title: own.title, body: own.body });
      const moduleTexts: Record<string, ModuleText> = { [locale]: { title: own.title, body: own.body } };
      for (const [lang, t] of m.translations) moduleTexts[lang] = { ...t, sourceHash: t.sourceHash ?? hash };
      return { slug: m.slug, minutes: m.minutes!, required: m.required!, preview: m.preview!, texts: moduleTexts };
    });
  const candidate = {
    slug: source.slug,
    sourceLocale: locale,
    meta: source.meta,
    texts,
    modules: moduleDocs,
    files,
    media: media.map((m) => m.name),
  };
  const parsed = CourseDocumentSchema.safeParse(candidate);
  if (!parsed.success) {
    const errors = parsed.error.issues.map(
      (issue) => `${displayPath}/course.md:1: ${issue.path.join(".") || "course"}: ${issue.message}`,
    );
    return { ok: false, slug: folderName, errors };
  }
  return { ok: true, doc: parsed.data, media };
}

const IMAGE = /!\[(?:[^\]\\]|\\.)*\]\(\s*(<[^>\n]*>|[^\s)]*)(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)/g;

/** Length limit and Markdown image targets (a simple scan; the renderer does the full job). */
function checkBody(md: MarkdownFile, file: string, mediaNames: Set<string>, p: Problems) {
  if (md.body.length > MAX_BODY_CHARS) p.add(file, md.bodyLine, "the text is longer than 200,000 characters");
  let fence: string | null = null;
  md.body.split("\n").forEach((line, i) => {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker) {
      if (fence === null) fence = marker;
      else if (marker[0] === fence[0] && marker.length >= fence.length) fence = null;
      return;
    }
    if (fence !== null) return;
    for (const m of line.matchAll(IMAGE)) {
      const target = m[1]!.replace(/^<(.*)>$/, "$1");
      const local = /^media\/([^/?#]+)$/.exec(target);
      const lineNo = md.bodyLine + i;
      if (!local) {
        p.add(
          file,
          lineNo,
          `image '${target}' must come from the course's media/ folder, e.g. ![Alt text](media/diagram.png)`,
        );
        continue;
      }
      let name = local[1]!;
      try {
        name = decodeURIComponent(name);
      } catch {
        // keep as written
      }
      if (!mediaNames.has(name)) p.add(file, lineNo, `image media/${name} is not in the media/ folder`);
    }
  });
}

export async function readCoursesRoot(root: string, displayRoot?: string): Promise<LoadedCourse[]> {
  const shown = (displayRoot ?? root).replace(/[\\/]+$/, "");
  const entries = (await list(root)) ?? [];
  const folders: string[] = [];
  for (const entry of entries) {
    if (entry.kind !== "dir") continue;
    const stat = await fs.stat(path.join(root, entry.name, "course.md")).catch(() => null);
    if (stat?.isFile()) folders.push(entry.name);
  }
  return Promise.all(folders.map((name) => readCourseFolder(path.join(root, name), `${shown}/${name}`)));
}

// ---------------------------------------------------------------------------------------
// Writing

function frontMatter(fields: [string, unknown][], flowKeys: string[] = []) {
  const yaml = new Document(Object.fromEntries(fields));
  for (const key of flowKeys) {
    const node = yaml.get(key, true);
    if (isSeq(node)) node.flow = true;
  }
  return yaml.toString({ lineWidth: 0, flowCollectionPadding: false });
}

function markdownFile(fields: string, body: string) {
  return `---\n${fields}---\n${body === "" ? "" : `\n${body}\n`}`;
}

function safeName(name: string, what: string) {
  if (name === "" || name.startsWith(".") || /[\\/\u0000]/.test(name))
    throw new Error(`cannot export ${what} '${name}'`);
  return name;
}

export async function writeCourseFolder(doc: CourseDocument, media: MediaFile[], dir: string): Promise<void> {
  const d = CourseDocumentSchema.parse(doc);
  const locale = d.sourceLocale;
  const source = d.texts[locale];
  if (!source) throw new Error(`course '${d.slug}' has no text in its source language ${locale}`);
  if (d.modules.length > 999) throw new Error("a course folder holds at most 999 modules");

  const out = new Map<string, string | Buffer>();
  out.set(
    "course.md",
    markdownFile(
      frontMatter(
        [
          ["slug", d.slug],
          ["title", source.title],
          ["summary", source.summary],
          ["language", locale],
          ["level", d.meta.level],
          ["topics", d.meta.topics],
          ["hours", d.meta.hours],
          ["pass-mark", d.meta.passMark],
          ["enrolment", d.meta.enrolment],
          ["certificate", d.meta.certificate],
          ["prerequisites", d.meta.prerequisites],
          ...(d.meta.sequential ? ([["sequential", true]] as [string, unknown][]) : []),
          ...(d.meta.audience === "vetted" ? ([["audience", "vetted"]] as [string, unknown][]) : []),
        ],
        ["topics", "prerequisites"],
      ),
      source.body,
    ),
  );
  const courseHash = sourceHash({ title: source.title, summary: source.summary, body: source.body });
  for (const [lang, t] of Object.entries(d.texts).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (lang === locale) continue;
    const fields = frontMatter([
      ["title", t.title],
      ["summary", t.summary],
      ["source-hash", t.sourceHash ?? courseHash],
    ]);
    out.set(`course.${lang}.md`, markdownFile(fields, t.body));
  }

  const width = d.modules.length > 99 ? 3 : 2;
  d.modules.forEach((m, i) => {
    const own = m.texts[locale];
    if (!own) throw new Error(`module '${m.slug}' has no text in the source language ${locale}`);
    const prefix = `modules/${String(i + 1).padStart(width, "0")}.${m.slug}`;
    const fields = frontMatter([
      ["title", own.title],
      ["minutes", m.minutes],
      ["required", m.required],
      ["preview", m.preview],
    ]);
    out.set(`${prefix}.md`, markdownFile(fields, own.body));
    const hash = sourceHash({ title: own.title, body: own.body });
    for (const [lang, t] of Object.entries(m.texts).sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (lang === locale) continue;
      const translated = frontMatter([
        ["title", t.title],
        ["source-hash", t.sourceHash ?? hash],
      ]);
      out.set(`${prefix}.${lang}.md`, markdownFile(translated, t.body));
    }
  });

  for (const file of d.files) {
    const parts = file.path.split("/");
    if (parts[0] !== "assessments" || parts.length < 2)
      throw new Error(`cannot export file '${file.path}': only assessments/ files are carried`);
    parts.slice(1).forEach((part) => safeName(part, "file"));
    out.set(file.path, file.content);
  }

  for (const name of d.media) {
    safeName(name, "media file");
    const file = media.find((m) => m.name === name);
    if (!file) throw new Error(`media file '${name}' is listed by the course but its bytes were not given`);
    out.set(`media/${name}`, file.bytes);
  }

  // Replace what the exporter owns; leave README.md, dotfiles and anything else alone.
  await fs.mkdir(dir, { recursive: true });
  for (const name of await fs.readdir(dir)) {
    if (COURSE_TRANSLATION_FILE.test(name) && !out.has(name)) await fs.rm(path.join(dir, name), { force: true });
  }
  for (const sub of ["modules", "assessments", "media"]) {
    const subDir = path.join(dir, sub);
    const names = await fs.readdir(subDir).catch(() => null);
    if (!names) continue;
    for (const name of names)
      if (!name.startsWith(".")) await fs.rm(path.join(subDir, name), { recursive: true, force: true });
    if ((await fs.readdir(subDir)).length === 0) await fs.rmdir(subDir);
  }
  for (const [rel, content] of out) {
    const full = path.join(dir, ...rel.split("/"));
    await fs.mkdir(path.dirname(full), { recursive: true });
    await fs.writeFile(full, content);
  }
}
