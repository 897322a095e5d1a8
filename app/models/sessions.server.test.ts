import { expect, test } from "vitest";
import { makeUser } from "../../test/factories";
import { getUser, hashSessionId, startSession, validateSessionId } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { authenticate, changeUserRole, reactivateUser, suspendUser } from "./users.server";
import { describeUserAgent, endOtherSessions, endOwnSession, listSessions } from "./sessions.server";

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** A session started at `at`; returns the cookie's id and the stored key. */
async function sessionAt(userId: string, at = new Date(), client = {}) {
  const cookie = await startSession(userId, client, at);
  const id = cookie.split(";")[0]!.split("=")[1]!;
  return { id, key: hashSessionId(id), cookie: cookie.split(";")[0]! };
}

const requestWith = (cookie: string) => new Request("http://localhost/dashboard", { headers: { Cookie: cookie } });

test("a session records when, from where and which browser, and its absolute end is the role's", async () => {
  const admin = await makeUser("ADMIN");
  const at = new Date();
  const { key } = await sessionAt(admin.id, at, {
    userAgent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0",
    ip: "203.0.113.9",
  });
  const row = await prisma.session.findUniqueOrThrow({ where: { id: key } });
  expect(row).toMatchObject({ userAgent: expect.stringContaining("Firefox"), ip: "203.0.113.9" });
  expect(row.createdAt.getTime()).toBe(at.getTime());
  expect(row.expiresAt.getTime()).toBe(at.getTime() + 12 * HOUR);
});

test("idle timeout per role: an administrator idle 30 minutes is signed out, a learner idle 6 days is not", async () => {
  const admin = await makeUser("ADMIN");
  const learner = await makeUser();
  const start = new Date();
  const a = await sessionAt(admin.id, start);
  const l = await sessionAt(learner.id, start);
  expect((await validateSessionId(a.id, new Date(start.getTime() + 29 * MIN))).user?.id).toBe(admin.id);
  // lastSeenAt moved at +29 min; idle is counted from it
  expect((await validateSessionId(a.id, new Date(start.getTime() + 58 * MIN))).user?.id).toBe(admin.id);
  expect((await validateSessionId(a.id, new Date(start.getTime() + 89 * MIN))).user).toBeNull();
  expect(await prisma.session.count({ where: { id: a.key } })).toBe(0);

  expect((await validateSessionId(l.id, new Date(start.getTime() + 6 * DAY))).user?.id).toBe(learner.id);
  expect((await validateSessionId(l.id, new Date(start.getTime() + 13 * DAY + HOUR))).user).toBeNull();
});

test("absolute lifetime per role: activity does not keep a session past it", async () => {
  const admin = await makeUser("ADMIN");
  const trainer = await makeUser("TRAINER");
  const learner = await makeUser();
  const start = new Date(Date.now() - 40 * DAY);
  const a = await sessionAt(admin.id, start);
  const t = await sessionAt(trainer.id, start);
  const l = await sessionAt(learner.id, start);
  // Simulate steady activity: last seen a minute ago for all three.
  await prisma.session.updateMany({
    where: { id: { in: [a.key, t.key, l.key] } },
    data: { lastSeenAt: new Date(Date.now() - MIN), expiresAt: new Date(Date.now() + DAY) },
  });
  for (const s of [a, t, l]) expect((await validateSessionId(s.id)).user).toBeNull();

  const fresh = new Date(Date.now() - 11 * HOUR);
  const ok = await sessionAt(admin.id, fresh);
  await prisma.session.update({ where: { id: ok.key }, data: { lastSeenAt: new Date() } });
  expect((await validateSessionId(ok.id)).user?.id).toBe(admin.id);
  const tr = await sessionAt(trainer.id, new Date(Date.now() - 6 * DAY));
  await prisma.session.update({ where: { id: tr.key }, data: { lastSeenAt: new Date() } });
  expect((await validateSessionId(tr.id)).user?.id).toBe(trainer.id);
});

test("lastSeenAt is written at most once a minute", async () => {
  const learner = await makeUser();
  const start = new Date();
  const s = await sessionAt(learner.id, start);
  const seen = async () => (await prisma.session.findUniqueOrThrow({ where: { id: s.key } })).lastSeenAt.getTime();
  await validateSessionId(s.id, new Date(start.getTime() + 10_000));
  await validateSessionId(s.id, new Date(start.getTime() + 59_000));
  expect(await seen()).toBe(start.getTime());
  await validateSessionId(s.id, new Date(start.getTime() + 61_000));
  expect(await seen()).toBe(start.getTime() + 61_000);
  await validateSessionId(s.id, new Date(start.getTime() + 90_000));
  expect(await seen()).toBe(start.getTime() + 61_000);
});

