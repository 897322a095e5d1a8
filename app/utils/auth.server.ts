/**
 * Everything about sessions lives here; lucia is imported nowhere else.
 * Guards throw Responses: a redirect to /login when nobody is signed in, 403 when
 * the signed-in person lacks the role.
 */
import { createHash } from "node:crypto";
import { PrismaAdapter } from "@lucia-auth/adapter-prisma";
import { redirect } from "@remix-run/node";
import { Lucia, type Adapter, type Session } from "lucia";
import type { Role } from "~/generated/prisma/enums";
import { prisma } from "./db.server";
import { appCookie } from "./cookie-names.server";
import { env } from "./env.server";
import { singleton } from "./singleton.server";

export type SessionUser = {
  id: string;
  email: string;
  name: string;
  role: Role;
  locale: string;
};

/**
 * The database stores sha256(session id), never the id itself (lucia v3's guidance): someone
 * who reads the Session table cannot use what they read as a cookie. Every id lucia passes in
 * is the cookie's and is hashed here; the session read back carries the caller's id again so
 * lucia's refreshed cookies keep the real one.
 */
export function hashSessionId(sessionId: string) {
  return createHash("sha256").update(sessionId, "utf8").digest("hex");
}

export function hashedSessionAdapter(adapter: Adapter): Adapter {
  return {
    async getSessionAndUser(sessionId) {
      const [session, user] = await adapter.getSessionAndUser(hashSessionId(sessionId));
      return [session ? { ...session, id: sessionId } : null, user];
    },
    getUserSessions: (userId) => adapter.getUserSessions(userId),
    setSession: (session) => adapter.setSession({ ...session, id: hashSessionId(session.id) }),
    updateSessionExpiration: (sessionId, expiresAt) =>
      adapter.updateSessionExpiration(hashSessionId(sessionId), expiresAt),
    deleteSession: (sessionId) => adapter.deleteSession(hashSessionId(sessionId)),
    deleteUserSessions: (userId) => adapter.deleteUserSessions(userId),
    deleteExpiredSessions: () => adapter.deleteExpiredSessions(),
  };
}

/** `__Host-haidang_session` over HTTPS (Secure, Path=/, no Domain), `haidang_session` on local http. */
export function sessionCookieOptions(appUrl: string) {
  const { name, secure, path } = appCookie("haidang_session", appUrl);
  return { name, attributes: { secure, sameSite: "lax" as const, path } };
}

function createLucia(appUrl: string) {
  const adapter = hashedSessionAdapter(new PrismaAdapter(prisma.session, prisma.user));
  return new Lucia(adapter, {
    sessionExpiresIn: undefined,
    sessionCookie: sessionCookieOptions(appUrl),
    getUserAttributes: (attributes) => ({
      email: attributes.email,
      name: attributes.name,
      role: attributes.role,
      locale: attributes.locale,
    }),
  });
}

const lucia = singleton("lucia", () => createLucia(env().APP_URL));

/** The Set-Cookie value lucia writes for `sessionId` under `appUrl` (for tests of the cookie's shape). */
export function sessionCookieFor(appUrl: string, sessionId: string) {
  return createLucia(appUrl).createSessionCookie(sessionId).serialize();
}

declare module "lucia" {
  interface Register {
    Lucia: typeof lucia;
    DatabaseUserAttributes: { email: string; name: string; role: Role; locale: string };
  }
}

export type AuthResult = {
  user: SessionUser | null;
  session: Session | null;
  /** Set-Cookie headers to send back (session refreshed or cleared). */
  headers: Headers;
};

/** Reads the session cookie once per request (memoised on the Request object). */
const cache = new WeakMap<Request, Promise<AuthResult>>();

export function getAuth(request: Request): Promise<AuthResult> {
  let pending = cache.get(request);
  if (!pending) {
    pending = readSession(request);
    cache.set(request, pending);
  }
  return pending;
}

async function readSession(request: Request): Promise<AuthResult> {
  const headers = new Headers();
  let sessionId: string | null = null;
  try {
    sessionId = lucia.readSessionCookie(request.headers.get("Cookie") ?? "");
  } catch {
    // A malformed Cookie header (bad percent-encoding in any cookie) reads as signed out.
  }
  if (!sessionId) return { user: null, session: null, headers };
  const { session, user } = await lucia.validateSession(sessionId);
  if (session?.fresh) headers.append("Set-Cookie", lucia.createSessionCookie(session.id).serialize());
  if (!session) headers.append("Set-Cookie", lucia.createBlankSessionCookie().serialize());
  return { session, user: user ? { ...user } : null, headers };
}

export async function getUser(request: Request) {
  return (await getAuth(request)).user;
}

function loginRedirect(request: Request) {
  const url = new URL(request.url);
  const redirectTo = `${url.pathname}${url.search}`;
  return redirect(`/login?${new URLSearchParams({ redirectTo })}`);
}

export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getUser(request);
  if (!user) throw loginRedirect(request);
  return user;
}

/** Where an administrator without two-factor sign-in is sent before any page their role opens. */
export const TWO_FACTOR_SETUP_PATH = "/account/security";

/**
 * 302 to /login when signed out; 403 when signed in without one of `roles`. An administrator
 * (whatever `roles` allows: routes shared with trainers too) must have two-factor sign-in on,
 * else goes to set it up first (docs/decisions/019-two-factor.md).
 */
export async function requireRole(request: Request, ...roles: Role[]): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!roles.includes(user.role)) throw new Response("Forbidden", { status: 403 });
  if (user.role === "ADMIN" && !(await hasTwoFactor(user.id))) {
    const url = new URL(request.url);
    const redirectTo = `${url.pathname}${url.search}`;
    throw redirect(`${TWO_FACTOR_SETUP_PATH}?${new URLSearchParams({ redirectTo })}`);
  }
  return user;
}

async function hasTwoFactor(userId: string) {
  const row = await prisma.twoFactor.findUnique({ where: { userId }, select: { enabledAt: true } });
  return Boolean(row?.enabledAt);
}

export async function requireAnonymous(request: Request) {
  if (await getUser(request)) throw redirect("/");
}

/** Starts a session and returns its Set-Cookie header value. */
export async function startSession(userId: string) {
  const session = await lucia.createSession(userId, {});
  return lucia.createSessionCookie(session.id).serialize();
}

/** Ends the current session (if any) and returns the clearing Set-Cookie header value. */
export async function endSession(request: Request) {
  const { session } = await getAuth(request);
  if (session) await lucia.invalidateSession(session.id);
  return lucia.createBlankSessionCookie().serialize();
}

/** After a role change, the person's other sessions pick it up on their next request. */
export async function endAllSessions(userId: string) {
  await lucia.invalidateUserSessions(userId);
}

/** Only same-site paths, fully normalised; anything else goes home (see safe-redirect.ts). */
export { safeRedirect } from "./safe-redirect";
