import "server-only";
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { type DatabaseHandle, type Tx, withCompany } from "@/db";
import { resolvePhoneNumber } from "@/db/platform";
import { type Call, calls, callTranscripts, customers, serviceUsageLogs } from "@/db/schema";
import { newId } from "@/db/schema/_columns";
import { applyCallEvent, type CallEventFields, type CallSnapshot } from "@/lib/calls/status";
import { openTranscript, sealTranscript, shouldReplaceTranscript, turnsFromRetell } from "@/lib/calls/transcripts";
import { billableSeconds } from "@/lib/calls/usage";
import { phoneBlindIndex, sealCustomerFields } from "@/lib/customers/protect";
import { isErasedCall } from "@/lib/customers/voice-data";
import { parseRetellWebhook, type RetellCallWebhook } from "@/lib/retell/payloads";
import { callerNameOf, customerNumberOf, ourNumberOf, toIncomingCallEvent } from "./call-event";

// One stored Retell call webhook applied to the company's data (issue 5 §2–3). The company comes
// from our number in the payload (the called one on inbound calls) through the phone-number
// registry, never from anything else the payload says; everything after that runs in
// withCompany, so RLS keeps it in that company. Safe to run for every delivery in any order and
// more than once: the call row goes through applyCallEvent (never backwards, never cleared), the
// transcript through shouldReplaceTranscript, usage is one row per call (ON CONFLICT DO NOTHING).
// Deliveries of one call are serialised by a transaction-scoped advisory lock on its call id.
// A call whose customer was erased (calls.metadata marked, lib/customers/voice-data.ts) takes no
// personal data from a late or replayed delivery: no numbers, summary, analysis, links,
// transcript or customer link; status, times, duration and usage still apply.

export type RetellProcessingOutcome =
  | { status: "processed"; companyId: string; callId: string; created: boolean }
  | { status: "ignored"; companyId: string | null; reason: string };

export type ProcessOptions = { receivedAt: Date; handle?: DatabaseHandle };

