import { expect, test } from "vitest";
import { readFileSync } from "node:fs";
import { registerUser } from "~/models/users.server";
import {
  endAllSessions,
  endSession,
  getUser,
  hashSessionId,
  requireRole,
  requireUser,
  safeRedirect,
  sessionCookieFor,
  startSession,
} from "./auth.server";
import { prisma } from "./db.server";

async function signedInRequest(role: "LEARNER" | "TRAINER" | "ADMIN") {
  const result = await registerUser(
    {
      name: `${role} Test`,
      email: `${crypto.randomUUID()}@example.org`,
      password: "correct horse battery staple",
      locale: "en",
      role,
    },
    { welcomeEmail: false },
  );
  if (result.status !== "created") throw new Error(result.status);
  const cookie = (await startSession(result.user.id)).split(";")[0]!;
  return {
    request: new Request("http://localhost/admin/users?page=2", { headers: { Cookie: cookie } }),
    user: result.user,
  };
}

async function thrown(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error as Response;
  }
  throw new Error("expected a thrown Response");
}

test("signed-out visitors are sent to the login page, remembering where they were going", async () => {
  const response = await thrown(requireUser(new Request("http://localhost/admin/users?page=2")));
  expect(response.status).toBe(302);
  expect(response.headers.get("Location")).toBe("/login?redirectTo=%2Fadmin%2Fusers%3Fpage%3D2");
});

test("roles are enforced on the server: 403 for the wrong role", async () => {
  const learner = await signedInRequest("LEARNER");
  expect((await thrown(requireRole(learner.request, "ADMIN"))).status).toBe(403);
  const trainer = await signedInRequest("TRAINER");
  expect((await thrown(requireRole(trainer.request, "ADMIN"))).status).toBe(403);
  const admin = await signedInRequest("ADMIN");
  await prisma.twoFactor.create({ data: { userId: admin.user.id, secretCipher: "v1.x.y.z", enabledAt: new Date() } });
  expect((await requireRole(admin.request, "ADMIN")).id).toBe(admin.user.id);
});

test("an administrator without two-factor sign-in is sent to set it up, even on routes shared with trainers", async () => {
  const admin = await signedInRequest("ADMIN");
  for (const roles of [["ADMIN"], ["TRAINER", "ADMIN"]] as const) {
    const response = await thrown(requireRole(admin.request, ...roles));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/account/security?redirectTo=%2Fadmin%2Fusers%3Fpage%3D2");
  }
  // Everyone else is not required to (they may still turn it on).
  const trainer = await signedInRequest("TRAINER");
  expect((await requireRole(trainer.request, "TRAINER", "ADMIN")).id).toBe(trainer.user.id);
  // Half set up (the confirming code not entered yet) is not on.
  await prisma.twoFactor.create({ data: { userId: admin.user.id, secretCipher: "v1.x.y.z" } });
  expect((await thrown(requireRole(admin.request, "ADMIN"))).status).toBe(302);
});

test("the session cookie is HttpOnly and SameSite=Lax, and logging out ends the session", async () => {
  const { request, user } = await signedInRequest("LEARNER");
  const cookie = await startSession(user.id);
  expect(cookie).toMatch(/HttpOnly/);
  expect(cookie).toMatch(/SameSite=Lax/);
  expect(cookie).not.toMatch(/Secure/); // APP_URL is http://localhost in tests: local development
  expect((await getUser(request))?.id).toBe(user.id);
  await endSession(request);
  const again = new Request(request.url, { headers: request.headers });
  expect(await getUser(again)).toBeNull();
});

test("redirects after login stay on this site", () => {
  expect(safeRedirect("/courses?x=1")).toBe("/courses?x=1");
  expect(safeRedirect("//evil.example")).toBe("/");
  expect(safeRedirect("https://evil.example")).toBe("/");
  expect(safeRedirect("/\\evil.example")).toBe("/");
  expect(safeRedirect(null)).toBe("/");
});

const cookieValue = (setCookie: string) => setCookie.split(";")[0]!.split("=")[1]!;

test("the database keeps only the SHA-256 of a session id, and the cookie still signs in and out", async () => {
  const { user } = await signedInRequest("LEARNER");
  const cookie = await startSession(user.id);
  const id = cookieValue(cookie);
  const rows = await prisma.session.findMany({ where: { userId: user.id }, select: { id: true } });
  expect(rows.map((r) => r.id)).not.toContain(id);
  expect(rows.map((r) => r.id)).toContain(hashSessionId(id));
  expect(hashSessionId(id)).toMatch(/^[0-9a-f]{64}$/);
  const request = new Request("http://localhost/", { headers: { Cookie: cookie.split(";")[0]! } });
  expect((await getUser(request))?.id).toBe(user.id);
  // Someone holding the stored value cannot use it as a cookie.
  const stolen = new Request("http://localhost/", { headers: { Cookie: `haidang_session=${hashSessionId(id)}` } });
  expect(await getUser(stolen)).toBeNull();
  await endSession(request);
  expect(await prisma.session.findUnique({ where: { id: hashSessionId(id) } })).toBeNull();
});

test("ending all sessions signs every browser of that person out", async () => {
  const { request, user } = await signedInRequest("TRAINER");
  const second = new Request("http://localhost/", {
    headers: { Cookie: (await startSession(user.id)).split(";")[0]! },
  });
  expect((await getUser(second))?.id).toBe(user.id);
  await endAllSessions(user.id);
  expect(await getUser(new Request(request.url, { headers: request.headers }))).toBeNull();
  expect(await getUser(new Request(second.url, { headers: second.headers }))).toBeNull();
  expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
});

test("sessions stored before ids were hashed survive the migration", async () => {
  const { user } = await signedInRequest("LEARNER");
  const legacyId = "legacysessionid0123456789abcdefghijklmn";
  await prisma.session.create({
    data: { id: legacyId, userId: user.id, expiresAt: new Date(Date.now() + 86_400_000) },
  });
  const sql = readFileSync("prisma/migrations/20261204193500_hash_session_ids/migration.sql", "utf8")
    .split("\n")
    .filter((line) => !line.startsWith("--"))
    .join(" ")
    .replace(/;\s*$/, "");
  await prisma.$executeRawUnsafe(`${sql} WHERE "id" = $1`, legacyId);
  expect(await prisma.session.findUnique({ where: { id: hashSessionId(legacyId) } })).not.toBeNull();
  const request = new Request("http://localhost/", { headers: { Cookie: `haidang_session=${legacyId}` } });
  expect((await getUser(request))?.id).toBe(user.id);
});

test("over HTTPS the session cookie is __Host-haidang_session: Secure, Path=/, no Domain", () => {
  const cookie = sessionCookieFor("https://training.example.org", "abc123");
  expect(cookie.startsWith("__Host-haidang_session=abc123;")).toBe(true);
  expect(cookie).toMatch(/; Secure/);
  expect(cookie).toMatch(/; Path=\/(;|$)/);
  expect(cookie).not.toMatch(/Domain=/i);
  expect(cookie).toMatch(/HttpOnly/);
  const local = sessionCookieFor("http://localhost:3000", "abc123");
  expect(local.startsWith("haidang_session=abc123;")).toBe(true);
  expect(local).not.toMatch(/Secure/);
});
