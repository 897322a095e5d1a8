/**
 * A person's signed-in devices (/account/sessions). Rows are keyed by the hashed session id
 * (auth.server.ts), which is what the page shows and posts back: it cannot be used as a cookie.
 * Every query is scoped by the person, so nobody can end someone else's session.
 */
import { prisma } from "~/utils/db.server";
import { recordAudit } from "./audit.server";

export async function listSessions({ userId, currentKey }: { userId: string; currentKey: string | null }) {
  const rows = await prisma.session.findMany({
    where: { userId, expiresAt: { gt: new Date() } },
    orderBy: [{ lastSeenAt: "desc" }, { id: "asc" }],
    select: { id: true, createdAt: true, lastSeenAt: true, userAgent: true, ip: true },
  });
  return rows.map((row) => ({ ...row, current: row.id === currentKey }));
}

/** Ends one of the person's own sessions; another person's id matches nothing. */
export async function endOwnSession({
  userId,
  sessionKey,
  ip,
}: {
  userId: string;
  sessionKey: string;
  ip?: string | null;
}) {
  const { count } = await prisma.session.deleteMany({ where: { id: sessionKey, userId } });
  if (count === 0) return { status: "not-found" } as const;
  await recordAudit({ actorId: userId, targetId: userId, action: "auth.session-ended", ip });
  return { status: "ended" } as const;
}

/** Ends every session of the person except the one making the request. */
export async function endOtherSessions({
  userId,
  currentKey,
  ip,
}: {
  userId: string;
  currentKey: string;
  ip?: string | null;
}) {
  const { count } = await prisma.session.deleteMany({ where: { userId, id: { not: currentKey } } });
  await recordAudit({ actorId: userId, targetId: userId, action: "auth.other-sessions-ended", detail: { count }, ip });
  return { status: "ended", count } as const;
}

/**
 * A readable summary of a User-Agent header ("Firefox on Windows"), without a package: the
 * browser and the system, checked in the order that keeps lookalikes apart (Edge and Opera
 * announce Chrome, Chrome announces Safari).
 */
export function describeUserAgent(userAgent: string | null | undefined): { browser: string; os: string } | null {
  if (!userAgent) return null;
  const ua = userAgent;
  const browser = /Edg(e|A|iOS)?\//.test(ua)
    ? "Edge"
    : /OPR\/|Opera/.test(ua)
      ? "Opera"
      : /SamsungBrowser\//.test(ua)
        ? "Samsung Internet"
        : /Firefox\/|FxiOS\//.test(ua)
          ? "Firefox"
          : /Chrome\/|CriOS\/|Chromium\//.test(ua)
            ? "Chrome"
            : /Safari\//.test(ua) && /Version\//.test(ua)
              ? "Safari"
              : /curl\//i.test(ua)
                ? "curl"
                : "";
  const os = /iPhone|iPad|iPod/.test(ua)
    ? "iOS"
    : /Android/.test(ua)
      ? "Android"
      : /Windows/.test(ua)
        ? "Windows"
        : /CrOS/.test(ua)
          ? "ChromeOS"
          : /Mac OS X|Macintosh/.test(ua)
            ? "macOS"
            : /Linux/.test(ua)
              ? "Linux"
              : "";
  if (!browser && !os) return null;
  return { browser, os };
}
