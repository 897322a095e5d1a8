/**
 * Everything about sessions lives here; lucia is imported nowhere else.
 * Guards throw Responses: a redirect to /login when nobody is signed in, 403 when
 * the signed-in person lacks the role.
 */
import { createHash } from "node:crypto";
import { PrismaAdapter } from "@lucia-auth/adapter-prisma";
import { redirect } from "@remix-run/node";
import { Lucia, TimeSpan, type Adapter, type Session } from "lucia";
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

/**
 * Session limits per role (docs/decisions/020-sessions-and-audit.md): a session ends after
 * `idleMinutes` without a request, and `absoluteHours` after sign-in whatever happens.
 */
export type SessionLimits = { idleMinutes: number; absoluteHours: number };

export function sessionLimits(role: Role): SessionLimits {
  const e = env();
  if (role === "ADMIN")
    return { idleMinutes: e.SESSION_IDLE_MINUTES_ADMIN, absoluteHours: e.SESSION_ABSOLUTE_HOURS_ADMIN };
  if (role === "TRAINER")
    return { idleMinutes: e.SESSION_IDLE_MINUTES_TRAINER, absoluteHours: e.SESSION_ABSOLUTE_HOURS_TRAINER };
  return { idleMinutes: e.SESSION_IDLE_MINUTES_LEARNER, absoluteHours: e.SESSION_ABSOLUTE_HOURS_LEARNER };
}

/** lastSeenAt is written at most this often (a conditional UPDATE, so concurrent requests write once). */
export const LAST_SEEN_EVERY_MS = 60_000;

export type SessionVerdict = "valid" | "idle" | "expired" | "suspended";

/** The rules, pure: what a stored session is worth at `now` for a person of `role`. */
export function judgeSession({
  createdAt,
  lastSeenAt,
  role,
  suspended,
  now,
}: {
  createdAt: Date;
  lastSeenAt: Date;
  role: Role;
  suspended: boolean;
  now: Date;
}): SessionVerdict {
  if (suspended) return "suspended";
  const limits = sessionLimits(role);
  if (now.getTime() - createdAt.getTime() >= limits.absoluteHours * 3_600_000) return "expired";
  if (now.getTime() - lastSeenAt.getTime() >= limits.idleMinutes * 60_000) return "idle";
  return "valid";
}

function longestSessionHours() {
  const e = env();
  return Math.max(e.SESSION_ABSOLUTE_HOURS_LEARNER, e.SESSION_ABSOLUTE_HOURS_TRAINER, e.SESSION_ABSOLUTE_HOURS_ADMIN);
}

function createLucia(appUrl: string) {
  const adapter = hashedSessionAdapter(new PrismaAdapter(prisma.session, prisma.user));
  return new Lucia(adapter, {
    // The cookie's own lifetime (the longest a session can live); the server-side limits are
    // the role's, checked in validateSessionId, which never lets lucia extend a session.
    sessionExpiresIn: new TimeSpan(longestSessionHours(), "h"),
    sessionCookie: sessionCookieOptions(appUrl),
    getSessionAttributes: (attributes) => ({
      createdAt: attributes.createdAt,
      lastSeenAt: attributes.lastSeenAt,
      userAgent: attributes.userAgent,
      ip: attributes.ip,
    }),
    getUserAttributes: (attributes) => ({
      email: attributes.email,
      name: attributes.name,
      role: attributes.role,
      locale: attributes.locale,
      suspendedAt: attributes.suspendedAt,
    }),
  });
}

const lucia = singleton("lucia", () => createLucia(env().APP_URL));
const sessionAdapter = singleton("lucia-adapter", () =>
  hashedSessionAdapter(new PrismaAdapter(prisma.session, prisma.user)),
);

/** The Set-Cookie value lucia writes for `sessionId` under `appUrl` (for tests of the cookie's shape). */
export function sessionCookieFor(appUrl: string, sessionId: string) {
  return createLucia(appUrl).createSessionCookie(sessionId).serialize();
}

