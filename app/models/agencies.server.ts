/**
 * Agencies as records (docs/decisions/026): administrators list, create, edit, merge and
 * import them; people choose theirs at sign-up and in the profile, or ask for a missing one.
 * Every administrative change is audited.
 */
import { Prisma } from "~/generated/prisma/client";
import type { AgencyType } from "~/generated/prisma/enums";
import type { MessageKey } from "~/i18n/i18n";
import { prisma } from "~/utils/db.server";
import { CsvSyntaxError, parseCsv } from "~/utils/csv";
import { AgencyCsvRowSchema, type AgencyInput } from "~/validation/agencies";
import { recordAudit } from "./audit.server";
import { vetByTrustedDomain } from "./vetting.server";

export const AGENCIES_PAGE_SIZE = 50;

/** The name shown in a locale: its translation when there is one, else the name. */
export function agencyName(agency: { name: string; nameTranslations?: unknown }, locale: string) {
  const translations = agency.nameTranslations;
  if (translations && typeof translations === "object" && !Array.isArray(translations)) {
    const translated = (translations as Record<string, unknown>)[locale];
    if (typeof translated === "string" && translated.trim()) return translated;
  }
  return agency.name;
}

/**
 * The key likely duplicates share: case, accents, punctuation and spacing ignored, and the
 * two spellings of some country names made one ("Viet Nam Police" and "vietnam police.").
 */
export function normaliseAgencyName(name: string) {
  return name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[\p{P}\p{S}]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/\bviet nam\b/g, "vietnam")
    .replace(/\blao pdr\b/g, "laos")
    .replace(/\bthe\b /g, "")
    .trim();
}

function cleanTranslations(translations: Record<string, string | undefined>) {
  const out: Record<string, string> = {};
  for (const [locale, value] of Object.entries(translations)) if (value?.trim()) out[locale] = value.trim();
  return out;
}

export async function listAgencies({ q, country, page }: { q: string; country?: string; page: number }) {
  const where: Prisma.AgencyWhereInput = {
    ...(country ? { country } : {}),
    ...(q ? { name: { contains: q, mode: "insensitive" } } : {}),
  };
  const [total, agencies] = await prisma.$transaction([
    prisma.agency.count({ where }),
    prisma.agency.findMany({
      where,
      orderBy: [{ country: "asc" }, { name: "asc" }, { id: "asc" }],
      skip: (page - 1) * AGENCIES_PAGE_SIZE,
      take: AGENCIES_PAGE_SIZE,
      select: {
        id: true,
        name: true,
        nameTranslations: true,
        country: true,
        type: true,
        trustedDomains: true,
        parent: { select: { id: true, name: true } },
        _count: { select: { members: true } },
      },
    }),
  ]);
  return { total, agencies, page, pages: Math.max(1, Math.ceil(total / AGENCIES_PAGE_SIZE)) };
}

/** Countries that have at least one agency (for the filters). */
export async function agencyCountries() {
  const rows = await prisma.agency.findMany({
    distinct: ["country"],
    select: { country: true },
    orderBy: { country: "asc" },
  });
  return rows.map((r) => r.country);
}

/** The choices at sign-up and in the profile: a country's agencies (all countries when none is chosen), optionally searched. */
export async function agencyChoices({ country, q }: { country?: string | null; q?: string }) {
  return prisma.agency.findMany({
    where: {
      ...(country ? { country } : {}),
      ...(q ? { name: { contains: q, mode: "insensitive" } } : {}),
    },
    orderBy: [{ country: "asc" }, { name: "asc" }],
    take: 500,
    select: { id: true, name: true, nameTranslations: true, country: true },
  });
}

export async function agencyForAdmin({ agencyId }: { agencyId: string }) {
  return prisma.agency.findUnique({
    where: { id: agencyId },
    select: {
      id: true,
      name: true,
      nameTranslations: true,
      country: true,
      type: true,
      parentId: true,
      trustedDomains: true,
      parent: { select: { id: true, name: true } },
      children: { select: { id: true, name: true }, orderBy: { name: "asc" } },
      _count: { select: { members: true, focalScopes: true } },
    },
  });
}

/** Possible parents and merge partners: the other agencies of the same country. */
export async function agenciesOfCountry({ country, except }: { country: string; except?: string }) {
  return prisma.agency.findMany({
    where: { country, ...(except ? { id: { not: except } } : {}) },
    orderBy: { name: "asc" },
    select: { id: true, name: true, _count: { select: { members: true } } },
  });
}

