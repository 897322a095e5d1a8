import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, test } from "vitest";
import { CourseDocumentSchema } from "./course-document";
import { readCourseFolder, readCoursesRoot, writeCourseFolder, type LoadedCourse } from "./course-files.server";
import { sourceHash } from "./source-hash.server";

// ---------------------------------------------------------------------------------------
// Fixtures

const made: string[] = [];
afterAll(async () => {
  await Promise.all(made.map((dir) => fs.rm(dir, { recursive: true, force: true })));
});

async function tempDir() {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "haidang-course-files-"));
  made.push(dir);
  return dir;
}

type Tree = Record<string, string | Buffer | null>;

async function writeTree(root: string, tree: Tree) {
  for (const [rel, content] of Object.entries(tree)) {
    if (content === null) continue;
    const full = path.join(root, rel);
    await fs.mkdir(path.dirname(full), { recursive: true });
    await fs.writeFile(full, content);
  }
}

/** All files under dir, relative path → bytes. */
async function readTree(dir: string, prefix = ""): Promise<Record<string, Buffer>> {
  const out: Record<string, Buffer> = {};
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) Object.assign(out, await readTree(path.join(dir, entry.name), rel));
    else out[rel] = await fs.readFile(path.join(dir, entry.name));
  }
  return out;
}

function png(width: number, height: number) {
  const b = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b, 0);
  b.writeUInt32BE(13, 8);
  b.write("IHDR", 12, "latin1");
  b.writeUInt32BE(width, 16);
  b.writeUInt32BE(height, 20);
  return b;
}

const COURSE_MD = `---
slug: demo
title: Electronic evidence
summary: Identify, preserve and request electronic evidence so that it stands up in court.
language: en
level: intermediate
topics: [electronic-evidence, forensics]
hours: 8
pass-mark: 70
enrolment: approval
certificate: automatic
prerequisites: [un-cybercrime-convention]
---

Everything after the front matter is the course description.

![Chain of custody](media/chain.png)
`;

const COURSE_FR = `---
title: Preuve électronique
summary: "Identifier, préserver et demander la preuve électronique : qu’elle tienne devant un tribunal."
---

Description traduite.
`;

const MODULE_1 = `---
title: What is evidence?
minutes: 30
required: true
preview: true
---

# Evidence

::: note
Something worth knowing.
:::
`;

const MODULE_1_FR = `---
title: Qu'est-ce qu'une preuve ?
---

# Preuve
`;

const MODULE_2 = `---
title: "Preserving volatile data: first steps"
minutes: 40
required: false
preview: false
---

Text with a table:

| a | b |
|---|---|
| 1 | 2 |
`;

const ASSESSMENT = "::Q1:: Evidence must be preserved {T}\r\n// untouched, CRLF kept\n";

function validCourse(): Tree {
  return {
    "course.md": COURSE_MD,
    "course.fr.md": COURSE_FR,
    "README.md": "Notes for the authors: ignored.\n",
    ".DS_Store": "ignored",
    "modules/01.what-is-evidence.md": MODULE_1,
    "modules/01.what-is-evidence.fr.md": MODULE_1_FR,
    "modules/02.preservation.md": MODULE_2,
    "modules/.gitkeep": "",
    "assessments/final.gift": ASSESSMENT,
    "media/chain.png": png(640, 480),
  };
}

/** A course folder "demo" under a temp "courses" folder, with changes applied (null removes a file). */
async function course(changes: Tree = {}) {
  const root = path.join(await tempDir(), "courses");
  const dir = path.join(root, "demo");
  const tree = { ...validCourse(), ...changes };
  await writeTree(dir, tree);
  return { root, dir };
}

async function load(changes: Tree = {}) {
  const { dir } = await course(changes);
  return readCourseFolder(dir, "courses/demo");
}

function ok(result: LoadedCourse) {
  if (!result.ok) throw new Error(`expected a valid course, got:\n${result.errors.join("\n")}`);
  return result;
}

