/**
 * The one answer to "may this user manage this course?" (edit it, run its enrolments,
 * cohorts, grading and reports): administrators manage every course; trainers the ones
 * they created or are assigned to as maintainers; learners none.
 */
import type { Prisma } from "~/generated/prisma/client";
import type { Role } from "~/generated/prisma/enums";
import { prisma } from "~/utils/db.server";

export type CourseManager = { id: string; role: Role };

/** The courses this user manages, as a filter (null: none at all). */
export function managedCoursesWhere(user: CourseManager): Prisma.CourseWhereInput | null {
  if (user.role === "ADMIN") return {};
  if (user.role === "TRAINER")
    return { OR: [{ createdById: user.id }, { maintainers: { some: { userId: user.id } } }] };
  return null;
}

export async function canManageCourse({ courseId, user }: { courseId: string; user: CourseManager }) {
  const where = managedCoursesWhere(user);
  if (!where) return false;
  if (user.role === "ADMIN") return true;
  return (await prisma.course.count({ where: { id: courseId, ...where } })) > 0;
}

/** Throws 403 unless the user manages the course. */
export async function requireCourseManager({ courseId, user }: { courseId: string; user: CourseManager }) {
  if (!(await canManageCourse({ courseId, user }))) throw new Response("Forbidden", { status: 403 });
}
