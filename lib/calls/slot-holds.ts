import "server-only";
import { and, eq, lte, ne, type SQL, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { anyUuid } from "@/db/prepared";
import { slotHolds } from "@/db/schema";
import { newId } from "@/db/schema/_columns";

// A short hold between check_availability and book_appointment (db/schema/voice.ts). The
// exclusion constraint slot_holds_no_overlap keeps two calls off the same staff time, but it
// cannot see expiry, so expired holds in the way are deleted first, in the same transaction.
// One hold per call: a new hold releases the call's earlier ones (the caller moved on).

export type SlotHoldRequest = {
  companyId: string;
  retellCallId: string;
  branchId: string;
  staffId: string;
  serviceId?: string | null;
  startsAt: Date;
  endsAt: Date;
  /** How long the hold lasts (default 120 s: enough for "shall I book it?" and the answer). */
  ttlSeconds?: number;
};

export type SlotHoldResult = { ok: true; holdId: string; expiresAt: Date } | { ok: false; reason: "held_by_other_call" };

/** Holds the slot for the call, inside withCompany; refused when another call holds it. */
export async function holdSlot(tx: Tx, request: SlotHoldRequest, now: Date = new Date()): Promise<SlotHoldResult> {
  const range = sql`tstzrange(${request.startsAt.toISOString()}::timestamptz, ${request.endsAt.toISOString()}::timestamptz, '[)')`;
  // Holds of one staff member are taken one transaction at a time. Two overlapping inserts racing
  // on the exclusion constraint would each wait for the other's transaction until PostgreSQL's
  // deadlock detector (deadlock_timeout, 1 s) aborted one; serialised, the later one sees the
  // earlier hold committed and is refused at once. The lock, the clean-up and the insert go down
  // the connection together and run in this order (one round trip): the insert depends on no
  // answer before it, and DO NOTHING turns another call's overlapping hold into no row.
  const holdId = newId();
  const expiresAt = new Date(now.getTime() + (request.ttlSeconds ?? 120) * 1000);
  const [, , , inserted] = await Promise.all([
    tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`slot-hold:${request.staffId}`}, 0))`),
    tx
      .delete(slotHolds)
      .where(
        and(
          eq(slotHolds.companyId, request.companyId),
          eq(slotHolds.staffId, request.staffId),
          lte(slotHolds.expiresAt, now),
          sql`tstzrange(${slotHolds.startsAt}, ${slotHolds.endsAt}, '[)') && ${range}`,
        ),
      ),
    tx.delete(slotHolds).where(and(eq(slotHolds.companyId, request.companyId), eq(slotHolds.retellCallId, request.retellCallId))),
    tx
      .insert(slotHolds)
      .values({
        id: holdId,
        companyId: request.companyId,
        retellCallId: request.retellCallId,
        branchId: request.branchId,
        staffId: request.staffId,
        serviceId: request.serviceId ?? null,
        startsAt: request.startsAt,
        endsAt: request.endsAt,
        expiresAt,
      })
      // No target: an exclusion constraint can only be an arbiter of DO NOTHING without one.
      .onConflictDoNothing()
      .returning({ id: slotHolds.id }),
  ]);
  if (inserted.length === 0) return { ok: false, reason: "held_by_other_call" };
  return { ok: true, holdId, expiresAt };
}

type OtherHoldsQuery = { companyId: string; retellCallId: string | null; startsAt: Date; endsAt: Date };

/** Live holds of calls other than `retellCallId` overlapping [startsAt, endsAt), of the given staff. */
function liveHoldsOfOtherCalls(query: OtherHoldsQuery, staff: SQL, now: Date) {
  return and(
    eq(slotHolds.companyId, query.companyId),
    staff,
    sql`${slotHolds.expiresAt} > ${now.toISOString()}::timestamptz`,
    query.retellCallId ? ne(slotHolds.retellCallId, query.retellCallId) : undefined,
    sql`tstzrange(${slotHolds.startsAt}, ${slotHolds.endsAt}, '[)') && tstzrange(${query.startsAt.toISOString()}::timestamptz, ${query.endsAt.toISOString()}::timestamptz, '[)')`,
  );
}

/**
 * otherCallsHolds of several staff members in one query (a branch's availability: one round trip,
 * not one per staff member); each hold names its staff member.
 */
export async function otherCallsHoldsOfStaff(tx: Tx, query: OtherHoldsQuery & { staffIds: readonly string[] }, now: Date = new Date()) {
  if (query.staffIds.length === 0) return [];
  return tx
    .select({ staffId: slotHolds.staffId, startsAt: slotHolds.startsAt, endsAt: slotHolds.endsAt })
    .from(slotHolds)
    .where(liveHoldsOfOtherCalls(query, anyUuid(slotHolds.staffId, query.staffIds), now));
}

/** Live holds of other calls overlapping [startsAt, endsAt) for a staff member: availability treats them as busy. */
export async function otherCallsHolds(tx: Tx, query: OtherHoldsQuery & { staffId: string }, now: Date = new Date()) {
  return tx
    .select({ id: slotHolds.id, startsAt: slotHolds.startsAt, endsAt: slotHolds.endsAt, expiresAt: slotHolds.expiresAt })
    .from(slotHolds)
    .where(liveHoldsOfOtherCalls(query, eq(slotHolds.staffId, query.staffId), now));
}
