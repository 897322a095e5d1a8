/**
 * Places shared by country and agency (docs/decisions/027). A cohort may hold at most
 * `quotaPerCountry` people of one country and `quotaPerAgency` of one agency until
 * `quotasEndAt`; after that date the places left are open to all (only `capacity` counts).
 * A person's country is their agency's country, or the country of their account when they
 * have no agency. Callers hold the cohort's lock (enrolments.server.ts `lockCohort`), so two
 * decisions counting the same places run one after the other.
 */
import type { Prisma } from "~/generated/prisma/client";
import type { EnrolmentStatus } from "~/generated/prisma/enums";

type Tx = Prisma.TransactionClient;

const TAKES_PLACE: EnrolmentStatus[] = ["ACTIVE", "COMPLETED"];

export type QuotaCohort = {
  id: string;
  capacity: number | null;
  quotaPerCountry: number | null;
  quotaPerAgency: number | null;
  quotasEndAt: Date | null;
};

/** Where a person counts: their agency and its country. */
export type Seat = { agencyId: string | null; country: string | null };

export type Admission = { status: "ACTIVE" } | { status: "WAITLISTED"; full: "capacity" | "country" | "agency" };

export function quotasInForce(cohort: QuotaCohort, now = new Date()) {
  return Boolean(cohort.quotaPerCountry || cohort.quotaPerAgency) && (!cohort.quotasEndAt || now < cohort.quotasEndAt);
}

export async function seatOf(tx: Tx, userId: string): Promise<Seat> {
  const user = await tx.user.findUnique({
    where: { id: userId },
    select: { agencyId: true, country: true, agencyRecord: { select: { country: true } } },
  });
  return { agencyId: user?.agencyId ?? null, country: user?.agencyRecord?.country ?? user?.country ?? null };
}

/** People of this country, as an enrolment's user filter. */
export function sameCountry(country: string): Prisma.UserWhereInput {
  return { OR: [{ agencyRecord: { country } }, { agencyId: null, country }] };
}

/** Whether one more person of `seat` may take a place in the cohort now, or which limit is reached. */
export async function admission(tx: Tx, cohort: QuotaCohort, seat: Seat, now = new Date()): Promise<Admission> {
  const held = { cohortId: cohort.id, status: { in: TAKES_PLACE } };
  if (cohort.capacity && (await tx.enrolment.count({ where: held })) >= cohort.capacity)
    return { status: "WAITLISTED", full: "capacity" };
  if (!quotasInForce(cohort, now)) return { status: "ACTIVE" };
  if (
    cohort.quotaPerAgency &&
    seat.agencyId &&
    (await tx.enrolment.count({ where: { ...held, user: { agencyId: seat.agencyId } } })) >= cohort.quotaPerAgency
  )
    return { status: "WAITLISTED", full: "agency" };
  if (
    cohort.quotaPerCountry &&
    seat.country &&
    (await tx.enrolment.count({ where: { ...held, user: sameCountry(seat.country) } })) >= cohort.quotaPerCountry
  )
    return { status: "WAITLISTED", full: "country" };
  return { status: "ACTIVE" };
}

/**
 * The waiting list in the order a freed place is offered: people of the freed place's agency
 * first, then of its country, then everyone else; first in, first served within each.
 */
export async function promotionOrder(tx: Tx, cohortId: string, freed: Seat | null) {
  const waiting = await tx.enrolment.findMany({
    where: { cohortId, status: "WAITLISTED" },
    orderBy: [{ queuedAt: "asc" }, { createdAt: "asc" }],
    select: {
      id: true,
      userId: true,
      user: { select: { agencyId: true, country: true, agencyRecord: { select: { country: true } } } },
    },
  });
  const rank = (seat: Seat) =>
    freed?.agencyId && seat.agencyId === freed.agencyId ? 0 : freed?.country && seat.country === freed.country ? 1 : 2;
  return waiting
    .map((w, i) => ({
      id: w.id,
      userId: w.userId,
      seat: { agencyId: w.user.agencyId, country: w.user.agencyRecord?.country ?? w.user.country },
      i,
    }))
    .sort((a, b) => rank(a.seat) - rank(b.seat) || a.i - b.i);
}
