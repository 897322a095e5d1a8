import { expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { makeUser, uid } from "../../test/factories";
import { focalScopeOf } from "./focal-scope.server";
import {
  decideVetting,
  domainIsTrusted,
  focalPointsFor,
  listWaitingForVetting,
  vetByTrustedDomain,
} from "./vetting.server";

test("a trusted domain covers its subdomains, not look-alikes", () => {
  expect(domainIsTrusted("a@polri.go.id", ["polri.go.id"])).toBe(true);
  expect(domainIsTrusted("a@siber.polri.go.id", ["polri.go.id"])).toBe(true);
  expect(domainIsTrusted("a@evilpolri.go.id", ["polri.go.id"])).toBe(false);
  expect(domainIsTrusted("a@gmail.com", [])).toBe(false);
});

test("a verified address in a domain the agency trusts vets automatically, once; an unverified address does not", async () => {
  const domain = `${uid()}.example.id`;
  const agency = await prisma.agency.create({
    data: { name: `Trusting ${uid()}`, country: "ID", trustedDomains: [domain] },
  });
  const person = await makeUser();
  await prisma.user.update({
    where: { id: person.id },
    data: { email: `${uid()}@${domain}`, agencyId: agency.id, emailVerifiedAt: null },
  });
  expect(await vetByTrustedDomain({ userId: person.id })).toBe(false);
  await prisma.user.update({ where: { id: person.id }, data: { emailVerifiedAt: new Date() } });
  expect(await vetByTrustedDomain({ userId: person.id })).toBe(true);
  expect(await vetByTrustedDomain({ userId: person.id })).toBe(false);
  expect(await prisma.user.findUniqueOrThrow({ where: { id: person.id } })).toMatchObject({
    vettingStatus: "VERIFIED",
    vettingMethod: "email-domain",
    vettedById: null,
  });
  expect(await prisma.auditEvent.count({ where: { targetId: person.id, action: "vetting.verified" } })).toBe(1);
  const elsewhere = await makeUser();
  await prisma.user.update({ where: { id: elsewhere.id }, data: { agencyId: agency.id } });
  expect(await vetByTrustedDomain({ userId: elsewhere.id })).toBe(false);
});

test("a focal point vets and declines officers of their scope only; who, when, how and why are kept", async () => {
  const mine = await prisma.agency.create({ data: { name: `Mine ${uid()}`, country: "PG" } });
  const theirs = await prisma.agency.create({ data: { name: `Theirs ${uid()}`, country: "PG" } });
  const focal = await makeUser();
  await prisma.user.update({ where: { id: focal.id }, data: { role: "FOCAL_POINT" } });
  await prisma.focalPointScope.create({ data: { userId: focal.id, agencyId: mine.id } });
  const scope = await focalScopeOf(focal.id);
  const [a, b, c] = [await makeUser(), await makeUser(), await makeUser()];
  await prisma.user.updateMany({ where: { id: { in: [a.id, b.id] } }, data: { agencyId: mine.id } });
  await prisma.user.update({ where: { id: c.id }, data: { agencyId: theirs.id } });
  expect((await listWaitingForVetting({ scope, page: 1 })).people.map((p) => p.id).sort()).toEqual([a.id, b.id].sort());
  expect(await decideVetting({ actorId: focal.id, userId: a.id, decision: "verify", scope })).toEqual({
    status: "verified",
  });
  expect(
    await decideVetting({
      actorId: focal.id,
      userId: b.id,
      decision: "decline",
      reason: "Not in our staff list",
      scope,
    }),
  ).toEqual({
    status: "declined",
  });
  expect(await decideVetting({ actorId: focal.id, userId: c.id, decision: "verify", scope })).toEqual({
    status: "not-found",
  });
  expect(await prisma.user.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({
    vettingStatus: "VERIFIED",
    vettedById: focal.id,
    vettingMethod: "focal-point",
  });
  expect(await prisma.user.findUniqueOrThrow({ where: { id: b.id } })).toMatchObject({
    vettingStatus: "DECLINED",
    vettingReason: "Not in our staff list",
  });
  expect((await prisma.user.findUniqueOrThrow({ where: { id: c.id } })).vettingStatus).toBe("UNVERIFIED");
  expect((await listWaitingForVetting({ scope, page: 1 })).total).toBe(0);
  // An administrator (no scope) may vet anyone; a person with an unverified address cannot be vetted.
  const admin = await makeUser("ADMIN");
  expect(await decideVetting({ actorId: admin.id, userId: c.id, decision: "verify", scope: null })).toEqual({
    status: "verified",
  });
  await prisma.user.update({ where: { id: b.id }, data: { emailVerifiedAt: null } });
  expect(await decideVetting({ actorId: admin.id, userId: b.id, decision: "verify", scope: null })).toEqual({
    status: "unverified-email",
  });
  expect(
    await prisma.auditEvent.count({
      where: { targetId: { in: [a.id, b.id, c.id] }, action: { startsWith: "vetting." } },
    }),
  ).toBe(3);
  expect((await focalPointsFor({ agencyId: mine.id })).map((f) => f.id)).toEqual([focal.id]);
  expect(await focalPointsFor({ agencyId: theirs.id })).toEqual([]);
});

test("a restricted course is listed and joinable for vetted officers only, whatever the form sends", async () => {
  const { publishCourseDocument } = await import("./courses.server");
  const { enrol } = await import("./enrolments.server");
  const { listCatalogue } = await import("./courses.server");
  const { courseDocument } = await import("../../test/factories");
  const slug = `restricted-${uid()}`;
  const published = await publishCourseDocument({
    doc: courseDocument(slug, { audience: "vetted" }),
    origin: "import",
  });
  expect(published.status).toBe("published");
  expect((await prisma.course.findUniqueOrThrow({ where: { slug } })).audience).toBe("vetted");
  const officer = await makeUser();
  const listed = async (viewer: { id: string; role: "LEARNER" } | null) =>
    (await listCatalogue({ q: slug, locale: "en", viewer })).courses.map((c) => c.slug);
  expect(await listed(null)).toEqual([]);
  expect(await listed({ id: officer.id, role: "LEARNER" })).toEqual([]);
  expect(await enrol({ user: officer, courseSlug: slug })).toEqual({ status: "restricted" });
  expect(await prisma.enrolment.count({ where: { userId: officer.id } })).toBe(0);
  await prisma.user.update({ where: { id: officer.id }, data: { vettingStatus: "VERIFIED" } });
  expect(await listed({ id: officer.id, role: "LEARNER" })).toEqual([slug]);
  expect((await enrol({ user: officer, courseSlug: slug })).status).toBe("enrolled");
});