async function errorsOf(changes: Tree) {
  const result = await load(changes);
  if (result.ok) throw new Error("expected errors, the course was accepted");
  expect(result.slug).toBe("demo");
  return result.errors;
}

/** Replaces one line (1-based) of a fixture. */
function withLine(text: string, line: number, replacement: string) {
  const lines = text.split("\n");
  lines[line - 1] = replacement;
  return lines.join("\n");
}

// ---------------------------------------------------------------------------------------
// Valid courses

test("a complete course with a French translation, an assessment and an image", async () => {
  const { doc, media } = ok(await load());
  expect(() => CourseDocumentSchema.parse(doc)).not.toThrow();
  expect(doc.slug).toBe("demo");
  expect(doc.sourceLocale).toBe("en");
  expect(doc.meta).toEqual({
    level: "intermediate",
    topics: ["electronic-evidence", "forensics"],
    hours: 8,
    passMark: 70,
    enrolment: "approval",
    certificate: "automatic",
    prerequisites: ["un-cybercrime-convention"],
    sequential: false,
    audience: "all",
  });
  const en = {
    title: "Electronic evidence",
    summary: "Identify, preserve and request electronic evidence so that it stands up in court.",
    body: "Everything after the front matter is the course description.\n\n![Chain of custody](media/chain.png)",
  };
  expect(doc.texts.en).toEqual(en);
  expect(doc.texts.fr).toEqual({
    title: "Preuve électronique",
    summary: "Identifier, préserver et demander la preuve électronique : qu’elle tienne devant un tribunal.",
    body: "Description traduite.",
    // no source-hash in the file: counted as made from the current source
    sourceHash: sourceHash(en),
  });
  expect(doc.modules.map((m) => m.slug)).toEqual(["what-is-evidence", "preservation"]);
  const [first, second] = doc.modules;
  expect(first).toMatchObject({ minutes: 30, required: true, preview: true });
  expect(first!.texts.en).toEqual({
    title: "What is evidence?",
    body: "# Evidence\n\n::: note\nSomething worth knowing.\n:::",
  });
  expect(first!.texts.fr).toEqual({
    title: "Qu'est-ce qu'une preuve ?",
    body: "# Preuve",
    sourceHash: sourceHash({ title: "What is evidence?", body: first!.texts.en!.body }),
  });
  expect(second).toMatchObject({ minutes: 40, required: false, preview: false });
  expect(second!.texts.en!.title).toBe("Preserving volatile data: first steps");
  expect(doc.files).toEqual([{ path: "assessments/final.gift", content: ASSESSMENT }]);
  expect(doc.media).toEqual(["chain.png"]);
  expect(media).toHaveLength(1);
  expect(media[0]).toMatchObject({ name: "chain.png", mime: "image/png", width: 640, height: 480 });
  expect(media[0]!.bytes.equals(png(640, 480))).toBe(true);
});

test("a source-hash written in a translation is kept", async () => {
  const fr = withLine(COURSE_FR, 3, `summary: Résumé.\nsource-hash: "0123456789abcdef"`);
  const { doc } = ok(
    await load({
      "course.fr.md": fr,
      "modules/01.what-is-evidence.fr.md": "---\ntitle: Preuve\nsource-hash: 12e45678\n---\n",
    }),
  );
  expect(doc.texts.fr!.sourceHash).toBe("0123456789abcdef");
  // a plain YAML number keeps its written form
  expect(doc.modules[0]!.texts.fr).toEqual({ title: "Preuve", body: "", sourceHash: "12e45678" });
});

