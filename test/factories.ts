/** Test data built through the real model functions (never raw inserts where a rule applies). */
import type { CourseDocument } from "../app/content/course-document";
import { publishCourseDocument } from "../app/models/courses.server";
import { registerUser } from "../app/models/users.server";
import { prisma } from "../app/utils/db.server";

export const uid = () => Math.random().toString(36).slice(2, 10);

export async function makeUser(role: "LEARNER" | "TRAINER" | "ADMIN" = "LEARNER", name?: string) {
  const r = await registerUser(
    {
      name: name ?? `${role} ${uid()}`,
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

export function courseDocument(
  slug: string,
  options: {
    enrolment?: CourseDocument["meta"]["enrolment"];
    sequential?: boolean;
    audience?: "all" | "vetted";
    modules?: { slug: string; required?: boolean; preview?: boolean }[];
  } = {},
): CourseDocument {
  const modules = options.modules ?? [{ slug: "one" }, { slug: "two" }, { slug: "three" }];
  return {
    slug,
    sourceLocale: "en",
    meta: {
      level: "introductory",
      topics: [],
      hours: 1,
      passMark: 70,
      enrolment: options.enrolment ?? "open",
      certificate: "automatic",
      prerequisites: [],
      sequential: options.sequential ?? false,
      audience: options.audience ?? "all",
    },
    texts: { en: { title: `Course ${slug}`, summary: "For tests.", body: "" } },
    modules: modules.map((m) => ({
      slug: m.slug,
      minutes: 5,
      required: m.required ?? true,
      preview: m.preview ?? false,
      texts: { en: { title: `Module ${m.slug}`, body: `Body of ${m.slug}.` } },
    })),
    files: [],
    media: [],
  };
}

export async function makeCourse(options: Parameters<typeof courseDocument>[1] & { maintainerId?: string } = {}) {
  const slug = `c-${uid()}`;
  const result = await publishCourseDocument({ doc: courseDocument(slug, options), origin: "import" });
  if (result.status !== "published") throw new Error(JSON.stringify(result));
  if (options.maintainerId)
    await prisma.courseMaintainer.create({ data: { courseId: result.courseId, userId: options.maintainerId } });
  return { slug, id: result.courseId };
}