test("ending one session never touches another person's", async () => {
  const alice = await makeUser();
  const bob = await makeUser();
  const a1 = await sessionAt(alice.id);
  const a2 = await sessionAt(alice.id);
  const b1 = await sessionAt(bob.id);
  expect(await endOwnSession({ userId: alice.id, sessionKey: b1.key })).toEqual({ status: "not-found" });
  expect(await prisma.session.count({ where: { id: b1.key } })).toBe(1);
  expect(await endOwnSession({ userId: alice.id, sessionKey: a2.key })).toEqual({ status: "ended" });
  expect(await prisma.session.count({ where: { userId: alice.id } })).toBe(1);

  const a3 = await sessionAt(alice.id);
  expect(await endOtherSessions({ userId: alice.id, currentKey: a1.key })).toMatchObject({ count: 1 });
  expect(await prisma.session.findMany({ where: { userId: alice.id }, select: { id: true } })).toEqual([
    { id: a1.key },
  ]);
  expect(await prisma.session.count({ where: { id: { in: [b1.key, a3.key] } } })).toBe(1);
  const actions = await prisma.auditEvent.findMany({ where: { actorId: alice.id }, select: { action: true } });
  expect(actions.map((a) => a.action).sort()).toEqual(["auth.other-sessions-ended", "auth.session-ended"]);

  const listed = await listSessions({ userId: alice.id, currentKey: a1.key });
  expect(listed).toHaveLength(1);
  expect(listed[0]!.current).toBe(true);
});

test("suspension ends every session and refuses sign-in, but only after the right password", async () => {
  const admin = await makeUser("ADMIN");
  const officer = await makeUser();
  const email = (await prisma.user.findUniqueOrThrow({ where: { id: officer.id } })).email;
  const s = await sessionAt(officer.id);
  expect(await suspendUser({ actorId: admin.id, userId: officer.id, reason: "left the service" })).toEqual({
    status: "suspended",
  });
  expect(await getUser(requestWith(s.cookie))).toBeNull();
  expect(await prisma.session.count({ where: { userId: officer.id } })).toBe(0);
  const ip = `198.51.100.${Math.floor(Math.random() * 200)}`;
  expect(await authenticate({ email, password: "wrong password entirely", ip })).toEqual({ status: "invalid" });
  expect(await authenticate({ email, password: "correct horse battery staple", ip })).toEqual({ status: "suspended" });

  // A session created behind the check's back is still refused while suspended.
  const sneaky = await sessionAt(officer.id);
  expect(await getUser(requestWith(sneaky.cookie))).toBeNull();

  expect(await reactivateUser({ actorId: admin.id, userId: officer.id })).toEqual({ status: "reactivated" });
  expect(await authenticate({ email, password: "correct horse battery staple", ip })).toMatchObject({ status: "ok" });
  const actions = await prisma.auditEvent.findMany({
    where: { targetId: officer.id, action: { startsWith: "user." } },
    select: { action: true },
    orderBy: { createdAt: "asc" },
  });
  expect(actions.map((a) => a.action)).toEqual(["user.suspended", "user.reactivated"]);
});

test("an administrator cannot suspend themself", async () => {
  const admin = await makeUser("ADMIN");
  expect(await suspendUser({ actorId: admin.id, userId: admin.id, reason: "testing" })).toEqual({ status: "self" });
});

test("a role change takes effect on the next request, with the new role's limits", async () => {
  const admin = await makeUser("ADMIN");
  const learner = await makeUser();
  const s = await sessionAt(learner.id, new Date(Date.now() - 2 * HOUR));
  await prisma.session.update({ where: { id: s.key }, data: { lastSeenAt: new Date(Date.now() - 45 * MIN) } });
  expect((await getUser(requestWith(s.cookie)))?.role).toBe("LEARNER");
  await prisma.session.update({ where: { id: s.key }, data: { lastSeenAt: new Date(Date.now() - 45 * MIN) } });
  await changeUserRole({ actorId: admin.id, userId: learner.id, role: "ADMIN" });
  // Idle 45 minutes is fine for a learner, too long for an administrator.
  expect(await getUser(requestWith(s.cookie))).toBeNull();

  const trainer = await makeUser("TRAINER");
  const t = await sessionAt(trainer.id);
  await changeUserRole({ actorId: admin.id, userId: trainer.id, role: "LEARNER" });
  expect((await getUser(requestWith(t.cookie)))?.role).toBe("LEARNER");
});

test("user agents read as browser and system", () => {
  expect(
    describeUserAgent(
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
    ),
  ).toEqual({ browser: "Edge", os: "Windows" });
  expect(
    describeUserAgent(
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
    ),
  ).toEqual({ browser: "Safari", os: "iOS" });
  expect(
    describeUserAgent(
      "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
    ),
  ).toEqual({ browser: "Chrome", os: "Android" });
  expect(
    describeUserAgent("Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:133.0) Gecko/20100101 Firefox/133.0"),
  ).toEqual({ browser: "Firefox", os: "macOS" });
  expect(describeUserAgent(null)).toBeNull();
  expect(describeUserAgent("something")).toBeNull();
});
