/**
 * Export → import reproduces a course exactly (decision 024): the demo courses and a course
 * built entirely in the browser (text, an image, a PDF, questions of every type, assessments)
 * are exported to files and imported under a fresh slug; the content hash, the questions and
 * the assessments come back the same, and exporting the copy writes the same files.
 */
import { createHash, randomUUID } from "node:crypto";
import { mkdtemp, readdir, readFile, rename, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { expect, test } from "vitest";
import { QuestionSchema } from "~/content/questions";
import { prisma } from "~/utils/db.server";
import { addModule, createCourse, publishDraft, requireEditableCourse, saveModule } from "./course-authoring.server";
import { saveCourseMedia } from "./course-media.server";
import { contentHash, courseSnapshot, exportCourse, importCourseFolder, importCourses } from "./courses.server";
import { saveBrowserAssessment, uploadQuestions } from "./question-bank.server";
import { registerUser } from "./users.server";

const uid = () => Math.random().toString(36).slice(2, 8);

function png(width: number, height: number) {
  const b = Buffer.alloc(40);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b, 0);
  b.writeUInt32BE(13, 8);
  b.write("IHDR", 12, "latin1");
  b.writeUInt32BE(width, 16);
  b.writeUInt32BE(height, 20);
  return b;
}
const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`, "latin1");

async function tree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (d: string) => {
    for (const entry of await readdir(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) await walk(full);
      else out[relative(dir, full)] = (await readFile(full)).toString("base64");
    }
  };
  await walk(dir);
  return out;
}

/** What a course's bank and assessments hold, in the terms files use (question titles). */
async function courseData(slug: string) {
  const course = await prisma.course.findUniqueOrThrow({ where: { slug }, select: { id: true } });
  const questions = await prisma.question.findMany({
    where: { courseId: course.id, archivedAt: null },
    orderBy: [{ createdAt: "asc" }, { key: "asc" }],
    select: { key: true, data: true, origin: true },
  });
  // File questions keep their titles; a browser question keeps its own unless it is taken, else its key is its title.
  const titleOf = new Map<string, string>();
  for (const q of questions) if (q.origin === "file") titleOf.set(q.key, QuestionSchema.parse(q.data).title!);
  const used = new Set(titleOf.values());
  for (const q of questions.filter((q) => q.origin !== "file")) {
    const own = QuestionSchema.parse(q.data).title;
    const title = own && !used.has(own) ? own : q.key.replace(/:/g, "-");
    used.add(title);
    titleOf.set(q.key, title);
  }
  const assessments = await prisma.assessment.findMany({
    where: { courseId: course.id, archivedAt: null },
    orderBy: { slug: "asc" },
  });
  return {
    titles: [...titleOf.values()].sort(),
    assessments: assessments.map((a) => ({
      slug: a.slug,
      titles: a.titles,
      moduleSlug: a.moduleSlug,
      final: a.final,
      passMark: a.passMark,
      attemptsAllowed: a.attemptsAllowed,
      timeLimitMinutes: a.timeLimitMinutes,
      feedback: a.feedback,
      shuffleAnswers: a.shuffleAnswers,
      perPage: a.perPage,
      selection: (a.selection as Record<string, unknown>[]).map((rule) =>
        "question" in rule ? { ...rule, question: titleOf.get(String(rule.question)) } : rule,
      ),
    })),
    // Questions by title, as they come back from a file (the title a browser question gets is its key).
    questions: Object.fromEntries(
      questions
        .map((q) => [titleOf.get(q.key)!, { ...QuestionSchema.parse(q.data), title: titleOf.get(q.key)! }] as const)
        .sort(([a], [b]) => (a < b ? -1 : 1)),
    ),
  };
}

/** Exports `slug`, imports the files as `copy` and checks that nothing was lost or changed. */
async function roundTrip(slug: string) {
  const snapshot = (await courseSnapshot({ slug }))!;
  const out = await mkdtemp(join(tmpdir(), "haidang-roundtrip-"));
  const exported = await exportCourse({ slug, dir: join(out, slug) });
  expect(exported).toMatchObject({ status: "exported", hash: snapshot.hash });

  const copy = `${slug}-copy-${uid()}`;
  await rename(join(out, slug), join(out, copy));
  const courseMd = join(out, copy, "course.md");
  await writeFile(courseMd, (await readFile(courseMd, "utf8")).replace(/^slug: .*$/m, `slug: ${copy}`));
  const report = await importCourseFolder({ dir: join(out, copy), displayPath: copy });
  expect(report).toMatchObject({ status: "published", revision: 1 });

  const imported = await prisma.course.findUniqueOrThrow({
    where: { slug: copy },
    select: { currentRevision: { select: { contentHash: true } } },
  });
  const media = snapshot.media.map((m) => ({
    name: m.name,
    sha256: createHash("sha256").update(m.bytes).digest("hex"),
  }));
  expect(imported.currentRevision!.contentHash).toBe(contentHash({ ...snapshot.doc, slug: copy }, media));

  const [before, after] = [await courseData(slug), await courseData(copy)];
  expect(after.questions).toEqual(before.questions);
  expect(after.assessments).toEqual(before.assessments);

  // The copy exports to the same files (but for its slug), so a second round trip changes nothing.
  const again = await mkdtemp(join(tmpdir(), "haidang-roundtrip-"));
  await exportCourse({ slug: copy, dir: join(again, copy) });
  expect(await tree(join(again, copy))).toEqual(await tree(join(out, copy)));
  return { before, files: Object.keys(await tree(join(out, copy))).sort() };
}

test("every demo course exports and imports to the same content, questions and assessments", async () => {
  const reports = await importCourses({ root: "courses" });
  expect(reports.filter((r) => r.status === "refused")).toEqual([]);
  expect(reports.length).toBeGreaterThanOrEqual(3);
  for (const { slug } of reports) await roundTrip(slug);
});

const BANK = String.raw`$CATEGORY: Browser/Basics

