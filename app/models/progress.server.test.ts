import { expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { courseDocument, makeCourse, makeUser } from "../../test/factories";
import { publishCourseDocument, getModuleForReading } from "./courses.server";
import { enrol } from "./enrolments.server";
import { completeModule, learnerDashboard, progressCsv, progressGrid, recordModulePassed } from "./progress.server";

test("completing a module twice, or from two tabs at once, keeps one record", async () => {
  const course = await makeCourse();
  const learner = await makeUser();
  await enrol({ user: learner, courseSlug: course.slug });
  const results = await Promise.all(
    [1, 2, 3].map(() => completeModule({ userId: learner.id, courseSlug: course.slug, moduleSlug: "one" })),
  );
  expect(results.map((r) => r.status).sort()).toEqual(["already-completed", "already-completed", "completed"]);
  expect(await prisma.moduleProgress.count({ where: { enrolment: { userId: learner.id, courseId: course.id } } })).toBe(
    1,
  );
});

test("the last required module completes the course once, in the same transaction, even when two requests race", async () => {
  const course = await makeCourse({ modules: [{ slug: "one" }, { slug: "two" }, { slug: "extra", required: false }] });
  const learner = await makeUser();
  await enrol({ user: learner, courseSlug: course.slug });
  const results = await Promise.all(
    ["one", "two"].map((moduleSlug) => completeModule({ userId: learner.id, courseSlug: course.slug, moduleSlug })),
  );
  expect(results.filter((r) => r.status === "completed" && r.courseCompleted)).toHaveLength(1);
  const enrolment = await prisma.enrolment.findUniqueOrThrow({
    where: { userId_courseId: { userId: learner.id, courseId: course.id } },
    include: { completion: true },
  });
  expect(enrolment.status).toBe("COMPLETED");
  expect(enrolment.completedAt).not.toBeNull();
  expect(enrolment.completion).toMatchObject({ revision: 1 });
  expect(await prisma.courseCompletion.count({ where: { enrolmentId: enrolment.id } })).toBe(1);
  // Optional modules can still be marked afterwards; nothing completes twice.
  expect(await completeModule({ userId: learner.id, courseSlug: course.slug, moduleSlug: "extra" })).toEqual({
    status: "completed",
    courseCompleted: false,
  });
});

test("sequential release opens a module when the required ones before it are complete", async () => {
  const course = await makeCourse({ sequential: true });
  const learner = await makeUser();
  await enrol({ user: learner, courseSlug: course.slug });
  expect(await completeModule({ userId: learner.id, courseSlug: course.slug, moduleSlug: "two" })).toEqual({
    status: "locked",
  });
  expect(
    (await getModuleForReading({ slug: course.slug, moduleSlug: "two", locale: "en", viewer: learner })).access,
  ).toBe("locked");
  await completeModule({ userId: learner.id, courseSlug: course.slug, moduleSlug: "one" });
  expect(
    (await getModuleForReading({ slug: course.slug, moduleSlug: "two", locale: "en", viewer: learner })).access,
  ).toBe("allowed");
});

test("learners who are not enrolled cannot record progress or read closed modules", async () => {
  const course = await makeCourse();
  const learner = await makeUser();
  expect(await completeModule({ userId: learner.id, courseSlug: course.slug, moduleSlug: "one" })).toEqual({
    status: "not-enrolled",
  });
  expect(
    (await getModuleForReading({ slug: course.slug, moduleSlug: "one", locale: "en", viewer: learner })).access,
  ).toBe("enrolment-required");
  await enrol({ user: learner, courseSlug: course.slug });
  expect(
    (await getModuleForReading({ slug: course.slug, moduleSlug: "one", locale: "en", viewer: learner })).content?.html,
  ).toContain("Body of one.");
});

test("progress survives a new revision that reorders modules and adds one", async () => {
  const course = await makeCourse();
  const learner = await makeUser();
  await enrol({ user: learner, courseSlug: course.slug });
  await recordModulePassed({ userId: learner.id, courseSlug: course.slug, moduleSlug: "two" });
  const reordered = courseDocument(course.slug, {
    modules: [{ slug: "three" }, { slug: "two" }, { slug: "one" }, { slug: "four" }],
  });
  expect((await publishCourseDocument({ doc: reordered, origin: "import" })).status).toBe("published");
  const [dash] = await learnerDashboard({ userId: learner.id, locale: "en" });
  expect(dash).toMatchObject({ requiredDone: 1, requiredTotal: 4, next: { slug: "three" } });
  const row = await prisma.moduleProgress.findFirstOrThrow({
    where: { enrolment: { userId: learner.id } },
    include: { module: true },
  });
  expect(row).toMatchObject({ via: "assessment", module: { slug: "two" } });
});

test("the trainer's grid and its CSV show each learner per module, safely for spreadsheets", async () => {
  const course = await makeCourse();
  const a = await makeUser("LEARNER", '=HYPERLINK("http://evil")');
  const b = await makeUser("LEARNER", "Nguyễn Văn An");
  for (const u of [a, b]) await enrol({ user: u, courseSlug: course.slug });
  await completeModule({ userId: b.id, courseSlug: course.slug, moduleSlug: "one" });
  const grid = await progressGrid({ courseId: course.id, locale: "en" });
  const rowB = grid.rows.find((r) => r.name === "Nguyễn Văn An")!;
  expect(rowB.cells.map(Boolean)).toEqual([true, false, false]);
  expect(rowB.percent).toBe(33);
  const csv = progressCsv(grid);
  expect(
    csv.startsWith("\uFEFFname,email,agency,country,cohort,status,percent,completed_at,01.one,02.two,03.three"),
  ).toBe(true);
  expect(csv).toContain("Nguyễn Văn An");
  expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
});

test("reading a module (a GET) writes nothing; completing one (a POST) remembers where to resume", async () => {
  const course = await makeCourse({ modules: [{ slug: "one" }, { slug: "two" }, { slug: "three" }] });
  const learner = await makeUser();
  await enrol({ user: learner, courseSlug: course.slug });
  const where = { userId_courseId: { userId: learner.id, courseId: course.id } };
  // xmin changes with every write to the row, whatever the column.
  const version = async () =>
    (
      await prisma.$queryRaw<{ xmin: string }[]>`
        SELECT xmin::text FROM "Enrolment" WHERE "userId" = ${learner.id} AND "courseId" = ${course.id}`
    )[0]!.xmin;
  const before = await version();
  for (const moduleSlug of ["one", "two", "three"]) {
    const page = await getModuleForReading({ slug: course.slug, moduleSlug, locale: "en", viewer: learner });
    expect(page.access).toBe("allowed");
  }
  expect(await version()).toBe(before);
  expect(await prisma.enrolment.findUniqueOrThrow({ where })).toMatchObject({
    lastModuleSlug: null,
    lastVisitedAt: null,
  });

  // Completing "one" and following "next" to "three" (non-sequential reading): resume there.
  await completeModule({ userId: learner.id, courseSlug: course.slug, moduleSlug: "one", resumeAt: "three" });
  expect(await prisma.enrolment.findUniqueOrThrow({ where })).toMatchObject({ lastModuleSlug: "three" });
  const [dash] = await learnerDashboard({ userId: learner.id, locale: "en" });
  expect(dash).toMatchObject({ next: { slug: "two" }, resume: { slug: "three" } });
  // An unknown "next" falls back to the completed module.
  await completeModule({ userId: learner.id, courseSlug: course.slug, moduleSlug: "two", resumeAt: "no-such" });
  expect(await prisma.enrolment.findUniqueOrThrow({ where })).toMatchObject({ lastModuleSlug: "two" });
});
