import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { courseDocument, makeUser, uid } from "../../test/factories";
import {
  createAgency,
  findDuplicateAgencies,
  importAgencies,
  mergeAgencies,
  normaliseAgencyName,
  requestAgency,
  resolveAgencyRequest,
  updateAgency,
} from "./agencies.server";
import { publishCourseDocument } from "./courses.server";
import { enrol } from "./enrolments.server";
import { completeModule } from "./progress.server";

/** A country code nobody else's test uses, so lists and duplicates are this test's own. */
const COUNTRIES = [
  "AD",
  "AG",
  "BB",
  "BZ",
  "DM",
  "GD",
  "KN",
  "LC",
  "VC",
  "SM",
  "MC",
  "LI",
  "MT",
  "MV",
  "NR",
  "PW",
  "TV",
  "TO",
];
let next = 0;
const freshCountry = () => COUNTRIES[next++ % COUNTRIES.length]!;

const input = (overrides: Partial<Parameters<typeof createAgency>[0]["input"]> = {}) => ({
  name: `Agency ${uid()}`,
  translations: {},
  country: "VN",
  type: "POLICE" as const,
  domains: [] as string[],
  ...overrides,
});

async function makeAgency(overrides: Partial<Parameters<typeof createAgency>[0]["input"]> = {}) {
  const admin = await makeUser("ADMIN");
  const result = await createAgency({ actorId: admin.id, input: input(overrides) });
  if (result.status !== "saved") throw new Error(result.status);
  return result.agency;
}

test("names are normalised so spelling variants meet: case, spaces, punctuation, accents and Viet Nam", () => {
  expect(normaliseAgencyName("Vietnam police")).toBe(normaliseAgencyName("  Viet Nam   Police. "));
  expect(normaliseAgencyName("Policía Nacional")).toBe("policia nacional");
  expect(normaliseAgencyName("Ministry of Public Security (MPS)")).toBe("ministry of public security mps");
  expect(normaliseAgencyName("Ministry of Justice")).not.toBe(normaliseAgencyName("Ministry of Interior"));
});

test("creating and editing an agency is audited; the same name twice in one country is refused, in another allowed", async () => {
  const admin = await makeUser("ADMIN");
  const name = `Police ${uid()}`;
  const created = await createAgency({
    actorId: admin.id,
    input: input({ name, translations: { fr: `Police FR ${name}`, ar: "" }, domains: ["police.example.vn"] }),
  });
  expect(created.status).toBe("saved");
  if (created.status !== "saved") return;
  const row = await prisma.agency.findUniqueOrThrow({ where: { id: created.agency.id } });
  expect(row.nameTranslations).toEqual({ fr: `Police FR ${name}` });
  expect(row.trustedDomains).toEqual(["police.example.vn"]);
  expect(await createAgency({ actorId: admin.id, input: input({ name }) })).toEqual({ status: "duplicate" });
  expect((await createAgency({ actorId: admin.id, input: input({ name, country: "KH" }) })).status).toBe("saved");

  const edited = await updateAgency({
    actorId: admin.id,
    agencyId: row.id,
    input: input({ name: `${name} HQ`, type: "MINISTRY" }),
  });
  expect(edited.status).toBe("saved");
  expect(await prisma.agency.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
    name: `${name} HQ`,
    type: "MINISTRY",
  });
  const audit = await prisma.auditEvent.findMany({ where: { actorId: admin.id }, orderBy: { createdAt: "asc" } });
  expect(audit.map((a) => a.action)).toEqual(["agency.created", "agency.created", "agency.updated"]);
});

test("a parent must be another agency of the same country and never a descendant", async () => {
  const admin = await makeUser("ADMIN");
  const parent = await makeAgency();
  const child = await makeAgency({ parentId: parent.id });
  const foreign = await makeAgency({ country: "KH" });
  // The parent cannot become its own child's child, nor take a parent from another country.
  expect(
    (
      await updateAgency({
        actorId: admin.id,
        agencyId: parent.id,
        input: input({ name: parent.name, parentId: child.id }),
      })
    ).status,
  ).toBe("bad-parent");
  expect((await createAgency({ actorId: admin.id, input: input({ parentId: foreign.id }) })).status).toBe("bad-parent");
  expect(
    (
      await updateAgency({
        actorId: admin.id,
        agencyId: child.id,
        input: input({ name: child.name, parentId: child.id }),
      })
    ).status,
  ).toBe("bad-parent");
});

