import { expect, test } from "vitest";
import { parseWithZod } from "@conform-to/zod";
import { prisma } from "~/utils/db.server";
import { MediaFormSchema } from "~/validation/media";
import { addModule, createCourse, publishDraft, requireEditableCourse, saveModule } from "./course-authoring.server";
import { deleteCourseMedia, listCourseMedia, mediaSnippet, saveCourseMedia } from "./course-media.server";
import { getCourseMedia } from "./courses.server";
import { registerUser } from "./users.server";

const uid = () => Math.random().toString(36).slice(2, 8);

function png(width: number, height: number, fill = 0) {
  const b = Buffer.alloc(40, fill);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b, 0);
  b.writeUInt32BE(13, 8);
  b.write("IHDR", 12, "latin1");
  b.writeUInt32BE(width, 16);
  b.writeUInt32BE(height, 20);
  return b;
}
const pdf = (text = "handout") => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`, "latin1");

async function person(role: "TRAINER" | "ADMIN" | "LEARNER") {
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

async function newCourse() {
  const owner = await person("TRAINER");
  const slug = `media-${uid()}`;
  await createCourse({ user: owner, input: { slug, title: "Media test", summary: "Media.", sourceLocale: "en" } });
  return { owner, slug, course: await requireEditableCourse({ slug, user: owner }) };
}

test("uploads are checked like course files: magic, size, alt text, names and duplicates", async () => {
  const { owner: user, course } = await newCourse();
  const save = (name: string, bytes: Buffer, alt = "A diagram", replace?: string) =>
    saveCourseMedia({ course, user, name, bytes, alt, replace });

  expect(await save("fake.png", Buffer.from("GIF89a not a png at all"))).toMatchObject({
    status: "invalid",
    code: "content",
  });
  expect(await save("notes.pdf", Buffer.from("%PDX-1.4 hello"))).toMatchObject({ status: "invalid", code: "not-pdf" });
  expect(await save("script.exe", Buffer.from("MZ"))).toMatchObject({ status: "invalid", code: "type" });
  const big = Buffer.concat([png(10, 10), Buffer.alloc(2 * 1024 * 1024)]);
  expect(await save("big.png", big)).toMatchObject({ status: "invalid", code: "too-large" });
  const bigPdf = Buffer.concat([pdf(), Buffer.alloc(5 * 1024 * 1024)]);
  expect(await save("big.pdf", bigPdf)).toMatchObject({ status: "invalid", code: "too-large" });
  for (const name of ["../evil.png", "a/b.png", "..\\evil.png", ".hidden.png", "tab\there.png", " spaced.png"])
    expect(await save(name, png(4, 4))).toMatchObject({ status: "invalid", code: "name" });
  expect(await save("diagram.png", png(4, 4), "   ")).toEqual({ status: "alt-required" });
  expect(await prisma.courseMedia.count({ where: { courseId: course.id } })).toBe(0);

  expect(await save("diagram.png", png(640, 480), "Chain of custody")).toEqual({
    status: "saved",
    name: "diagram.png",
  });
  expect(await save("diagram.png", png(10, 10))).toEqual({ status: "duplicate", name: "diagram.png" });
  expect(await save("convention.pdf", pdf(), "")).toEqual({ status: "saved", name: "convention.pdf" });
  expect(await save("x.png", png(1, 1), "x", "missing.png")).toEqual({ status: "not-found" });
  // A replacement keeps the name, so a PDF cannot replace an image.
  expect(await save("other.pdf", pdf("b"), "", "diagram.png")).toMatchObject({ status: "invalid", code: "content" });

  const { items } = await listCourseMedia({ course });
  expect(items.map((m) => [m.name, m.kind, m.width, m.height, m.alt])).toEqual([
    ["convention.pdf", "pdf", null, null, ""],
    ["diagram.png", "image", 640, 480, "Chain of custody"],
  ]);
  expect(items[1]!.snippet).toBe("![Chain of custody](media/diagram.png)");
  expect(mediaSnippet({ name: "the convention.pdf", kind: "pdf", alt: "" })).toBe(
    "[the convention](<media/the convention.pdf>)",
  );
  const audit = await prisma.auditEvent.findMany({ where: { actorId: user.id }, select: { action: true } });
  expect(audit.map((a) => a.action).sort()).toEqual(["course.media-uploaded", "course.media-uploaded"]);
});

test("the form schema requires alt text for images only, and a file to upload", () => {
  const form = (entries: Record<string, string | File>) => {
    const data = new FormData();
    for (const [k, v] of Object.entries(entries)) data.set(k, v);
    return parseWithZod(data, { schema: MediaFormSchema });
  };
  const image = new File([png(2, 2)], "a.png", { type: "image/png" });
  expect(form({ intent: "upload", file: image, alt: "" }).reply().error).toEqual({ alt: ["media.error.altRequired"] });
  expect(form({ intent: "upload", file: image, alt: "A square" }).status).toBe("success");
  expect(form({ intent: "upload", file: new File([pdf()], "h.pdf"), alt: "" }).status).toBe("success");
  expect(form({ intent: "upload", alt: "x" }).reply().error?.file).toEqual(["media.error.noFile"]);
  expect(form({ intent: "delete", name: "a.png" }).status).toBe("success");
});

test("only the course's trainers and admins may manage its media", async () => {
  const { slug } = await newCourse();
  const other = await person("TRAINER");
  const learner = await person("LEARNER");
  const admin = await person("ADMIN");
  await expect(requireEditableCourse({ slug, user: other })).rejects.toMatchObject({ status: 403 });
  await expect(requireEditableCourse({ slug, user: learner })).rejects.toMatchObject({ status: 403 });
  const course = await requireEditableCourse({ slug, user: admin });
  expect(await saveCourseMedia({ course, user: admin, name: "a.png", bytes: png(2, 2), alt: "A" })).toMatchObject({
    status: "saved",
  });
});

test("officers see the published bytes until the next publication; replaced bytes a revision used are kept", async () => {
  const { owner: user, slug, course: fresh } = await newCourse();
  let course = fresh;
  await saveCourseMedia({ course, user, name: "d.png", bytes: png(10, 10, 1), alt: "First" });
  await addModule({ course, slug: "one", title: "One" });
  course = await requireEditableCourse({ slug, user });
  await saveModule({
    course,
    moduleSlug: "one",
    input: {
      locale: "en",
      title: "One",
      body: "![First](media/d.png)\n\n[Handout](media/h.pdf)",
      minutes: 5,
      required: true,
      preview: true,
    },
  });
  course = await requireEditableCourse({ slug, user });
  // The handout is not uploaded yet: publishing says which file to upload.
  const refused = await publishDraft({ course, user });
  expect(refused).toMatchObject({ status: "invalid", missingMedia: ["h.pdf"] });
  expect(refused.status === "invalid" && refused.errors[0]).toContain(
    `upload h.pdf on the course's Media page (/author/${slug}/media)`,
  );
  expect((await listCourseMedia({ course })).missing).toEqual([
    { name: "h.pdf", usedIn: [{ module: "one", title: "One" }] },
  ]);

  await saveCourseMedia({ course, user, name: "h.pdf", bytes: pdf(), alt: "" });
  expect(await publishDraft({ course, user })).toMatchObject({ status: "published", revision: 1 });
  const first = await getCourseMedia({ slug, name: "d.png" });
  expect(Buffer.from(first!.bytes).equals(png(10, 10, 1))).toBe(true);
  expect(await getCourseMedia({ slug, name: "h.pdf" })).toMatchObject({ kind: "pdf", mime: "application/pdf" });

  // Replace the image: the library changes, officers still get revision 1's bytes.
  course = await requireEditableCourse({ slug, user });
  expect(
    await saveCourseMedia({
      course,
      user,
      name: "ignored.png",
      bytes: png(20, 20, 2),
      alt: "Second",
      replace: "d.png",
    }),
  ).toEqual({ status: "saved", name: "d.png" });
  expect(Buffer.from((await getCourseMedia({ slug, name: "d.png" }))!.bytes).equals(png(10, 10, 1))).toBe(true);
  const rows = await prisma.courseMedia.findMany({ where: { courseId: course.id, name: "d.png" } });
  expect(rows.map((r) => [r.width, r.removedAt === null]).sort()).toEqual([
    [10, false],
    [20, true],
  ]);
  // A file uploaded and deleted before any publication leaves nothing behind.
  await saveCourseMedia({ course, user, name: "tmp.png", bytes: png(3, 3), alt: "Tmp" });
  expect(await deleteCourseMedia({ course, user, name: "tmp.png" })).toEqual({ status: "deleted" });
  expect(await prisma.courseMedia.count({ where: { courseId: course.id, name: "tmp.png" } })).toBe(0);
  expect(await deleteCourseMedia({ course, user, name: "tmp.png" })).toEqual({ status: "not-found" });
});