declare module "lucia" {
  interface Register {
    Lucia: typeof lucia;
    DatabaseUserAttributes: { email: string; name: string; role: Role; locale: string; suspendedAt: Date | null };
    DatabaseSessionAttributes: { createdAt: Date; lastSeenAt: Date; userAgent: string | null; ip: string | null };
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
  const { session, user } = await validateSessionId(sessionId);
  if (!session) headers.append("Set-Cookie", lucia.createBlankSessionCookie().serialize());
  return { session, user, headers };
}

/**
 * Checks a session id against the stored row and the role's limits (and suspension) at `now`;
 * a session past them is deleted. lastSeenAt moves at most once a minute, so a page view is
 * a read, not a write.
 */
export async function validateSessionId(
  sessionId: string,
  now = new Date(),
): Promise<{ session: Session | null; user: SessionUser | null }> {
  const [stored, dbUser] = await sessionAdapter.getSessionAndUser(sessionId);
  if (!stored || !dbUser) return { session: null, user: null };
  const attributes = stored.attributes;
  const verdict =
    stored.expiresAt.getTime() <= now.getTime()
      ? "expired"
      : judgeSession({
          createdAt: new Date(attributes.createdAt),
          lastSeenAt: new Date(attributes.lastSeenAt),
          role: dbUser.attributes.role,
          suspended: dbUser.attributes.suspendedAt !== null,
          now,
        });
  if (verdict !== "valid") {
    await lucia.invalidateSession(sessionId);
    return { session: null, user: null };
  }
  if (now.getTime() - new Date(attributes.lastSeenAt).getTime() >= LAST_SEEN_EVERY_MS) {
    await prisma.session.updateMany({
      where: { id: hashSessionId(sessionId), lastSeenAt: { lte: new Date(now.getTime() - LAST_SEEN_EVERY_MS) } },
      data: { lastSeenAt: now },
    });
  }
  const { email, name, role, locale } = dbUser.attributes;
  const session: Session = {
    id: sessionId,
    userId: stored.userId,
    expiresAt: stored.expiresAt,
    fresh: false,
    createdAt: new Date(attributes.createdAt),
    lastSeenAt: new Date(attributes.lastSeenAt),
    userAgent: attributes.userAgent,
    ip: attributes.ip,
  };
  return { session, user: { id: dbUser.id, email, name, role, locale } };
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

/** What a session records about the browser that opened it (shown on /account/sessions). */
export type SessionClient = { userAgent?: string | null; ip?: string | null };

/**
 * Starts a session and returns its Set-Cookie header value. The row's expiresAt is the role's
 * absolute end; `now` is for tests.
 */
export async function startSession(userId: string, client: SessionClient = {}, now = new Date()) {
  const { role } = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { role: true } });
  const session = await lucia.createSession(userId, {
    createdAt: now,
    lastSeenAt: now,
    userAgent: client.userAgent?.slice(0, 512) || null,
    ip: client.ip?.slice(0, 64) || null,
  });
  await prisma.session.update({
    where: { id: hashSessionId(session.id) },
    data: { expiresAt: new Date(now.getTime() + sessionLimits(role).absoluteHours * 3_600_000) },
  });
  return lucia.createSessionCookie(session.id).serialize();
}

/** The stored (hashed) id of the request's session: how /account/sessions knows "this device". */
export async function currentSessionKey(request: Request) {
  const { session } = await getAuth(request);
  return session ? hashSessionId(session.id) : null;
}

/** Ends the current session (if any) and returns the clearing Set-Cookie header value. */
export async function endSession(request: Request) {
  const { session } = await getAuth(request);
  if (session) await lucia.invalidateSession(session.id);
  return lucia.createBlankSessionCookie().serialize();
}

/**
 * Ends every session of a person (suspension). A role change needs no call: every request
 * reads the role from the User row, and the role's session limits, afresh.
 */
export async function endAllSessions(userId: string) {
  await lucia.invalidateUserSessions(userId);
}

/**
 * After a password change: every session of the person ends except `currentSessionId` (the
 * browser that made the change stays signed in). Sessions are stored hashed, so the current
 * one is matched by its hash. Returns how many sessions ended.
 */
export async function endOtherSessions(userId: string, currentSessionId: string) {
  const { count } = await prisma.session.deleteMany({
    where: { userId, NOT: { id: hashSessionId(currentSessionId) } },
  });
  return count;
}

/** The signed-in person and the id of this request's session (for actions that keep it). */
export async function requireUserSession(request: Request): Promise<{ user: SessionUser; sessionId: string }> {
  const { user, session } = await getAuth(request);
  if (!user || !session) throw loginRedirect(request);
  return { user, sessionId: session.id };
}

/** Only same-site paths, fully normalised; anything else goes home (see safe-redirect.ts). */
export { safeRedirect } from "./safe-redirect";