::Intro::Read the case before you answer.

::Seize::Which device do you seize first?{=The running phone#Volatile data first. ~The printer ~The router}

::Tick all::Which are traffic data?{~%50%Sender address ~%50%Time of sending ~%-100%Message body}

::Hash::A matching hash shows the copy is unchanged.{T}

::Short::One word: the city whose 2001 convention came first.{=Budapest =Budapesti}

::Year::In which year did the General Assembly adopt the Convention?{#2024:0}

::Match::Match each source with how volatile it is.{=RAM -> volatile =Disk -> persistent =Tape -> archive}

// @haidang type=ordering
::Order::Put the steps in order.{=Identify =Preserve =Collect =Analyse}

::Essay::Describe how you keep the chain of custody.{}

$CATEGORY: Browser/Escapes

Braces \{ and \}, equals \=, tilde \~, hash \#, colon \: and a backslash \\ in a stem without a title?{=Yes\: all of them#Right \{really\} ~No}
`;

test("a course built entirely in the browser exports and imports to the same course", async () => {
  const r = await registerUser(
    {
      name: `Trainer ${uid()}`,
      email: `${uid()}@example.org`,
      password: "correct horse battery staple",
      locale: "en",
      role: "TRAINER",
    },
    { welcomeEmail: false },
  );
  if (r.status !== "created") throw new Error(r.status);
  const user = r.user;
  const slug = `browser-${uid()}`;
  await createCourse({
    user,
    input: { slug, title: "Built in the browser", summary: "Every part made in /author.", sourceLocale: "en" },
  });
  let course = await requireEditableCourse({ slug, user });
  await saveCourseMedia({ course, user, name: "custody chain.png", bytes: png(320, 200), alt: "The chain of custody" });
  await saveCourseMedia({ course, user, name: "convention.pdf", bytes: pdf("UN Convention"), alt: "" });
  for (const [moduleSlug, title, body] of [
    ["first-steps", "First steps", "# First steps\n\n![The chain of custody](<media/custody chain.png>)"],
    ["the-convention", "The Convention", "Download [the Convention](media/convention.pdf) and read Article 1."],
  ] as const) {
    await addModule({ course, slug: moduleSlug, title });
    course = await requireEditableCourse({ slug, user });
    await saveModule({
      course,
      moduleSlug,
      input: { locale: "en", title, body, minutes: 15, required: true, preview: false },
    });
    course = await requireEditableCourse({ slug, user });
  }
  expect(await publishDraft({ course, user })).toMatchObject({ status: "published" });

  expect(await uploadQuestions({ courseId: course.id, source: BANK, format: "gift" })).toMatchObject({
    status: "imported",
    count: 10,
  });
  // A question written in the browser's editor, whose title another question already uses.
  const seize = await prisma.question.findFirstOrThrow({
    where: { courseId: course.id, category: "Browser/Basics", type: "single" },
  });
  await prisma.question.create({
    data: {
      courseId: course.id,
      key: `editor:${randomUUID()}`,
      origin: "editor",
      category: "Browser/Editor",
      type: "single",
      data: { ...(seize.data as object), category: "Browser/Editor" },
    },
  });
  const moduleSlugs = ["first-steps", "the-convention"];
  const base = { attempts: 3, timeLimit: 20, feedback: "immediately" as const, shuffle: false, perPage: 4 };
  expect(
    await saveBrowserAssessment({
      courseId: course.id,
      existingSlug: null,
      moduleSlugs,
      sourceLocale: "en",
      input: {
        ...base,
        title: "First steps check",
        slug: "first-check",
        attach: "module:first-steps",
        passMark: 50,
        fixed: [seize.key],
        draws: [{ category: "Browser/Basics", count: 3 }],
      },
    }),
  ).toEqual({ status: "saved", slug: "first-check" });
  expect(
    await saveBrowserAssessment({
      courseId: course.id,
      existingSlug: null,
      moduleSlugs,
      sourceLocale: "en",
      input: {
        title: "Final",
        slug: "final",
        attach: "final",
        passMark: 70,
        attempts: undefined,
        timeLimit: undefined,
        feedback: "after-last",
        shuffle: true,
        perPage: 5,
        fixed: [],
        draws: [{ category: "", count: 8 }],
      },
    }),
  ).toEqual({ status: "saved", slug: "final" });

  const { before, files } = await roundTrip(slug);
  expect(files).toEqual([
    "assessments/browser-questions.gift",
    "assessments/final.yml",
    "assessments/first-check.yml",
    "course.md",
    "media/convention.pdf",
    "media/custody chain.png",
    "modules/01.first-steps.md",
    "modules/02.the-convention.md",
  ]);
  expect(
    Object.values(before.questions)
      .map((q) => q.type)
      .sort(),
  ).toEqual(
    [
      "description",
      "essay",
      "matching",
      "multiple",
      "numerical",
      "ordering",
      "short",
      "single",
      "single",
      "single",
      "truefalse",
    ].sort(),
  );
  expect(before.assessments.map((a) => a.slug)).toEqual(["final", "first-check"]);
});