test("import → export → import is equal, and a second export is byte-identical", async () => {
  const first = ok(await load());
  const out1 = path.join(await tempDir(), "demo");
  await writeCourseFolder(first.doc, first.media, out1);
  const second = ok(await readCourseFolder(out1, "exported/demo"));
  expect(second.doc).toStrictEqual(first.doc);
  expect(second.media).toEqual(first.media);

  const out2 = path.join(await tempDir(), "demo");
  await writeCourseFolder(second.doc, second.media, out2);
  const [tree1, tree2] = [await readTree(out1), await readTree(out2)];
  expect(Object.keys(tree1).sort()).toEqual([
    "assessments/final.gift",
    "course.fr.md",
    "course.md",
    "media/chain.png",
    "modules/01.what-is-evidence.fr.md",
    "modules/01.what-is-evidence.md",
    "modules/02.preservation.md",
  ]);
  expect(tree2).toEqual(tree1);

  const courseMd = tree1["course.md"]!.toString("utf8");
  expect(courseMd).toBe(`---
slug: demo
title: Electronic evidence
summary: Identify, preserve and request electronic evidence so that it stands up in court.
language: en
level: intermediate
topics: [electronic-evidence, forensics]
hours: 8
pass-mark: 70
enrolment: approval
certificate: automatic
prerequisites: [un-cybercrime-convention]
---

Everything after the front matter is the course description.

![Chain of custody](media/chain.png)
`);
  expect(tree1["modules/01.what-is-evidence.fr.md"]!.toString("utf8")).toBe(
    `---\ntitle: Qu'est-ce qu'une preuve ?\nsource-hash: ${first.doc.modules[0]!.texts.fr!.sourceHash}\n---\n\n# Preuve\n`,
  );
  expect(tree1["assessments/final.gift"]!.toString("utf8")).toBe(ASSESSMENT);
});

test("export round-trips awkward values: empty bodies and lists, multi-line summaries, quoted text", async () => {
  const { doc, media } = ok(await load());
  doc.meta.topics = [];
  doc.meta.prerequisites = [];
  doc.meta.hours = 7.5;
  doc.texts.en = { title: "123", summary: "First line\nsecond line: with # signs", body: "" };
  doc.modules[1]!.texts.en = { title: "yes", body: "\n\nleading and trailing blank lines\n\n" };
  doc.modules[1]!.texts.de = { title: "Ohne Hash", body: "Text" };
  const dir = path.join(await tempDir(), "demo");
  await writeCourseFolder(doc, media, dir);
  const back = ok(await readCourseFolder(dir, "x/demo"));
  expect(back.doc.modules[1]!.texts.de!.sourceHash).toBe(
    sourceHash({ title: "yes", body: doc.modules[1]!.texts.en!.body }),
  );
  delete back.doc.modules[1]!.texts.de!.sourceHash;
  expect(back.doc).toStrictEqual(doc);
  const text = await fs.readFile(path.join(dir, "course.md"), "utf8");
  expect(text).toContain("\ntopics: []\n");
  expect(text).toContain("\nhours: 7.5\n");
  expect(text.endsWith("prerequisites: []\n---\n")).toBe(true);
});

test("modules are ordered by NN, not by file name", async () => {
  const { doc } = ok(
    await load({
      "modules/01.what-is-evidence.md": null,
      "modules/01.what-is-evidence.fr.md": null,
      "modules/02.preservation.md": null,
      "modules/10.third.md": MODULE_2,
      "modules/2.second.md": MODULE_2,
      "modules/001.first.md": MODULE_1,
      "modules/001.first.fr.md": MODULE_1_FR,
    }),
  );
  expect(doc.modules.map((m) => m.slug)).toEqual(["first", "second", "third"]);
  expect(Object.keys(doc.modules[0]!.texts).sort()).toEqual(["en", "fr"]);

  // The export renumbers 01, 02, 03 in document order.
  const dir = path.join(await tempDir(), "demo");
  await writeCourseFolder(doc, ok(await load()).media, dir);
  expect((await fs.readdir(path.join(dir, "modules"))).sort()).toEqual([
    "01.first.fr.md",
    "01.first.md",
    "02.second.md",
    "03.third.md",
  ]);
});

test("reordering by renumbering keeps the slugs", async () => {
  const { doc } = ok(
    await load({
      "modules/01.what-is-evidence.md": null,
      "modules/01.what-is-evidence.fr.md": null,
      "modules/02.preservation.md": null,
      "modules/05.what-is-evidence.md": MODULE_1,
      "modules/05.what-is-evidence.fr.md": MODULE_1_FR,
      "modules/04.preservation.md": MODULE_2,
    }),
  );
  expect(doc.modules.map((m) => m.slug)).toEqual(["preservation", "what-is-evidence"]);
  expect(doc.modules[1]!.texts.fr!.title).toBe("Qu'est-ce qu'une preuve ?");
});

