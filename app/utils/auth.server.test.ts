import { expect, test } from "vitest";
import { registerUser } from "~/models/users.server";
import { endSession, getUser, requireRole, requireUser, safeRedirect, startSession } from "./auth.server";

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
  expect((await requireRole(admin.request, "ADMIN")).id).toBe(admin.user.id);
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
