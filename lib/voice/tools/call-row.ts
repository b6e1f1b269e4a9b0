import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { calls } from "@/db/schema";
import { newId } from "@/db/schema/_columns";
import { nextCallStatus } from "@/lib/calls/status";
import type { ToolContext } from "./types";

// The calls row of a live call, for its function traces and the appointment it books
// (appointments.booked_by_call_id). A tool request may come before call_started was processed,
// so it records the call itself: the numbers and links it knows, status "ongoing" — through the
// state machine, so a call already ended stays ended — and no last_event_at or times, which the
// webhooks fill in (applyCallEvent treats the row as having seen no event yet). Serialised with
// the webhook processing by the same advisory lock on Retell's call id.

/** calls.id of the context's call, creating the row if needed; null if the id is another company's. */
export async function ensureLiveCall(tx: Tx, ctx: ToolContext): Promise<string | null> {
  if (ctx.callRowId) return ctx.callRowId;
  // The lock and the read go down the connection together; the read runs once the lock is held.
  const [, [current]] = await Promise.all([
    tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`retell-call:${ctx.callId}`}, 0))`),
    tx
      .select({ id: calls.id, status: calls.status })
      .from(calls)
      .where(and(eq(calls.companyId, ctx.companyId), eq(calls.retellCallId, ctx.callId)))
      .limit(1),
  ]);
  if (current) {
    const status = nextCallStatus(current.status, "call_started", "ongoing");
    if (status !== current.status) await tx.update(calls).set({ status }).where(and(eq(calls.companyId, ctx.companyId), eq(calls.id, current.id)));
    return current.id;
  }
  const inbound = (ctx.direction ?? "inbound") === "inbound";
  const [row] = await tx
    .insert(calls)
    .values({
      id: newId(),
      companyId: ctx.companyId,
      retellCallId: ctx.callId,
      branchId: ctx.branchId,
      phoneNumberId: ctx.phoneNumberId ?? null,
      retellAgentId: ctx.retellAgentId ?? null,
      direction: inbound ? "inbound" : "outbound",
      status: "ongoing",
      fromNumber: inbound ? ctx.fromNumber : (ctx.ourNumber ?? null),
      toNumber: inbound ? (ctx.ourNumber ?? null) : ctx.fromNumber,
    })
    // Retell's call id is unique across companies: another company's row (invisible under RLS)
    // makes this a no-op, and the call is not ours to write to.
    .onConflictDoNothing({ target: calls.retellCallId })
    .returning({ id: calls.id });
  return row?.id ?? null;
}

/** Links the call to the caller's customer unless it already has one. */
export async function linkCallCustomer(tx: Tx, companyId: string, callRowId: string, customerId: string) {
  await tx
    .update(calls)
    .set({ customerId })
    .where(and(eq(calls.companyId, companyId), eq(calls.id, callRowId), isNull(calls.customerId)));
}
