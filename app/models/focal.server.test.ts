import { expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { makeUser, uid } from "../../test/factories";
import { appointFocalPoint, focalOfficer, focalOfficersCsv, listFocalOfficers, removeFocalScope } from "./focal.server";
import { focalScopeOf } from "./focal-scope.server";

async function agency(country: string, parentId?: string) {
  return prisma.agency.create({ data: { name: `Agency ${uid()}`, country, parentId: parentId ?? null } });
}

async function officerOf(agencyId: string, name = `Officer ${uid()}`) {
  const user = await makeUser("LEARNER", name);
  await prisma.user.update({ where: { id: user.id }, data: { agencyId } });
  return user;
}

test("appointing sets the role and is audited; removing the last appointment makes a learner again", async () => {
  const admin = await makeUser("ADMIN");
  const person = await makeUser();
  const a = await agency("VN");
  expect((await appointFocalPoint({ actorId: admin.id, userId: person.id, target: { agencyId: a.id } })).status).toBe(
    "appointed",
  );
  expect(await appointFocalPoint({ actorId: admin.id, userId: person.id, target: { agencyId: a.id } })).toEqual({
    status: "already",
  });
  const country = await appointFocalPoint({ actorId: admin.id, userId: person.id, target: { country: "KH" } });
  expect((await prisma.user.findUniqueOrThrow({ where: { id: person.id } })).role).toBe("FOCAL_POINT");
  expect(await focalScopeOf(person.id)).toEqual({ agencyIds: [a.id], countries: ["KH"] });
  const trainer = await makeUser("TRAINER");
  expect(await appointFocalPoint({ actorId: admin.id, userId: trainer.id, target: { country: "KH" } })).toEqual({
    status: "not-allowed",
  });

  const scopes = await prisma.focalPointScope.findMany({ where: { userId: person.id } });
  const other = await makeUser();
  expect(await removeFocalScope({ actorId: admin.id, userId: other.id, scopeId: scopes[0]!.id })).toEqual({
    status: "not-found",
  });
  for (const s of scopes) await removeFocalScope({ actorId: admin.id, userId: person.id, scopeId: s.id });
  expect((await prisma.user.findUniqueOrThrow({ where: { id: person.id } })).role).toBe("LEARNER");
  expect(country.status).toBe("appointed");
  const audit = await prisma.auditEvent.findMany({ where: { targetId: person.id }, orderBy: { createdAt: "asc" } });
  expect(audit.map((e) => e.action)).toEqual(["focal.appointed", "focal.appointed", "focal.removed", "focal.removed"]);
});

test("an agency scope reaches its officers and its child agencies' officers, no one else", async () => {
  const parent = await agency("LA");
  const child = await agency("LA", parent.id);
  const sibling = await agency("LA");
  const focal = await makeUser();
  await prisma.focalPointScope.create({ data: { userId: focal.id, agencyId: parent.id } });
  const tag = uid();
  const inParent = await officerOf(parent.id, `A ${tag}`);
  const inChild = await officerOf(child.id, `B ${tag}`);
  const outside = await officerOf(sibling.id, `C ${tag}`);
  const trainer = await makeUser("TRAINER", `D ${tag}`);
  await prisma.user.update({ where: { id: trainer.id }, data: { agencyId: parent.id } });
  const scope = await focalScopeOf(focal.id);
  const { officers, total } = await listFocalOfficers({ scope, filter: { q: tag, page: 1 } });
  expect(officers.map((o) => o.id)).toEqual([inParent.id, inChild.id]);
  expect(total).toBe(2);
  expect(await focalOfficer({ scope, userId: inChild.id })).not.toBeNull();
  expect(await focalOfficer({ scope, userId: outside.id })).toBeNull();
  expect(await focalOfficer({ scope, userId: trainer.id })).toBeNull();
  const csv = await focalOfficersCsv({ scope, filter: { q: tag }, agencyLabel: (a) => a.name });
  expect(csv).toContain(`A ${tag}`);
  expect(csv).toContain(`B ${tag}`);
  expect(csv).not.toContain(`C ${tag}`);
});

test("a country scope reaches every agency of that country and none of another; an empty scope reaches nobody", async () => {
  const inCountry = [await agency("MN"), await agency("MN")];
  const abroad = await agency("BT");
  const tag = uid();
  const ours = [await officerOf(inCountry[0]!.id, `E ${tag}`), await officerOf(inCountry[1]!.id, `F ${tag}`)];
  await officerOf(abroad.id, `G ${tag}`);
  const focal = await makeUser();
  await prisma.focalPointScope.create({ data: { userId: focal.id, country: "MN" } });
  const { officers } = await listFocalOfficers({ scope: await focalScopeOf(focal.id), filter: { q: tag, page: 1 } });
  expect(officers.map((o) => o.id)).toEqual(ours.map((o) => o.id));
  const nobody = await makeUser();
  expect((await listFocalOfficers({ scope: await focalScopeOf(nobody.id), filter: { q: tag, page: 1 } })).total).toBe(
    0,
  );
});