test("the exporter replaces what it owns and leaves the rest", async () => {
  const { doc, media } = ok(await load());
  const { dir } = await course({
    "course.de.md": "---\ntitle: Alt\nsummary: Alt\n---\n",
    "modules/07.old.md": MODULE_2,
    "media/old.png": png(1, 1),
    "assessments/old.gift": "old",
    "modules/.gitkeep": "",
  });
  await writeCourseFolder(doc, media, dir);
  const tree = await readTree(dir);
  expect(Object.keys(tree).sort()).toEqual([
    ".DS_Store",
    "README.md",
    "assessments/final.gift",
    "course.fr.md",
    "course.md",
    "media/chain.png",
    "modules/.gitkeep",
    "modules/01.what-is-evidence.fr.md",
    "modules/01.what-is-evidence.md",
    "modules/02.preservation.md",
  ]);
  expect(ok(await readCourseFolder(dir, "courses/demo")).doc).toStrictEqual(doc);
});

test("more than 99 modules are numbered with three digits", async () => {
  const { doc, media } = ok(await load());
  const template = doc.modules[1]!;
  doc.modules = Array.from({ length: 100 }, (_, i) => ({ ...template, slug: `module-${i + 1}` }));
  const dir = path.join(await tempDir(), "demo");
  await writeCourseFolder(doc, media, dir);
  const names = await fs.readdir(path.join(dir, "modules"));
  expect(names).toContain("001.module-1.md");
  expect(names).toContain("100.module-100.md");
  expect(ok(await readCourseFolder(dir, "courses/demo")).doc).toStrictEqual(doc);
});

test("readCoursesRoot: a broken course does not stop a good one", async () => {
  const root = await tempDir();
  await writeTree(path.join(root, "good"), {
    ...validCourse(),
    "course.md": COURSE_MD.replace("slug: demo", "slug: good"),
  });
  await writeTree(path.join(root, "broken"), {
    ...validCourse(),
    "course.md": COURSE_MD.replace("slug: demo", "slug: broken").replace("hours: 8", "hours: -1"),
  });
  await writeTree(path.join(root, "not-a-course"), { "notes.md": "no course.md here" });
  await writeTree(root, { "README.md": "# Course files" });
  const results = await readCoursesRoot(root, "courses");
  expect(results).toHaveLength(2);
  const [broken, good] = results;
  expect(broken).toEqual({
    ok: false,
    slug: "broken",
    errors: ["courses/broken/course.md:8: hours must be a positive number"],
  });
  expect(good!.ok).toBe(true);
  if (good!.ok) expect(good!.doc.slug).toBe("good");
});

// ---------------------------------------------------------------------------------------
// Errors: one per message, full text with file and line

test("all errors of a course are collected, grouped by file", async () => {
  expect(
    await errorsOf({
      "course.md": withLine(withLine(COURSE_MD, 6, "level: expert"), 8, "hours: 0"),
      "modules/02.preservation.md": withLine(MODULE_2, 3, "minutes: 2.5"),
      "notes.txt": "stray",
    }),
  ).toEqual([
    "courses/demo/notes.txt:1: unexpected file",
    "courses/demo/course.md:6: level must be one of introductory, intermediate, advanced",
    "courses/demo/course.md:8: hours must be a positive number",
    "courses/demo/modules/02.preservation.md:3: minutes must be a positive whole number",
  ]);
});

test("front matter must start with ---", async () => {
  expect(await errorsOf({ "course.md": COURSE_MD.slice(4) })).toEqual([
    "courses/demo/course.md:1: the file must start with a '---' line (the front matter)",
  ]);
});

test("front matter must be closed", async () => {
  expect(await errorsOf({ "modules/02.preservation.md": "---\ntitle: x\nminutes: 3\n" })).toEqual([
    "courses/demo/modules/02.preservation.md:1: the front matter has no closing '---' line",
  ]);
});

