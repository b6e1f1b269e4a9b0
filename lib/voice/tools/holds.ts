import "server-only";
import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { slotHolds } from "@/db/schema";
import { holdSlot, otherCallsHolds, otherCallsHoldsOfStaff } from "@/lib/calls/slot-holds";
import type { AvailabilityRequest, Slot } from "@/lib/scheduling/availability";
import type { ToolContext } from "./types";

// Slot holds in the tools (lib/calls/slot-holds.ts): check_availability holds the slot it
// offers first for its call, so the caller can say "yes" without another caller taking it in
// between; availability and booking for every OTHER call treat live holds as busy. A call's own
// hold is never in its way. Holds are counted against the context's clock (ctx.now).

export const HOLD_SECONDS = 120;

export type StaffHold = { staffId: string; startsAt: Date; endsAt: Date };

/** Other calls' live holds of these staff members from `from` to a day past `to` (one query for all of them). */
export function readOtherCallsHolds(tx: Tx, ctx: ToolContext, staffIds: readonly string[], from: Date, to: Date): Promise<StaffHold[]> {
  return otherCallsHoldsOfStaff(
    tx,
    { companyId: ctx.companyId, staffIds, retellCallId: ctx.callId, startsAt: from, endsAt: new Date(to.getTime() + 86_400_000) },
    ctx.now,
  );
}

/** The request with the holds as busy time of their staff members (a copy). */
export function withHolds(request: AvailabilityRequest, holds: readonly StaffHold[]): AvailabilityRequest {
  if (holds.length === 0) return request;
  const byStaff = new Map<string, { startsAt: Date; endsAt: Date }[]>();
  for (const h of holds) {
    const held = byStaff.get(h.staffId) ?? [];
    held.push({ startsAt: h.startsAt, endsAt: h.endsAt });
    byStaff.set(h.staffId, held);
  }
  const staff = request.staff.map((member) => {
    const held = byStaff.get(member.staffId);
    return held ? { ...member, busy: [...member.busy, ...held] } : member;
  });
  return { ...request, staff };
}

/** Whether another call holds any part of [startsAt, endsAt) of the staff member. */
export async function heldByOtherCall(tx: Tx, ctx: ToolContext, staffId: string, startsAt: Date, endsAt: Date): Promise<boolean> {
  const holds = await otherCallsHolds(tx, { companyId: ctx.companyId, staffId, retellCallId: ctx.callId, startsAt, endsAt }, ctx.now);
  return holds.length > 0;
}

/** Holds the slot for this call (best effort: a hold another call won in between is no error). */
export async function holdForCall(tx: Tx, ctx: ToolContext, slot: Slot, serviceId: string) {
  return holdSlot(
    tx,
    {
      companyId: ctx.companyId,
      retellCallId: ctx.callId,
      branchId: ctx.branchId,
      staffId: slot.staffId,
      serviceId,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      ttlSeconds: HOLD_SECONDS,
    },
    ctx.now,
  );
}

/** The staff member this call holds the start for (its own hold, still live), if any. */
export async function ownHoldAt(tx: Tx, ctx: ToolContext, startsAt: Date): Promise<string | null> {
  const rows = await tx
    .select({ staffId: slotHolds.staffId, expiresAt: slotHolds.expiresAt })
    .from(slotHolds)
    .where(and(eq(slotHolds.companyId, ctx.companyId), eq(slotHolds.retellCallId, ctx.callId), eq(slotHolds.startsAt, startsAt)));
  return rows.find((r) => r.expiresAt.getTime() > ctx.now.getTime())?.staffId ?? null;
}

/** The call's holds end once it booked. */
export async function releaseHolds(tx: Tx, ctx: ToolContext) {
  await tx.delete(slotHolds).where(and(eq(slotHolds.companyId, ctx.companyId), eq(slotHolds.retellCallId, ctx.callId)));
}
