/**
 * Who hears about a step of the nomination chain (docs/decisions/027): the officer, and the
 * focal points whose scope covers the officer's agency (appointed to it, to its parent, or
 * to its whole country, as focal-scope.server.ts reads scopes). Each in their own language,
 * written as email rows inside the caller's transaction and dispatched after commit.
 */
import type { Prisma } from "~/generated/prisma/client";
import { createEmailRow, type EmailTemplate } from "./email.server";

type Tx = Prisma.TransactionClient;

export async function focalPointsOfAgency(tx: Tx, agencyId: string | null) {
  if (!agencyId) return [];
  const agency = await tx.agency.findUnique({ where: { id: agencyId }, select: { country: true, parentId: true } });
  if (!agency) return [];
  return tx.user.findMany({
    where: {
      role: "FOCAL_POINT",
      deletedAt: null,
      suspendedAt: null,
      focalScopes: {
        some: {
          OR: [{ agencyId }, ...(agency.parentId ? [{ agencyId: agency.parentId }] : []), { country: agency.country }],
        },
      },
    },
    select: { id: true, email: true, name: true, locale: true },
    orderBy: { createdAt: "asc" },
  });
}

type Person = { id: string; email: string; name: string; locale: string };

/** One mail to the officer (when `officerTemplate`) and one to each focal point (when `focalTemplate`). */
export async function mailNominationStep(
  tx: Tx,
  input: {
    officer: Person & { agencyId: string | null };
    course: string;
    officerTemplate?: EmailTemplate;
    focalTemplate?: EmailTemplate;
    /** Focal points who need no mail (the one who acted). */
    skipFocal?: string[];
    data?: Record<string, string>;
  },
) {
  const ids: string[] = [];
  const data = { course: input.course, officer: input.officer.name, ...input.data };
  if (input.officerTemplate) {
    const row = await createEmailRow(tx, {
      userId: input.officer.id,
      to: input.officer.email,
      template: input.officerTemplate,
      locale: input.officer.locale,
      data: { ...data, name: input.officer.name },
    });
    ids.push(row.id);
  }
  if (input.focalTemplate) {
    for (const focal of await focalPointsOfAgency(tx, input.officer.agencyId)) {
      if (input.skipFocal?.includes(focal.id)) continue;
      const row = await createEmailRow(tx, {
        userId: focal.id,
        to: focal.email,
        template: input.focalTemplate,
        locale: focal.locale,
        data: { ...data, name: focal.name },
      });
      ids.push(row.id);
    }
  }
  return ids;
}