test("merging moves members, focal scopes and child agencies, keeps every enrolment and certificate, and is audited", async () => {
  const admin = await makeUser("ADMIN");
  const kept = await makeAgency({ name: `Vietnam police ${uid()}`, domains: ["a.example.vn"] });
  const other = await makeAgency({ name: `Viet Nam Police ${uid()}`, domains: ["b.example.vn"] });
  const child = await makeAgency({ parentId: other.id });
  // Two members of the agency that disappears, each enrolled in a course they completed.
  const slug = `merge-${uid()}`;
  const published = await publishCourseDocument({
    doc: courseDocument(slug, { modules: [{ slug: "only" }] }),
    origin: "import",
  });
  if (published.status !== "published") throw new Error("course");
  const members = [await makeUser(), await makeUser()];
  for (const m of members) {
    await prisma.user.update({
      where: { id: m.id },
      data: { agencyId: other.id, agency: "Viet Nam Police", country: "VN" },
    });
    expect((await enrol({ user: m, courseSlug: slug })).status).toBe("enrolled");
    await completeModule({ userId: m.id, courseSlug: slug, moduleSlug: "only" });
  }
  const focal = await makeUser();
  const bothScopes = await makeUser();
  await prisma.focalPointScope.createMany({
    data: [
      { userId: focal.id, agencyId: other.id },
      { userId: bothScopes.id, agencyId: other.id },
      { userId: bothScopes.id, agencyId: kept.id },
    ],
  });
  const ids = members.map((m) => m.id);
  const before = {
    enrolments: await prisma.enrolment.findMany({ where: { userId: { in: ids } }, orderBy: { id: "asc" } }),
    certificates: await prisma.certificate.findMany({ where: { userId: { in: ids } }, orderBy: { id: "asc" } }),
  };
  expect(before.enrolments).toHaveLength(2);
  expect(before.certificates).toHaveLength(2);

  const result = await mergeAgencies({ actorId: admin.id, keepId: kept.id, otherId: other.id });
  expect(result).toMatchObject({ status: "merged", moved: { members: 2, scopes: 1, children: 1 } });
  expect(await prisma.agency.findUnique({ where: { id: other.id } })).toBeNull();
  expect((await prisma.agency.findUniqueOrThrow({ where: { id: kept.id } })).trustedDomains.sort()).toEqual([
    "a.example.vn",
    "b.example.vn",
  ]);
  expect(await prisma.user.findMany({ where: { id: { in: ids } }, select: { agencyId: true, agency: true } })).toEqual([
    { agencyId: kept.id, agency: "Viet Nam Police" },
    { agencyId: kept.id, agency: "Viet Nam Police" },
  ]);
  expect((await prisma.agency.findUniqueOrThrow({ where: { id: child.id } })).parentId).toBe(kept.id);
  expect(
    await prisma.focalPointScope.findMany({
      where: { userId: { in: [focal.id, bothScopes.id] } },
      select: { userId: true, agencyId: true },
    }),
  ).toEqual(
    expect.arrayContaining([
      { userId: focal.id, agencyId: kept.id },
      { userId: bothScopes.id, agencyId: kept.id },
    ]),
  );
  expect(await prisma.focalPointScope.count({ where: { userId: bothScopes.id } })).toBe(1);
  // Every enrolment and certificate of the members is still there, unchanged.
  expect(await prisma.enrolment.findMany({ where: { userId: { in: ids } }, orderBy: { id: "asc" } })).toEqual(
    before.enrolments,
  );
  expect(await prisma.certificate.findMany({ where: { userId: { in: ids } }, orderBy: { id: "asc" } })).toEqual(
    before.certificates,
  );
  const audit = await prisma.auditEvent.findFirstOrThrow({ where: { actorId: admin.id, action: "agency.merged" } });
  expect(audit.detail).toMatchObject({ keptId: kept.id, removedId: other.id, members: 2 });
  expect(await mergeAgencies({ actorId: admin.id, keepId: kept.id, otherId: other.id })).toEqual({
    status: "not-found",
  });
  expect(await mergeAgencies({ actorId: admin.id, keepId: kept.id, otherId: kept.id })).toEqual({ status: "same" });
});