test("a YAML syntax error reports the file line", async () => {
  expect(await errorsOf({ "course.md": withLine(COURSE_MD, 4, 'summary: "unclosed') })).toEqual([
    'courses/demo/course.md:4: invalid YAML: Missing closing "quote',
  ]);
});

test("an unclosed bracket reports the line of its field", async () => {
  expect(await errorsOf({ "course.md": withLine(COURSE_MD, 7, "topics: [forensics") })).toEqual([
    "courses/demo/course.md:7: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]",
  ]);
});

test("a bad key reports its own line", async () => {
  expect(await errorsOf({ "modules/02.preservation.md": withLine(MODULE_2, 4, "required: true: false") })).toEqual([
    "courses/demo/modules/02.preservation.md:4: invalid YAML: Nested mappings are not allowed in compact mappings",
  ]);
});

test("a duplicate field reports the line of the second one", async () => {
  expect(await errorsOf({ "course.md": withLine(COURSE_MD, 10, "title: Again") })).toEqual([
    "courses/demo/course.md:10: invalid YAML: Map keys must be unique",
  ]);
});

test("front matter that is not key: value lines", async () => {
  expect(await errorsOf({ "course.fr.md": "---\n- title\n- summary\n---\n" })).toEqual([
    "courses/demo/course.fr.md:2: the front matter must be 'field: value' lines",
  ]);
});

test("unknown field", async () => {
  expect(await errorsOf({ "course.md": withLine(COURSE_MD, 9, "pas-mark: 70") })).toEqual(
    ["courses/demo/course.md:9: unknown field 'pas-mark'", "courses/demo/course.md:1: missing field 'pass-mark'"].sort(
      (a, b) => (a.includes(":1:") ? -1 : b.includes(":1:") ? 1 : 0),
    ),
  );
});

test("missing field", async () => {
  expect(await errorsOf({ "course.md": withLine(COURSE_MD, 8, "") })).toEqual([
    "courses/demo/course.md:1: missing field 'hours'",
  ]);
});

test("topics and prerequisites may be left out or empty", async () => {
  const { doc } = ok(await load({ "course.md": withLine(withLine(COURSE_MD, 7, "topics: []"), 12, "") }));
  expect(doc.meta.topics).toEqual([]);
  expect(doc.meta.prerequisites).toEqual([]);
});

test("slug must equal the folder name", async () => {
  expect(await errorsOf({ "course.md": withLine(COURSE_MD, 2, "slug: other-course") })).toEqual([
    "courses/demo/course.md:2: slug must equal the folder name 'demo'",
  ]);
});

test("slug must be a slug", async () => {
  expect(await errorsOf({ "course.md": withLine(COURSE_MD, 2, "slug: Demo Course") })).toEqual([
    "courses/demo/course.md:2: slug must use lower-case letters, digits and single hyphens (e.g. electronic-evidence)",
  ]);
});

test("title must not be empty", async () => {
  expect(await errorsOf({ "course.md": withLine(COURSE_MD, 3, "title:") })).toEqual([
    "courses/demo/course.md:3: title must not be empty",
  ]);
});

test("summary must be text", async () => {
  expect(await errorsOf({ "course.md": withLine(COURSE_MD, 4, "summary: [a, b]") })).toEqual([
    "courses/demo/course.md:4: summary must be text",
  ]);
});

test("title length", async () => {
  expect(await errorsOf({ "course.md": withLine(COURSE_MD, 3, `title: ${"x".repeat(201)}`) })).toEqual([
    "courses/demo/course.md:3: title must be at most 200 characters",
  ]);
});

test("language must be a language tag", async () => {
  expect(await errorsOf({ "course.md": withLine(COURSE_MD, 5, "language: English") })).toEqual([
    "courses/demo/course.md:5: language must be a language tag such as en, fr, ar or pt-BR",
  ]);
});

test("level must be one of the levels", async () => {
  expect(await errorsOf({ "course.md": withLine(COURSE_MD, 6, "level: expert") })).toEqual([
    "courses/demo/course.md:6: level must be one of introductory, intermediate, advanced",
  ]);
});

