import { mkdtemp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { registerUser } from "./users.server";
import {
  exportCourse,
  getCourseOverview,
  getModuleForReading,
  importCourseFolder,
  importCourses,
  listCatalogue,
} from "./courses.server";
import {
  addModule,
  createCourse,
  publishDraft,
  removeModule,
  requireEditableCourse,
  saveModule,
  translationStatus,
  workingCopy,
} from "./course-authoring.server";

const uid = () => Math.random().toString(36).slice(2, 8);

function courseMd(slug: string, extra = "") {
  return `---\nslug: ${slug}\ntitle: Test course ${slug}\nsummary: A course used by the tests.\nlanguage: en\nlevel: intermediate\ntopics: [testing, forensics]\nhours: 2\npass-mark: 60\nenrolment: open\ncertificate: automatic\nprerequisites: []\n---\n\nDescription of ${slug}.${extra}\n`;
}
const moduleMd = (title: string, body: string, preview = false) =>
  `---\ntitle: ${title}\nminutes: 10\nrequired: true\npreview: ${preview}\n---\n\n${body}\n`;

async function writeCourse(
  root: string,
  slug: string,
  modules: Record<string, string>,
  extra: Record<string, string> = {},
) {
  const dir = join(root, slug);
  await rm(dir, { recursive: true, force: true });
  await mkdir(join(dir, "modules"), { recursive: true });
  await writeFile(join(dir, "course.md"), courseMd(slug));
  for (const [name, text] of Object.entries({ ...modules, ...extra })) {
    await mkdir(join(dir, name, ".."), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  return dir;
}

async function person(role: "LEARNER" | "TRAINER" | "ADMIN") {
  const r = await registerUser(
    {
      name: `${role} ${uid()}`,
      email: `${uid()}-${uid()}@example.org`,
      password: "correct horse battery staple",
      locale: "en",
      role,
    },
    { welcomeEmail: false },
  );
  if (r.status !== "created") throw new Error(r.status);
  return r.user;
}

test("re-importing publishes a new revision only when content changed; module identity survives reordering; removed modules are archived", async () => {
  const root = await mkdtemp(join(tmpdir(), "haidang-courses-"));
  const slug = `lifecycle-${uid()}`;
  const dir = await writeCourse(root, slug, {
    "modules/01.alpha.md": moduleMd("Alpha", "First module.", true),
    "modules/02.beta.md": moduleMd("Beta", "Second module."),
    "modules/03.gamma.md": moduleMd("Gamma", "Third module."),
  });
  expect(await importCourseFolder({ dir, displayPath: `courses/${slug}` })).toMatchObject({
    status: "published",
    revision: 1,
  });
  expect(await importCourseFolder({ dir, displayPath: `courses/${slug}` })).toMatchObject({
    status: "unchanged",
    revision: 1,
  });
  const before = await prisma.module.findMany({ where: { course: { slug } }, orderBy: { slug: "asc" } });

  // Reorder (gamma first), edit beta, drop alpha.
  await writeCourse(root, slug, {
    "modules/01.gamma.md": moduleMd("Gamma", "Third module."),
    "modules/02.beta.md": moduleMd("Beta", "Second module, revised."),
  });
  expect(await importCourseFolder({ dir, displayPath: `courses/${slug}` })).toMatchObject({
    status: "published",
    revision: 2,
  });
  const after = await prisma.module.findMany({ where: { course: { slug } }, orderBy: { slug: "asc" } });
  expect(after.map((m) => m.id)).toEqual(before.map((m) => m.id));
  expect(after.find((m) => m.slug === "alpha")?.archivedAt).not.toBeNull();
  expect(after.find((m) => m.slug === "beta")?.archivedAt).toBeNull();

  const overview = await getCourseOverview({ slug, locale: "en", viewer: null });
  expect(overview.modules.map((m) => m.slug)).toEqual(["gamma", "beta"]);
  expect(overview.revision).toBe(2);
});

test("a broken course is refused whole with file:line messages while the others import", async () => {
  const root = await mkdtemp(join(tmpdir(), "haidang-courses-"));
  const good = `good-${uid()}`;
  const bad = `bad-${uid()}`;
  await writeCourse(root, good, { "modules/01.only.md": moduleMd("Only", "Fine.") });
  await writeCourse(root, bad, {
    "modules/01.fine.md": moduleMd("Fine", "Fine."),
    "modules/03.broken.md": "---\ntitle: Broken\nminutes: soon\nrequired: true\npreview: false\n---\n\nBody\n",
  });
  const reports = await importCourses({ root, displayRoot: "courses" });
  expect(reports.find((r) => r.slug === good)).toMatchObject({ status: "published" });
  const refused = reports.find((r) => r.slug === bad);
  expect(refused?.status).toBe("refused");
  expect(refused?.errors).toContain(`courses/${bad}/modules/03.broken.md:3: minutes must be a positive whole number`);
  expect(await prisma.course.findUnique({ where: { slug: bad } })).toBeNull();
});

test("the demo courses import, export and re-import to the same course", async () => {
  const reports = await importCourses({ root: "courses" });
  expect(reports.filter((r) => r.status === "refused")).toEqual([]);
  expect(reports.length).toBeGreaterThanOrEqual(3);
  for (const { slug } of reports) {
    const out = await mkdtemp(join(tmpdir(), "haidang-export-"));
    expect(await exportCourse({ slug, dir: join(out, slug) })).toMatchObject({ status: "exported" });
    expect(await importCourseFolder({ dir: join(out, slug), displayPath: slug })).toMatchObject({
      status: "unchanged",
    });
    const original = await readFile(join("courses", slug, "course.md"), "utf8");
    expect(await readFile(join(out, slug, "course.md"), "utf8")).toContain(original.match(/^title: .*$/m)![0]);
  }
});

test("readers get their language or the source with a flag; previews are public, the rest needs a trainer or admin for now", async () => {
  const root = await mkdtemp(join(tmpdir(), "haidang-courses-"));
  const slug = `reader-${uid()}`;
  const dir = await writeCourse(
    root,
    slug,
    {
      "modules/01.open.md": moduleMd("Open", "## Hello\n\nPublic text.", true),
      "modules/02.closed.md": moduleMd("Closed", "Members only."),
    },
    { "modules/01.open.fr.md": "---\ntitle: Ouvert\n---\n\n## Bonjour\n\nTexte public.\n" },
  );
  await importCourseFolder({ dir, displayPath: slug });
  const fr = await getModuleForReading({ slug, moduleSlug: "open", locale: "fr", viewer: null });
  expect(fr.module.title).toBe("Ouvert");
  expect(fr.content).toMatchObject({ fallback: false, locale: "fr" });
  expect(fr.content?.html).toContain("Texte public.");
  const ar = await getModuleForReading({ slug, moduleSlug: "open", locale: "ar", viewer: null });
  expect(ar.content).toMatchObject({ fallback: true, locale: "en" });
  expect(ar.next).toEqual({ slug: "closed", title: "Closed" });

  expect((await getModuleForReading({ slug, moduleSlug: "closed", locale: "en", viewer: null })).access).toBe(
    "login-required",
  );
  const learner = await person("LEARNER");
  const locked = await getModuleForReading({ slug, moduleSlug: "closed", locale: "en", viewer: learner });
  expect(locked).toMatchObject({ access: "enrolment-required", content: null });
  const trainer = await person("TRAINER");
  expect(
    (await getModuleForReading({ slug, moduleSlug: "closed", locale: "en", viewer: trainer })).content?.html,
  ).toContain("Members only.");
  await expect(getModuleForReading({ slug, moduleSlug: "nope", locale: "en", viewer: trainer })).rejects.toMatchObject({
    status: 404,
  });
});

test("the catalogue searches every language's title and filters by language, topic and level", async () => {
  const root = await mkdtemp(join(tmpdir(), "haidang-courses-"));
  const slug = `catalogue-${uid()}`;
  const dir = await writeCourse(
    root,
    slug,
    { "modules/01.one.md": moduleMd("One", "Text.") },
    {
      "course.ar.md": `---\ntitle: دورة ${slug}\nsummary: ملخص الدورة\n---\n`,
    },
  );
  await importCourseFolder({ dir, displayPath: slug });
  const bySlug = (r: Awaited<ReturnType<typeof listCatalogue>>) => r.courses.map((c) => c.slug);
  expect(bySlug(await listCatalogue({ q: slug, locale: "en" }))).toEqual([slug]);
  expect(bySlug(await listCatalogue({ q: "ملخص", language: "ar", locale: "ar" }))).toContain(slug);
  expect((await listCatalogue({ q: slug, locale: "ar" })).courses[0]?.title).toBe(`دورة ${slug}`);
  expect(bySlug(await listCatalogue({ q: slug, topic: "forensics", level: "intermediate", locale: "en" }))).toEqual([
    slug,
  ]);
  expect(bySlug(await listCatalogue({ q: slug, level: "advanced", locale: "en" }))).toEqual([]);
  expect(bySlug(await listCatalogue({ q: slug, language: "fr", locale: "en" }))).toEqual([]);
});

test("authoring: only the owner, assigned trainers and admins edit; drafts publish as revisions; translations go outdated", async () => {
  const owner = await person("TRAINER");
  const other = await person("TRAINER");
  const admin = await person("ADMIN");
  const learner = await person("LEARNER");
  const slug = `authored-${uid()}`;
  expect(
    await createCourse({
      user: owner,
      input: { slug, title: "Authored", summary: "Made in the browser.", sourceLocale: "en" },
    }),
  ).toEqual({ status: "created" });
  expect(
    await createCourse({ user: other, input: { slug, title: "Again", summary: "Same slug.", sourceLocale: "en" } }),
  ).toEqual({ status: "slug-taken" });

  await expect(requireEditableCourse({ slug, user: other })).rejects.toMatchObject({ status: 403 });
  await expect(requireEditableCourse({ slug, user: learner })).rejects.toMatchObject({ status: 403 });
  await expect(requireEditableCourse({ slug: "missing-course", user: admin })).rejects.toMatchObject({ status: 404 });
  expect((await requireEditableCourse({ slug, user: admin })).slug).toBe(slug);

  let course = await requireEditableCourse({ slug, user: owner });
  expect(await publishDraft({ course, user: owner })).toMatchObject({
    status: "invalid",
    errors: ["a course needs at least one module"],
  });
  await addModule({ course, slug: "first", title: "First" });
  course = await requireEditableCourse({ slug, user: owner });
  await saveModule({
    course,
    moduleSlug: "first",
    input: { locale: "en", title: "First", body: "# One\n\nHello.", minutes: 5, required: true, preview: true },
  });
  course = await requireEditableCourse({ slug, user: owner });
  await saveModule({
    course,
    moduleSlug: "first",
    input: { locale: "fr", title: "Premier", body: "Bonjour.", minutes: 5, required: true, preview: true },
  });
  course = await requireEditableCourse({ slug, user: owner });
  expect(translationStatus(await workingCopy(course))[0]).toMatchObject({
    locale: "fr",
    modules: [{ slug: "first", state: "current" }],
  });
  expect(await publishDraft({ course, user: owner, note: "First edition" })).toMatchObject({
    status: "published",
    revision: 1,
  });

  course = await requireEditableCourse({ slug, user: owner });
  await saveModule({
    course,
    moduleSlug: "first",
    input: { locale: "en", title: "First", body: "# One\n\nHello again.", minutes: 5, required: true, preview: true },
  });
  course = await requireEditableCourse({ slug, user: owner });
  expect(translationStatus(await workingCopy(course))[0]?.modules[0]?.state).toBe("outdated");
  expect(
    (await getModuleForReading({ slug, moduleSlug: "first", locale: "en", viewer: null })).content?.html,
  ).not.toContain("again");
  expect(await publishDraft({ course, user: owner })).toMatchObject({ status: "published", revision: 2 });
  expect(
    (await getModuleForReading({ slug, moduleSlug: "first", locale: "en", viewer: null })).content?.html,
  ).toContain("Hello again.");

  const revisions = await prisma.courseRevision.findMany({
    where: { course: { slug } },
    orderBy: { number: "asc" },
    include: { publishedBy: true },
  });
  expect(revisions.map((r) => [r.number, r.origin, r.note, r.publishedBy?.id])).toEqual([
    [1, "browser", "First edition", owner.id],
    [2, "browser", null, owner.id],
  ]);

  course = await requireEditableCourse({ slug, user: owner });
  await removeModule({ course, moduleSlug: "first" });
  course = await requireEditableCourse({ slug, user: owner });
  expect((await publishDraft({ course, user: owner })).status).toBe("invalid");
});

test("hostile Markdown in a course file is neutralised when published", async () => {
  const root = await mkdtemp(join(tmpdir(), "haidang-courses-"));
  const slug = `hostile-${uid()}`;
  const dir = await writeCourse(root, slug, {
    "modules/01.evil.md": moduleMd(
      "Evil",
      "<script>alert(1)</script>\n\n[click](javascript:alert(1))\n\n<img src=x onerror=alert(1)>",
      true,
    ),
  });
  await importCourseFolder({ dir, displayPath: slug });
  const html = (await getModuleForReading({ slug, moduleSlug: "evil", locale: "en", viewer: null })).content!.html;
  expect(html).not.toMatch(/<script|<img\b|href="\s*javascript:|<[^>]*\son[a-z]+=/i);
  expect(html).toContain("&lt;script&gt;");
});

test("an administrator assigns a trainer to a course, who may then edit it; unassigning closes it again", async () => {
  const { assignTrainer, unassignTrainer } = await import("./course-authoring.server");
  const owner = await person("TRAINER");
  const helper = await person("TRAINER");
  const admin = await person("ADMIN");
  const learner = await person("LEARNER");
  const slug = `assigned-${uid()}`;
  await createCourse({ user: owner, input: { slug, title: "Assigned", summary: "Shared work.", sourceLocale: "en" } });
  const course = await requireEditableCourse({ slug, user: admin });
  await expect(requireEditableCourse({ slug, user: helper })).rejects.toMatchObject({ status: 403 });
  await expect(assignTrainer({ course, actor: owner, email: helper.email })).rejects.toMatchObject({ status: 403 });
  expect(await assignTrainer({ course, actor: admin, email: learner.email })).toEqual({ status: "not-a-trainer" });
  expect(await assignTrainer({ course, actor: admin, email: "nobody@example.org" })).toEqual({
    status: "unknown-person",
  });
  expect(await assignTrainer({ course, actor: admin, email: helper.email.toUpperCase() })).toEqual({
    status: "assigned",
  });
  expect((await requireEditableCourse({ slug, user: helper })).slug).toBe(slug);
  await unassignTrainer({ course, actor: admin, userId: helper.id });
  await expect(requireEditableCourse({ slug, user: helper })).rejects.toMatchObject({ status: 403 });
});