export type SaveAgencyResult =
  | { status: "saved"; agency: { id: string; name: string } }
  | { status: "duplicate" }
  | { status: "bad-parent" }
  | { status: "not-found" };

type Db = Prisma.TransactionClient;

/** A parent must be another agency of the same country, and not one of the agency's own descendants. */
async function parentProblem(
  db: Db,
  { agencyId, parentId, country }: { agencyId?: string; parentId: string; country: string },
) {
  if (parentId === agencyId) return true;
  let cursor: string | null = parentId;
  for (let depth = 0; cursor && depth < 20; depth++) {
    const row: { id: string; country: string; parentId: string | null } | null = await db.agency.findUnique({
      where: { id: cursor },
      select: { id: true, country: true, parentId: true },
    });
    if (!row) return true;
    if (depth === 0 && row.country !== country) return true;
    if (agencyId && row.id === agencyId) return true;
    cursor = row.parentId;
  }
  return false;
}

const isUniqueViolation = (error: unknown) =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";

export async function createAgency({
  actorId,
  input,
  ip,
}: {
  actorId: string;
  input: AgencyInput;
  ip?: string | null;
}): Promise<SaveAgencyResult> {
  try {
    return await prisma.$transaction(async (tx) => {
      if (input.parentId && (await parentProblem(tx, { parentId: input.parentId, country: input.country })))
        return { status: "bad-parent" } as const;
      const agency = await tx.agency.create({
        data: {
          name: input.name,
          nameTranslations: cleanTranslations(input.translations),
          country: input.country,
          type: input.type,
          parentId: input.parentId ?? null,
          trustedDomains: input.domains,
        },
        select: { id: true, name: true },
      });
      await recordAudit(
        {
          actorId,
          action: "agency.created",
          detail: { agencyId: agency.id, name: agency.name, country: input.country },
          ip,
        },
        tx,
      );
      return { status: "saved", agency } as const;
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { status: "duplicate" };
    throw error;
  }
}

export async function updateAgency({
  actorId,
  agencyId,
  input,
  ip,
}: {
  actorId: string;
  agencyId: string;
  input: AgencyInput;
  ip?: string | null;
}): Promise<SaveAgencyResult> {
  try {
    const result = await prisma.$transaction(async (tx) => {
      const before = await tx.agency.findUnique({
        where: { id: agencyId },
        select: { id: true, trustedDomains: true },
      });
      if (!before) return { status: "not-found" } as const;
      if (input.parentId && (await parentProblem(tx, { agencyId, parentId: input.parentId, country: input.country })))
        return { status: "bad-parent" } as const;
      const agency = await tx.agency.update({
        where: { id: agencyId },
        data: {
          name: input.name,
          nameTranslations: cleanTranslations(input.translations),
          country: input.country,
          type: input.type,
          parentId: input.parentId ?? null,
          trustedDomains: input.domains,
        },
        select: { id: true, name: true },
      });
      await recordAudit(
        { actorId, action: "agency.updated", detail: { agencyId, name: agency.name, country: input.country }, ip },
        tx,
      );
      return {
        status: "saved",
        agency,
        newDomains: input.domains.filter((d) => !before.trustedDomains.includes(d)),
      } as const;
    });
    if (result.status === "saved" && result.newDomains.length) await vetMembersByDomain({ agencyId });
    return result.status === "saved" ? { status: "saved", agency: result.agency } : result;
  } catch (error) {
    if (isUniqueViolation(error)) return { status: "duplicate" };
    throw error;
  }
}

/** After an agency trusts a new domain: its members with a verified address there are vetted. */
async function vetMembersByDomain({ agencyId }: { agencyId: string }) {
  const members = await prisma.user.findMany({
    where: { agencyId, vettingStatus: "UNVERIFIED", emailVerifiedAt: { not: null } },
    select: { id: true },
  });
  for (const m of members) await vetByTrustedDomain({ userId: m.id });
}

export type MergeResult =
  | {
      status: "merged";
      kept: { id: string; name: string };
      moved: { members: number; scopes: number; children: number };
    }
  | { status: "not-found" }
  | { status: "same" };

/**
 * Merges `otherId` into `keepId`: its members, focal-point scopes, child agencies and
 * requests move to the kept agency, its trusted domains and translations are added (the
 * kept agency's win), then it is deleted. People keep everything else (enrolments,
 * certificates, progress belong to the person, not the agency). One transaction, audited.
 */
export async function mergeAgencies({
  actorId,
  keepId,
  otherId,
  ip,
}: {
  actorId: string;
  keepId: string;
  otherId: string;
  ip?: string | null;
}): Promise<MergeResult> {
  if (keepId === otherId) return { status: "same" };
  return prisma.$transaction(async (tx) => {
    // Lock both rows (in a stable order) so two merges of the same pair cannot interleave.
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM "Agency" WHERE id IN (${keepId}, ${otherId}) ORDER BY id FOR UPDATE`;
    if (locked.length !== 2) return { status: "not-found" } as const;
    const [kept, other] = await Promise.all([
      tx.agency.findUniqueOrThrow({ where: { id: keepId } }),
      tx.agency.findUniqueOrThrow({ where: { id: otherId } }),
    ]);
    const members = await tx.user.updateMany({ where: { agencyId: otherId }, data: { agencyId: keepId } });
    // A focal point appointed to both keeps one appointment.
    const already = await tx.focalPointScope.findMany({ where: { agencyId: keepId }, select: { userId: true } });
    await tx.focalPointScope.deleteMany({ where: { agencyId: otherId, userId: { in: already.map((a) => a.userId) } } });
    const scopes = await tx.focalPointScope.updateMany({ where: { agencyId: otherId }, data: { agencyId: keepId } });
    // The kept agency cannot become its own child: if it was the other's child it takes the other's parent.
    if (kept.parentId === otherId)
      await tx.agency.update({ where: { id: keepId }, data: { parentId: other.parentId } });
    const children = await tx.agency.updateMany({
      where: { parentId: otherId, id: { not: keepId } },
      data: { parentId: keepId },
    });
    await tx.agencyRequest.updateMany({ where: { agencyId: otherId }, data: { agencyId: keepId } });
    const translations = {
      ...((other.nameTranslations as Record<string, string>) ?? {}),
      ...((kept.nameTranslations as Record<string, string>) ?? {}),
    };
    await tx.agency.delete({ where: { id: otherId } });
    const updated = await tx.agency.update({
      where: { id: keepId },
      data: {
        trustedDomains: [...new Set([...kept.trustedDomains, ...other.trustedDomains])],
        nameTranslations: translations,
      },
      select: { id: true, name: true },
    });
    const moved = { members: members.count, scopes: scopes.count, children: children.count };
    await recordAudit(
      {
        actorId,
        action: "agency.merged",
        detail: { keptId: keepId, keptName: kept.name, removedId: otherId, removedName: other.name, ...moved },
        ip,
      },
      tx,
    );
    return { status: "merged", kept: updated, moved } as const;
  });
}

export type DuplicateGroup = {
  country: string;
  key: string;
  agencies: { id: string; name: string; members: number }[];
};

/** Agencies of one country whose normalised names are the same: likely duplicates, biggest first. */
export async function findDuplicateAgencies(): Promise<DuplicateGroup[]> {
  const agencies = await prisma.agency.findMany({
    select: { id: true, name: true, country: true, _count: { select: { members: true } } },
    orderBy: [{ country: "asc" }, { name: "asc" }],
  });
  const groups = new Map<string, DuplicateGroup>();
  for (const a of agencies) {
    const key = normaliseAgencyName(a.name);
    const id = `${a.country}:${key}`;
    const group = groups.get(id) ?? { country: a.country, key, agencies: [] };
    group.agencies.push({ id: a.id, name: a.name, members: a._count.members });
    groups.set(id, group);
  }
  return [...groups.values()]
    .filter((g) => g.agencies.length > 1)
    .map((g) => ({ ...g, agencies: g.agencies.sort((x, y) => y.members - x.members || x.name.localeCompare(y.name)) }));
}

export const AGENCY_IMPORT_MAX_ROWS = 5000;

export type ImportRow = {
  line: number;
  name: string;
  country: string;
  outcome: "created" | "updated" | "refused";
  reason?: MessageKey;
};

export type ImportResult =
  | { status: "imported"; rows: ImportRow[]; created: number; updated: number; refused: number }
  | { status: "bad-file"; reason: MessageKey; line?: number };

const HEADER = ["name", "country", "type", "parent", "domains"] as const;

/**
 * Imports agencies from a CSV with the header name,country,type,parent,domains (type and
 * the rest optional). A row whose country and name exist updates that agency (type, parent,
 * domains; translations are left alone); a new one is created; a bad row is refused with its
 * reason and changes nothing. A parent is named, in the same country, existing or earlier in
 * the file. Every created or updated row is audited in one event.
 */
export async function importAgencies({
  actorId,
  csv,
  ip,
}: {
  actorId: string;
  csv: string;
  ip?: string | null;
}): Promise<ImportResult> {
  let parsed;
  try {
    parsed = parseCsv(csv);
  } catch (error) {
    if (error instanceof CsvSyntaxError)
      return { status: "bad-file", reason: "agencies.import.badCsv", line: error.line };
    throw error;
  }
  const [header, ...records] = parsed.rows;
  if (!header) return { status: "bad-file", reason: "agencies.import.empty" };
  const columns = header.cells.map((c) => c.trim().toLowerCase());
  if (!columns.includes("name") || !columns.includes("country"))
    return { status: "bad-file", reason: "agencies.import.badHeader", line: header.line };
  if (records.length > AGENCY_IMPORT_MAX_ROWS) return { status: "bad-file", reason: "agencies.import.tooMany" };
  const index = Object.fromEntries(HEADER.map((h) => [h, columns.indexOf(h)])) as Record<
    (typeof HEADER)[number],
    number
  >;
  const cell = (cells: string[], name: (typeof HEADER)[number]) => (index[name] >= 0 ? (cells[index[name]] ?? "") : "");

  const rows: ImportRow[] = [];
  const seen = new Set<string>();
  for (const record of records) {
    const raw = {
      name: cell(record.cells, "name"),
      country: cell(record.cells, "country"),
      type: cell(record.cells, "type"),
      parent: cell(record.cells, "parent"),
      domains: cell(record.cells, "domains"),
    };
    const row = AgencyCsvRowSchema.safeParse(raw);
    if (!row.success) {
      rows.push({
        line: record.line,
        name: raw.name.trim(),
        country: raw.country.trim(),
        outcome: "refused",
        reason: row.error.issues[0]!.message as MessageKey,
      });
      continue;
    }
    const value = row.data;
    const key = `${value.country}\u0000${value.name}`;
    if (seen.has(key)) {
      rows.push({
        line: record.line,
        name: value.name,
        country: value.country,
        outcome: "refused",
        reason: "agencies.import.repeated",
      });
      continue;
    }
    seen.add(key);
    const outcome = await prisma.$transaction(async (tx) => {
      let parentId: string | null = null;
      if (value.parent) {
        const parent = await tx.agency.findUnique({
          where: { country_name: { country: value.country, name: value.parent } },
          select: { id: true },
        });
        if (!parent || value.parent === value.name)
          return { outcome: "refused", reason: "agencies.import.noParent" } as const;
        parentId = parent.id;
      }
      const existing = await tx.agency.findUnique({
        where: { country_name: { country: value.country, name: value.name } },
        select: { id: true },
      });
      if (existing) {
        if (parentId && (await parentProblem(tx, { agencyId: existing.id, parentId, country: value.country })))
          return { outcome: "refused", reason: "agencies.import.noParent" } as const;
        await tx.agency.update({
          where: { id: existing.id },
          data: { type: value.type as AgencyType, parentId, trustedDomains: value.domains },
        });
        return { outcome: "updated" } as const;
      }
      await tx.agency.create({
        data: {
          name: value.name,
          country: value.country,
          type: value.type as AgencyType,
          parentId,
          trustedDomains: value.domains,
        },
      });
      return { outcome: "created" } as const;
    });
    rows.push({ line: record.line, name: value.name, country: value.country, ...outcome });
  }
  const count = (o: ImportRow["outcome"]) => rows.filter((r) => r.outcome === o).length;
  const result = { created: count("created"), updated: count("updated"), refused: count("refused") };
  await recordAudit({ actorId, action: "agency.imported", detail: result, ip });
  return { status: "imported", rows, ...result };
}

/** "My agency is not listed": one pending request per person (a new one replaces the old). */
export async function requestAgency({ userId, name, country }: { userId: string; name: string; country: string }) {
  await prisma.$transaction(async (tx) => {
    await tx.agencyRequest.deleteMany({ where: { requesterId: userId, status: "pending" } });
    await tx.agencyRequest.create({ data: { requesterId: userId, name, country } });
  });
}

export async function pendingAgencyRequestOf({ userId }: { userId: string }) {
  return prisma.agencyRequest.findFirst({
    where: { requesterId: userId, status: "pending" },
    select: { id: true, name: true, country: true, createdAt: true },
  });
}

export async function listAgencyRequests() {
  return prisma.agencyRequest.findMany({
    where: { status: "pending" },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: 200,
    select: {
      id: true,
      name: true,
      country: true,
      createdAt: true,
      requester: { select: { id: true, name: true, email: true } },
    },
  });
}

export type ResolveRequestResult =
  | { status: "created" | "linked"; agency: { id: string; name: string }; requester: { id: string; name: string } }
  | { status: "dismissed" }
  | { status: "not-found" }
  | { status: "duplicate" }
  | { status: "wrong-country" };

/**
 * An administrator answers a request: creates the agency from it, or links it to an existing
 * one (of the same country), and either way assigns the requester to that agency; or dismisses it.
 */
export async function resolveAgencyRequest({
  actorId,
  requestId,
  action,
  ip,
}: {
  actorId: string;
  requestId: string;
  action: { intent: "create"; type: AgencyType } | { intent: "link"; agencyId: string } | { intent: "dismiss" };
  ip?: string | null;
}): Promise<ResolveRequestResult> {
  try {
    const result = await prisma.$transaction(async (tx) => {
      const request = await tx.agencyRequest.findFirst({
        where: { id: requestId, status: "pending" },
        select: { id: true, name: true, country: true, requester: { select: { id: true, name: true } } },
      });
      if (!request) return { status: "not-found" } as const;
      const resolved = { resolvedById: actorId, resolvedAt: new Date() };
      if (action.intent === "dismiss") {
        await tx.agencyRequest.update({ where: { id: requestId }, data: { status: "dismissed", ...resolved } });
        await recordAudit(
          {
            actorId,
            targetId: request.requester.id,
            action: "agency.request-dismissed",
            detail: { name: request.name },
            ip,
          },
          tx,
        );
        return { status: "dismissed" } as const;
      }
      let agency: { id: string; name: string; country: string };
      if (action.intent === "create") {
        agency = await tx.agency.create({
          data: { name: request.name, country: request.country, type: action.type },
          select: { id: true, name: true, country: true },
        });
        await recordAudit(
          {
            actorId,
            action: "agency.created",
            detail: { agencyId: agency.id, name: agency.name, country: agency.country },
            ip,
          },
          tx,
        );
      } else {
        const found = await tx.agency.findUnique({
          where: { id: action.agencyId },
          select: { id: true, name: true, country: true },
        });
        if (!found) return { status: "not-found" } as const;
        if (found.country !== request.country) return { status: "wrong-country" } as const;
        agency = found;
      }
      await tx.user.update({ where: { id: request.requester.id }, data: { agencyId: agency.id } });
      await tx.agencyRequest.update({
        where: { id: requestId },
        data: { status: action.intent === "create" ? "created" : "linked", agencyId: agency.id, ...resolved },
      });
      await recordAudit(
        {
          actorId,
          targetId: request.requester.id,
          action: "agency.request-resolved",
          detail: { agencyId: agency.id, name: agency.name, how: action.intent },
          ip,
        },
        tx,
      );
      return {
        status: action.intent === "create" ? "created" : "linked",
        agency,
        requester: request.requester,
      } as const;
    });
    if (result.status === "created" || result.status === "linked")
      await vetByTrustedDomain({ userId: result.requester.id });
    return result;
  } catch (error) {
    if (isUniqueViolation(error)) return { status: "duplicate" };
    throw error;
  }
}

/**
 * The agency a person chose (at sign-up or in the profile): it must exist and belong to
 * their country. Assigning it may vet them by their email domain.
 */
export async function agencyFitsCountry({ agencyId, country }: { agencyId: string; country: string }) {
  const agency = await prisma.agency.findUnique({ where: { id: agencyId }, select: { country: true } });
  return agency?.country === country;
}

export type AgencyOption = { id: string; name: string; country: string };

/** The agency list of sign-up and the profile, named in the reader's language. */
export async function agencyOptions({
  country,
  q,
  locale,
}: {
  country?: string | null;
  q?: string | null;
  locale: string;
}) {
  const rows = await agencyChoices({ country, q: q?.trim().slice(0, 200) || undefined });
  return rows
    .map((a) => ({ id: a.id, name: agencyName(a, locale), country: a.country }))
    .sort((x, y) => x.country.localeCompare(y.country) || x.name.localeCompare(y.name, locale));
}