test("topics must be a list of slugs", async () => {
  expect(await errorsOf({ "course.md": withLine(COURSE_MD, 7, "topics: forensics") })).toEqual([
    "courses/demo/course.md:7: topics must be a list of slugs such as [electronic-evidence, forensics]",
  ]);
  expect(await errorsOf({ "course.md": withLine(COURSE_MD, 7, "topics: [forensics, Cyber Crime]") })).toEqual([
    "courses/demo/course.md:7: topics: 'Cyber Crime' is not a slug (use lower-case letters, digits and single hyphens (e.g. electronic-evidence))",
  ]);
  expect(await errorsOf({ "course.md": withLine(COURSE_MD, 7, "topics: [forensics, forensics]") })).toEqual([
    "courses/demo/course.md:7: topics lists 'forensics' twice",
  ]);
});

test("prerequisites may not include the course itself", async () => {
  expect(await errorsOf({ "course.md": withLine(COURSE_MD, 12, "prerequisites: [demo]") })).toEqual([
    "courses/demo/course.md:12: prerequisites cannot include the course itself",
  ]);
});

test("hours must be a positive number", async () => {
  expect(await errorsOf({ "course.md": withLine(COURSE_MD, 8, "hours: eight") })).toEqual([
    "courses/demo/course.md:8: hours must be a positive number",
  ]);
  expect(await errorsOf({ "course.md": withLine(COURSE_MD, 8, "hours: 501") })).toEqual([
    "courses/demo/course.md:8: hours must be at most 500",
  ]);
});

test("pass-mark must be a whole number from 0 to 100", async () => {
  for (const value of ["101", "69.5", '"70"']) {
    expect(await errorsOf({ "course.md": withLine(COURSE_MD, 9, `pass-mark: ${value}`) })).toEqual([
      "courses/demo/course.md:9: pass-mark must be a whole number from 0 to 100",
    ]);
  }
});

test("enrolment and certificate must be one of their policies", async () => {
  expect(
    await errorsOf({ "course.md": withLine(withLine(COURSE_MD, 10, "enrolment: closed"), 11, "certificate: never") }),
  ).toEqual([
    "courses/demo/course.md:10: enrolment must be one of open, key, approval, nomination",
    "courses/demo/course.md:11: certificate must be one of automatic, approval",
  ]);
});

test("course translation: language tag in the file name", async () => {
  expect(await errorsOf({ "course.French.md": COURSE_FR })).toEqual([
    "courses/demo/course.French.md:1: 'French' is not a language tag such as en, fr, ar or pt-BR (name translations like course.fr.md)",
  ]);
});

test("course translation: not the source language", async () => {
  expect(await errorsOf({ "course.en.md": COURSE_FR })).toEqual([
    "courses/demo/course.en.md:1: en is the source language (see course.md); a translation needs another language",
  ]);
});

test("course translation: only title, summary and source-hash", async () => {
  expect(await errorsOf({ "course.fr.md": withLine(COURSE_FR, 3, "level: advanced") })).toEqual([
    "courses/demo/course.fr.md:1: missing field 'summary'",
    "courses/demo/course.fr.md:3: unknown field 'level'",
  ]);
});

test("module file names", async () => {
  expect(
    await errorsOf({
      "modules/intro.md": MODULE_2,
      "modules/03.Chain.md": MODULE_2,
      "modules/drafts/04.x.md": MODULE_2,
    }),
  ).toEqual([
    "courses/demo/modules/03.Chain.md:1: file name must look like 03.module-slug.md",
    "courses/demo/modules/drafts:1: file name must look like 03.module-slug.md",
    "courses/demo/modules/intro.md:1: file name must look like 03.module-slug.md",
  ]);
});

test("module slug length", async () => {
  expect(await errorsOf({ "modules/03.x.md": MODULE_2 })).toEqual([
    "courses/demo/modules/03.x.md:1: the module slug must be 2 to 80 characters long",
  ]);
});