test("merging an agency into its own child leaves no cycle", async () => {
  const admin = await makeUser("ADMIN");
  const parent = await makeAgency();
  const child = await makeAgency({ parentId: parent.id });
  expect((await mergeAgencies({ actorId: admin.id, keepId: child.id, otherId: parent.id })).status).toBe("merged");
  expect((await prisma.agency.findUniqueOrThrow({ where: { id: child.id } })).parentId).toBeNull();
});

test("the duplicates view groups one country's spelling variants, not other countries' or different names", async () => {
  const country = freshCountry();
  await prisma.agency.deleteMany({ where: { country } });
  const tag = uid();
  await makeAgency({ country, name: `Vietnam police ${tag}` });
  await makeAgency({ country, name: `Viet Nam Police ${tag}.` });
  await makeAgency({ country, name: `Ministry of Justice ${tag}` });
  await makeAgency({ country: country === "AD" ? "AG" : "AD", name: `vietnam police ${tag}` });
  const groups = (await findDuplicateAgencies()).filter((g) => g.country === country);
  expect(groups).toHaveLength(1);
  expect(groups[0]!.agencies.map((a) => a.name).sort()).toEqual([`Viet Nam Police ${tag}.`, `Vietnam police ${tag}`]);
});

test("the CSV import creates, updates and refuses row by row, with parents named in the same country", async () => {
  const admin = await makeUser("ADMIN");
  const tag = uid();
  const existing = await makeAgency({ country: "KH", name: `Existing ${tag}`, type: "OTHER" });
  const csv = [
    "name;country;type;parent;domains",
    `Ministry ${tag};kh;ministry;;`,
    `Unit ${tag};KH;police;Ministry ${tag};unit.example.kh police.example.kh`,
    `Existing ${tag};KH;prosecution;;`,
    `Orphan ${tag};KH;police;Nobody ${tag};`,
    `Nowhere ${tag};XX;police;;`,
    `Bad type ${tag};KH;army;;`,
    `Bad domain ${tag};KH;police;;not a domain!`,
    `Unit ${tag};KH;police;;`,
    `;KH;police;;`,
  ].join("\r\n");
  const result = await importAgencies({ actorId: admin.id, csv });
  expect(result.status).toBe("imported");
  if (result.status !== "imported") return;
  expect(result.rows.map((r) => [r.line, r.outcome, r.reason ?? null])).toEqual([
    [2, "created", null],
    [3, "created", null],
    [4, "updated", null],
    [5, "refused", "agencies.import.noParent"],
    [6, "refused", "validation.country.invalid"],
    [7, "refused", "agencies.validation.type"],
    [8, "refused", "agencies.validation.domains"],
    [9, "refused", "agencies.import.repeated"],
    [10, "refused", "agencies.validation.name"],
  ]);
  expect(result).toMatchObject({ created: 2, updated: 1, refused: 6 });
  const unit = await prisma.agency.findUniqueOrThrow({
    where: { country_name: { country: "KH", name: `Unit ${tag}` } },
    include: { parent: true },
  });
  expect(unit).toMatchObject({ type: "POLICE", trustedDomains: ["unit.example.kh", "police.example.kh"] });
  expect(unit.parent?.name).toBe(`Ministry ${tag}`);
  expect((await prisma.agency.findUniqueOrThrow({ where: { id: existing.id } })).type).toBe("PROSECUTION");
  expect(await prisma.agency.count({ where: { name: { in: [`Orphan ${tag}`, `Bad type ${tag}`] } } })).toBe(0);
  expect(await prisma.auditEvent.count({ where: { actorId: admin.id, action: "agency.imported" } })).toBe(1);
  expect(await importAgencies({ actorId: admin.id, csv: "email,name\n" })).toMatchObject({
    status: "bad-file",
    reason: "agencies.import.badHeader",
  });
  expect(await importAgencies({ actorId: admin.id, csv: 'name,country\n"open' })).toMatchObject({
    status: "bad-file",
    reason: "agencies.import.badCsv",
  });
});