export async function processRetellEvent(payload: unknown, options: ProcessOptions): Promise<RetellProcessingOutcome> {
  const parsed = parseRetellWebhook(payload);
  if (!parsed.ok) return { status: "ignored", companyId: null, reason: parsed.reason === "unknown_event" ? `unhandled event type ${parsed.event}` : "invalid payload" };
  const webhook = parsed.webhook;
  const number = ourNumberOf(webhook.call);
  if (!number) return { status: "ignored", companyId: null, reason: "no phone number of ours in the call (web call?)" };
  const resolved = await resolvePhoneNumber(number, options.handle);
  if (!resolved) return { status: "ignored", companyId: null, reason: "unknown phone number" };

  const { companyId } = resolved;
  return withCompany(
    companyId,
    async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`retell-call:${webhook.call.call_id}`}, 0))`);
      const call = await applyToCall(tx, companyId, webhook, options.receivedAt, {
        branchId: resolved.branchId,
        phoneNumberId: resolved.phoneNumberId,
        retellAgentId: resolved.agentId,
      });
      if (!call) return { status: "ignored" as const, companyId, reason: "call id belongs to another company" };
      if (!call.erased) await storeTranscript(tx, companyId, call.row.id, webhook);
      if (webhook.event === "call_ended" || webhook.event === "call_analyzed") await recordUsage(tx, companyId, call.row);
      if (!call.row.customerId && !call.erased) await linkCustomer(tx, companyId, call.row.id, webhook);
      return { status: "processed" as const, companyId, callId: call.row.id, created: call.created };
    },
    { handle: options.handle },
  );
}

type CallLinks = { branchId: string; phoneNumberId: string; retellAgentId: string | null };

async function applyToCall(tx: Tx, companyId: string, webhook: RetellCallWebhook, receivedAt: Date, links: CallLinks) {
  const [current] = await tx.select().from(calls).where(eq(calls.retellCallId, webhook.call.call_id)).limit(1);
  const incoming = toIncomingCallEvent(webhook, receivedAt);
  const erased = current ? isErasedCall(current.metadata) : false;
  // An erased call (GDPR erasure of its customer) takes status, times and duration only.
  if (erased) incoming.fields = withoutPersonalFields(incoming.fields);
  const next = applyCallEvent(current ? snapshotOf(current) : null, incoming);
  if (!current) {
    const metadata = webhook.call.metadata;
    const [row] = await tx
      .insert(calls)
      .values({
        id: newId(),
        companyId,
        retellCallId: webhook.call.call_id,
        ...links,
        ...next.patch,
        status: next.status,
        lastEventAt: next.lastEventAt,
        metadata: metadata && typeof metadata === "object" && !Array.isArray(metadata) ? (metadata as Record<string, unknown>) : {},
      })
      // Retell's call id is unique across companies; a row of another company (invisible here)
      // makes the insert a no-op instead of a write into it.
      .onConflictDoNothing({ target: calls.retellCallId })
      .returning();
    return row ? { row, created: true, erased: false } : null;
  }
  if (!next.changed) return { row: current, created: false, erased };
  const [row] = await tx
    .update(calls)
    .set({ ...next.patch, status: next.status, lastEventAt: next.lastEventAt })
    .where(and(eq(calls.companyId, companyId), eq(calls.id, current.id)))
    .returning();
  return { row: row!, created: false, erased };
}

/** The event's columns without what erasure removed (lib/customers/voice-data.ts). */
function withoutPersonalFields(fields: CallEventFields): CallEventFields {
  const { fromNumber: _from, toNumber: _to, summary: _summary, analysis: _analysis, recordingUrl: _recording, publicLogUrl: _log, ...kept } = fields;
  return kept;
}

function snapshotOf(row: Call): CallSnapshot {
  return row;
}

/** Latest wins (lib/calls/transcripts.ts); an identical transcript is not rewritten. */
async function storeTranscript(tx: Tx, companyId: string, callId: string, webhook: RetellCallWebhook) {
  const turns = turnsFromRetell(webhook.call);
  if (turns.length === 0) return;
  const isFinal = webhook.event === "call_ended" || webhook.event === "call_analyzed";
  const [stored] = await tx.select().from(callTranscripts).where(eq(callTranscripts.callId, callId)).limit(1);
  if (!shouldReplaceTranscript(stored ?? null, { turnCount: turns.length, isFinal })) return;
  if (stored && stored.isFinal === isFinal && JSON.stringify(openTranscript(stored)) === JSON.stringify(turns)) return;
  const sealed = sealTranscript(companyId, turns, { isFinal });
  await tx
    .insert(callTranscripts)
    .values({ id: newId(), companyId, callId, ...sealed })
    .onConflictDoUpdate({ target: [callTranscripts.companyId, callTranscripts.callId], set: sealed });
}

/** One usage row per call, from Retell's duration_ms (never our clock); a second end is a no-op. */
async function recordUsage(tx: Tx, companyId: string, call: Call) {
  if (call.durationMs === null) return;
  await tx
    .insert(serviceUsageLogs)
    .values({
      id: newId(),
      companyId,
      callId: call.id,
      durationMs: call.durationMs,
      billableSeconds: billableSeconds(call.durationMs, "second"),
      unit: "second",
      occurredAt: call.endedAt ?? call.startedAt ?? call.lastEventAt ?? new Date(),
    })
    .onConflictDoNothing({ target: [serviceUsageLogs.companyId, serviceUsageLogs.callId] });
}

/**
 * Links the call to the customer with the caller's number (phone blind index). None: a customer
 * is created only when the call learned a first and last name (callerNameOf); a bare number is
 * not a customer. Several: the one with the same name, else the oldest. The creation is
 * serialised per number, so two calls of a new caller at once make one customer.
 */
async function linkCustomer(tx: Tx, companyId: string, callId: string, webhook: RetellCallWebhook) {
  const phone = customerNumberOf(webhook.call);
  if (!phone) return;
  const index = phoneBlindIndex(phone);
  const name = callerNameOf(webhook.call);
  const find = async () => {
    const found = await tx
      .select({ id: customers.id, firstName: customers.firstName, lastName: customers.lastName })
      .from(customers)
      .where(and(eq(customers.companyId, companyId), eq(customers.phoneBlindIndex, index), isNull(customers.deletedAt)))
      .orderBy(asc(customers.createdAt), asc(customers.id))
      .limit(20);
    const same = name && found.find((c) => c.firstName === name.firstName && c.lastName === name.lastName);
    return (same || found[0])?.id ?? null;
  };
  let customerId = await find();
  if (!customerId && name) {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`customer-phone:${companyId}:${index}`}, 0))`);
    customerId = await find();
    if (!customerId) {
      customerId = newId();
      await tx.insert(customers).values({ id: customerId, companyId, ...name, ...sealCustomerFields(companyId, { phone }) });
    }
  }
  if (customerId) {
    await tx.update(calls).set({ customerId }).where(and(eq(calls.companyId, companyId), eq(calls.id, callId), isNull(calls.customerId)));
  }
}