test("two modules with the same number", async () => {
  expect(await errorsOf({ "modules/2.chain-of-custody.md": MODULE_2 })).toEqual([
    "courses/demo/modules/2.chain-of-custody.md:1: module number 2 is also used by modules/02.preservation.md",
  ]);
});

test("the same module slug under two numbers", async () => {
  expect(await errorsOf({ "modules/03.preservation.md": MODULE_2 })).toEqual([
    "courses/demo/modules/03.preservation.md:1: module 'preservation' also exists as modules/02.preservation.md",
  ]);
});

test("a module translation without a source module", async () => {
  expect(await errorsOf({ "modules/03.chain-of-custody.fr.md": MODULE_1_FR })).toEqual([
    "courses/demo/modules/03.chain-of-custody.fr.md:1: translation of a module that does not exist: there is no modules/NN.chain-of-custody.md",
  ]);
});

test("a module translation whose number differs from its source", async () => {
  expect(
    await errorsOf({ "modules/02.what-is-evidence.fr.md": MODULE_1_FR, "modules/01.what-is-evidence.fr.md": null }),
  ).toEqual([
    "courses/demo/modules/02.what-is-evidence.fr.md:1: the number must be the same as its source modules/01.what-is-evidence.md",
  ]);
});

test("a module translation in the source language", async () => {
  expect(await errorsOf({ "modules/01.what-is-evidence.en.md": MODULE_1_FR })).toEqual([
    "courses/demo/modules/01.what-is-evidence.en.md:1: en is the source language (see course.md); a translation needs another language",
  ]);
});

test("module: minutes must be a positive whole number", async () => {
  expect(await errorsOf({ "modules/03.chain-of-custody.md": withLine(MODULE_2, 3, "minutes: 0") })).toEqual([
    "courses/demo/modules/03.chain-of-custody.md:3: minutes must be a positive whole number",
  ]);
  expect(await errorsOf({ "modules/03.chain-of-custody.md": withLine(MODULE_2, 3, "minutes: 6001") })).toEqual([
    "courses/demo/modules/03.chain-of-custody.md:3: minutes must be at most 6000",
  ]);
});

test("module: required and preview must be true or false, all fields present", async () => {
  expect(
    await errorsOf({ "modules/02.preservation.md": withLine(withLine(MODULE_2, 4, "required: yes"), 5, "") }),
  ).toEqual([
    "courses/demo/modules/02.preservation.md:1: missing field 'preview'",
    "courses/demo/modules/02.preservation.md:4: required must be true or false",
  ]);
});

test("module translation: only title and source-hash", async () => {
  expect(await errorsOf({ "modules/01.what-is-evidence.fr.md": "---\ntitle: Preuve\nminutes: 30\n---\n" })).toEqual([
    "courses/demo/modules/01.what-is-evidence.fr.md:3: unknown field 'minutes'",
  ]);
});

test("a course needs at least one module", async () => {
  expect(
    await errorsOf({
      "modules/01.what-is-evidence.md": null,
      "modules/01.what-is-evidence.fr.md": null,
      "modules/02.preservation.md": null,
    }),
  ).toEqual(["courses/demo/course.md:1: a course needs at least one module"]);
});

test("bodies over 200,000 characters", async () => {
  expect(await errorsOf({ "modules/02.preservation.md": `${MODULE_2}${"x".repeat(200_000)}\n` })).toEqual([
    "courses/demo/modules/02.preservation.md:8: the text is longer than 200,000 characters",
  ]);
});

test("images must come from media/ and exist there", async () => {
  const body = [
    "![ok](media/chain.png)",
    "```",
    "![in a code block](http://ignored.example/x.png)",
    "```",
    'Inline ![remote](https://example.org/a.png "title") and ![missing](media/nope.png).',
    "![up](../other/media/chain.png)",
  ].join("\n");
  expect(await errorsOf({ "course.fr.md": `${COURSE_FR}\n${body}\n` })).toEqual([
    "courses/demo/course.fr.md:12: image 'https://example.org/a.png' must come from the course's media/ folder, e.g. ![Alt text](media/diagram.png)",
    "courses/demo/course.fr.md:12: image media/nope.png is not in the media/ folder",
    "courses/demo/course.fr.md:13: image '../other/media/chain.png' must come from the course's media/ folder, e.g. ![Alt text](media/diagram.png)",
  ]);
});