test("the data migration turns free-text agencies into records per country and trimmed name, keeping the text; no country: no agency", async () => {
  const tag = uid();
  const people = await Promise.all([makeUser(), makeUser(), makeUser(), makeUser(), makeUser()]);
  const texts: [string | null, string][] = [
    ["VN", `Cyber Police ${tag}`],
    ["VN", `  Cyber Police ${tag} `],
    ["KH", `Cyber Police ${tag}`],
    [null, `Cyber Police ${tag}`],
    ["VN", "   "],
  ];
  for (const [i, [country, agency]] of texts.entries())
    await prisma.user.update({ where: { id: people[i]!.id }, data: { country, agency, agencyId: null } });
  const sql = readFileSync("prisma/migrations/20261204230100_agencies_from_free_text/migration.sql", "utf8");
  const statements = sql
    .split(/;\s*\n/)
    .map((s) => s.replace(/^\s*--.*$/gm, "").trim())
    .filter(Boolean);
  for (let round = 0; round < 2; round++) for (const statement of statements) await prisma.$executeRawUnsafe(statement);
  const after = await prisma.user.findMany({
    where: { id: { in: people.map((p) => p.id) } },
    select: { id: true, agency: true, agencyRecord: { select: { name: true, country: true } } },
  });
  const byId = new Map(after.map((a) => [a.id, a]));
  const of = (i: number) => byId.get(people[i]!.id)!;
  expect(of(0).agencyRecord).toEqual({ name: `Cyber Police ${tag}`, country: "VN" });
  expect(of(1).agencyRecord).toEqual({ name: `Cyber Police ${tag}`, country: "VN" });
  expect(of(1).agency).toBe(`  Cyber Police ${tag} `);
  expect(of(2).agencyRecord).toEqual({ name: `Cyber Police ${tag}`, country: "KH" });
  expect(of(3).agencyRecord).toBeNull();
  expect(of(3).agency).toBe(`Cyber Police ${tag}`);
  expect(of(4).agencyRecord).toBeNull();
  expect(await prisma.agency.count({ where: { name: `Cyber Police ${tag}` } })).toBe(2);
});

test("a request for a missing agency: created from it or linked to an existing one, the requester assigned either way", async () => {
  const admin = await makeUser("ADMIN");
  const [a, b] = [await makeUser(), await makeUser()];
  const name = `Requested ${uid()}`;
  await requestAgency({ userId: a.id, name, country: "ID" });
  await requestAgency({ userId: a.id, name: `${name} again`, country: "ID" });
  const mine = await prisma.agencyRequest.findMany({ where: { requesterId: a.id } });
  expect(mine.map((r) => r.name)).toEqual([`${name} again`]);
  const created = await resolveAgencyRequest({
    actorId: admin.id,
    requestId: mine[0]!.id,
    action: { intent: "create", type: "POLICE" },
  });
  expect(created.status).toBe("created");
  expect((await prisma.user.findUniqueOrThrow({ where: { id: a.id } })).agencyId).toBe(
    created.status === "created" ? created.agency.id : "none",
  );
  // Linking to an agency of another country is refused; of the same country, assigns.
  await requestAgency({ userId: b.id, name: "Typo police", country: "ID" });
  const request = await prisma.agencyRequest.findFirstOrThrow({ where: { requesterId: b.id } });
  const khmer = await makeAgency({ country: "KH" });
  expect(
    await resolveAgencyRequest({
      actorId: admin.id,
      requestId: request.id,
      action: { intent: "link", agencyId: khmer.id },
    }),
  ).toEqual({
    status: "wrong-country",
  });
  const target = created.status === "created" ? created.agency.id : "";
  expect(
    (
      await resolveAgencyRequest({
        actorId: admin.id,
        requestId: request.id,
        action: { intent: "link", agencyId: target },
      })
    ).status,
  ).toBe("linked");
  expect((await prisma.user.findUniqueOrThrow({ where: { id: b.id } })).agencyId).toBe(target);
  expect(
    await resolveAgencyRequest({ actorId: admin.id, requestId: request.id, action: { intent: "dismiss" } }),
  ).toEqual({ status: "not-found" });
});
