/**
 * What a focal point may see: the officers of the agencies they were appointed to (and
 * those agencies' child agencies), or of every agency of a country they were appointed
 * to. The one place that turns FocalPointScope rows into a query filter; every focal-point
 * loader, action and report goes through it (docs/decisions/026).
 */
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";

export type FocalScope = {
  /** Agencies appointed directly, plus their direct children. */
  agencyIds: string[];
  /** Whole countries appointed (ISO 3166-1 alpha-2). */
  countries: string[];
};

export async function focalScopeOf(userId: string): Promise<FocalScope> {
  const rows = await prisma.focalPointScope.findMany({
    where: { userId },
    select: { agencyId: true, country: true, agency: { select: { children: { select: { id: true } } } } },
  });
  const agencyIds = new Set<string>();
  const countries = new Set<string>();
  for (const row of rows) {
    if (row.agencyId) {
      agencyIds.add(row.agencyId);
      for (const child of row.agency?.children ?? []) agencyIds.add(child.id);
    }
    if (row.country) countries.add(row.country);
  }
  return { agencyIds: [...agencyIds].sort(), countries: [...countries].sort() };
}

export function isEmptyScope(scope: FocalScope) {
  return scope.agencyIds.length === 0 && scope.countries.length === 0;
}

/** Agencies inside the scope. An empty scope matches nothing. */
export function agenciesInScope(scope: FocalScope): Prisma.AgencyWhereInput {
  if (isEmptyScope(scope)) return { id: { in: [] } };
  return { OR: [{ id: { in: scope.agencyIds } }, { country: { in: scope.countries } }] };
}

/** People whose agency is inside the scope. An empty scope matches nobody. */
export function usersInScope(scope: FocalScope): Prisma.UserWhereInput {
  return { agencyRecord: agenciesInScope(scope) };
}

export async function isAgencyInScope(scope: FocalScope, agencyId: string | null | undefined) {
  if (!agencyId || isEmptyScope(scope)) return false;
  if (scope.agencyIds.includes(agencyId)) return true;
  const agency = await prisma.agency.findUnique({ where: { id: agencyId }, select: { country: true } });
  return agency ? scope.countries.includes(agency.country) : false;
}