test("media files must be supported images of at most 2 MB", async () => {
  const big = Buffer.alloc(2 * 1024 * 1024 + 1);
  png(4000, 3000).copy(big);
  expect(await errorsOf({ "media/notes.txt": "hello", "media/big.png": big, "media/fake.png": "not a png" })).toEqual([
    "courses/demo/media/big.png:1: the image is larger than 2 MB (2.0 MB)",
    "courses/demo/media/fake.png:1: not a readable PNG image",
    "courses/demo/media/notes.txt:1: not a supported media file (use PNG, JPEG, GIF, WebP or SVG images, or PDF handouts: .png, .jpg, .jpeg, .gif, .webp, .svg, .pdf)",
  ]);
});

test("media/ holds PDF handouts of at most 5 MB that really are PDFs", async () => {
  const handout = Buffer.from("%PDF-1.7\n%%EOF\n", "latin1");
  const loaded = ok(await load({ "media/convention.pdf": handout }));
  expect(loaded.media.find((m) => m.name === "convention.pdf")).toMatchObject({
    kind: "pdf",
    mime: "application/pdf",
    width: null,
    height: null,
  });
  expect(loaded.doc.media).toEqual(["chain.png", "convention.pdf"]);
  const big = Buffer.alloc(5 * 1024 * 1024 + 1);
  handout.copy(big);
  expect(await errorsOf({ "media/big.pdf": big, "media/fake.pdf": "<html>not a pdf</html>" })).toEqual([
    "courses/demo/media/big.pdf:1: the PDF is larger than 5 MB (5.0 MB)",
    "courses/demo/media/fake.pdf:1: the name ends in .pdf but the file is not a PDF (it does not start with %PDF-)",
  ]);
});

test("unexpected files and folders in the course folder", async () => {
  expect(await errorsOf({ "notes.txt": "x", "images/a.png": png(1, 1) })).toEqual([
    "courses/demo/images:1: unexpected folder",
    "courses/demo/notes.txt:1: unexpected file",
  ]);
});

test("a folder without course.md", async () => {
  expect(await errorsOf({ "course.md": null, "course.fr.md": null })).toEqual([
    "courses/demo/course.md:1: missing course.md (every course folder needs one)",
  ]);
});

test("sequential release is read from course.md and written back only when on", async () => {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), "haidang-seq-"));
  const dir = path.join(root, "seq-course");
  await fs.mkdir(path.join(dir, "modules"), { recursive: true });
  await fs.writeFile(
    path.join(dir, "course.md"),
    "---\nslug: seq-course\ntitle: Seq\nsummary: In order.\nlanguage: en\nlevel: introductory\nhours: 1\npass-mark: 50\nenrolment: open\ncertificate: automatic\nsequential: true\n---\n",
  );
  await fs.writeFile(
    path.join(dir, "modules", "01.first.md"),
    "---\ntitle: First\nminutes: 5\nrequired: true\npreview: false\n---\n\nText.\n",
  );
  const loaded = await readCourseFolder(dir, "courses/seq-course");
  if (!loaded.ok) throw new Error(loaded.errors.join("\n"));
  expect(loaded.doc.meta.sequential).toBe(true);
  const out = path.join(root, "out", "seq-course");
  await writeCourseFolder(loaded.doc, loaded.media, out);
  expect(await fs.readFile(path.join(out, "course.md"), "utf8")).toContain("sequential: true");
  await fs.writeFile(
    path.join(dir, "course.md"),
    (await fs.readFile(path.join(dir, "course.md"), "utf8")).replace("sequential: true", "sequential: maybe"),
  );
  const bad = await readCourseFolder(dir, "courses/seq-course");
  expect(bad.ok ? [] : bad.errors).toContain("courses/seq-course/course.md:11: sequential must be true or false");
});
