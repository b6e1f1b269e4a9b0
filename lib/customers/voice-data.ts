import "server-only";
import { and, asc, eq, inArray, isNotNull, isNull, ne, or, sql } from "drizzle-orm";
import { rowsOf, type Tx } from "@/db";
import { callbackRequests, calls, callTranscripts, customers, functionTraces, toolInvocations } from "@/db/schema";
import { sealCallbackPhone } from "@/lib/callbacks/protect";
import { OPEN_CALLBACK_STATUSES } from "@/lib/callbacks/status";
import { decryptField, FieldDecryptionError } from "@/lib/crypto/field-encryption";
import { CUSTOMER_CIPHERTEXT_COLUMNS } from "./protect";

// What the voice agent stored about a person (issue 5), for the GDPR export and erasure of a
// customer (and the records merged into it, "the family"):
//   - calls linked to the family (calls.customer_id), and calls linked to nobody whose customer
//     side (the caller of an inbound call, the callee of an outbound one) is one of the family's
//     numbers. A call linked to another customer with the same number (a shared landline) is
//     that customer's, not this one's.
//   - their transcripts (call_transcripts), tool calls (function_traces) and the idempotency
//     cache of their tools (tool_invocations, a day's worth at most);
//   - callback requests linked to the family, and unlinked ones with a family number (phone
//     blind index) or made in one of the person's calls.
//
// Erasure keeps the statistics (call rows with status, direction, times, duration, sentiment,
// billing usage; the number of tool calls with outcome and latency; callback rows with priority
// and times) and removes the person: see eraseVoiceData.

/** The key in calls.metadata that marks an erased call; late webhooks then fill in nothing personal. */
export const ERASED_CALL_MARKER = "erasedAt";

/**
 * The phone blind index of an erased callback. Blind indexes are HMACs of an E.164 number, so no
 * lookup ever produces this; the column is NOT NULL, so it cannot be emptied.
 */
export const ERASED_CALLBACK_PHONE_INDEX = "erased";

/**
 * The clear number stored (sealed) in an erased callback: phone_ciphertext is NOT NULL and must
 * stay a ciphertext of the company (key rotation re-encrypts every row), so it holds the empty
 * string, which the callbacks list shows as no number.
 */
export const ERASED_CALLBACK_PHONE = "";

export type PersonVoiceScope = {
  /** The family's numbers in the clear (those that decrypt) and their phone blind indexes. */
  phones: string[];
  phoneIndexes: string[];
  calls: { id: string; retellCallId: string }[];
  callbackIds: string[];
};

/** Finds the person's calls and callback requests (see above). Reads only; call it in withCompany. */
export async function personVoiceScope(tx: Tx, companyId: string, family: string[]): Promise<PersonVoiceScope> {
  const rows = await tx
    .select({ phoneCiphertext: customers.phoneCiphertext, phoneBlindIndex: customers.phoneBlindIndex })
    .from(customers)
    .where(and(eq(customers.companyId, companyId), inArray(customers.id, family)));
  const phones = new Set<string>();
  const phoneIndexes = new Set<string>();
  for (const row of rows) {
    if (row.phoneBlindIndex) phoneIndexes.add(row.phoneBlindIndex);
    if (!row.phoneCiphertext) continue;
    try {
      phones.add(decryptField(row.phoneCiphertext, { companyId, column: CUSTOMER_CIPHERTEXT_COLUMNS.phone }));
    } catch (error) {
      // A number under a lost key: its calls are found through customer_id only.
      if (!(error instanceof FieldDecryptionError)) throw error;
    }
  }
  const numbers = [...phones];

  const callRows = await tx
    .select({ id: calls.id, retellCallId: calls.retellCallId })
    .from(calls)
    .where(
      and(
        eq(calls.companyId, companyId),
        or(
          inArray(calls.customerId, family),
          numbers.length === 0
            ? undefined
            : and(
                isNull(calls.customerId),
                or(
                  and(eq(calls.direction, "inbound"), inArray(calls.fromNumber, numbers)),
                  and(eq(calls.direction, "outbound"), inArray(calls.toNumber, numbers)),
                ),
              ),
        ),
      ),
    )
    .orderBy(asc(calls.startedAt), asc(calls.id));
  const callIds = callRows.map((c) => c.id);
  const indexes = [...phoneIndexes];

  const callbackRows = await tx
    .select({ id: callbackRequests.id })
    .from(callbackRequests)
    .where(
      and(
        eq(callbackRequests.companyId, companyId),
        or(
          inArray(callbackRequests.customerId, family),
          and(isNull(callbackRequests.customerId), or(inArray(callbackRequests.phoneBlindIndex, indexes), inArray(callbackRequests.callId, callIds))),
        ),
      ),
    )
    .orderBy(asc(callbackRequests.createdAt), asc(callbackRequests.id));

  return { phones: numbers, phoneIndexes: indexes, calls: callRows, callbackIds: callbackRows.map((c) => c.id) };
}

export type VoiceErasure = { calls: number; transcripts: number; traces: number; invocations: number; inbox: number; callbacks: number };

/**
 * Removes the person from their voice data, keeping the statistics:
 *   - calls: the customer's number (caller of an inbound, callee of an outbound call; NULL, which
 *     the E.164 check allows and the app reads as "withheld": no made-up number that might be
 *     someone's), the summary and the post-call analysis (it holds what the agent extracted, the
 *     caller's name among it), the recording and log links, and Retell's metadata, which becomes
 *     { erasedAt } — the mark that keeps late or replayed webhooks from filling them in again
 *     (lib/voice/webhooks/process-retell-event.ts). Status, direction, times, duration,
 *     sentiment, success, our number and the customer link (to the erased customer) stay.
 *   - call_transcripts: deleted.
 *   - function_traces: arguments become {} and the result null; tool, outcome, error code and
 *     latency stay.
 *   - tool_invocations (the retry cache of the writing tools, purged after a day anyway): deleted.
 *   - the webhook inbox's raw Retell payloads of those calls (kept ~6 months): stripped to the
 *     event name and call id by app_webhook_events_erase_calls (drizzle/0025); rows not processed
 *     yet are finished as ignored.
 *   - callback_requests: name and reason cleared, the number sealed as "" with the marker index;
 *     one still open can no longer be returned, so it expires now (the sweep would otherwise
 *     escalate it). Priority, branch, times and finished statuses stay.
 * Running it again changes nothing (the counts are of rows changed).
 */
export async function eraseVoiceData(tx: Tx, companyId: string, scope: PersonVoiceScope, now: Date): Promise<VoiceErasure> {
  const callIds = scope.calls.map((c) => c.id);
  const retellCallIds = scope.calls.map((c) => c.retellCallId);
  const done = { calls: 0, transcripts: 0, traces: 0, invocations: 0, inbox: 0, callbacks: 0 };

  if (callIds.length > 0) {
    const ofCalls = and(eq(calls.companyId, companyId), inArray(calls.id, callIds));
    const inbound = eq(calls.direction, "inbound");
    const outbound = eq(calls.direction, "outbound");
    const marker = sql`${ERASED_CALL_MARKER}::text`;
    done.calls = (
      await tx
        .update(calls)
        .set({
          fromNumber: sql`case when ${inbound} then null else ${calls.fromNumber} end`,
          toNumber: sql`case when ${outbound} then null else ${calls.toNumber} end`,
          summary: null,
          analysis: null,
          recordingUrl: null,
          publicLogUrl: null,
          // Nothing of Retell's metadata is kept; an earlier erasure's time is.
          metadata: sql`jsonb_build_object(${marker}, coalesce(${calls.metadata} ->> ${marker}, ${now.toISOString()}::text))`,
        })
        .where(
          and(
            ofCalls,
            or(
              sql`${calls.metadata} ->> ${marker} is null`,
              sql`${calls.metadata} - ${marker} <> '{}'::jsonb`,
              isNotNull(calls.summary),
              isNotNull(calls.analysis),
              isNotNull(calls.recordingUrl),
              isNotNull(calls.publicLogUrl),
              and(inbound, isNotNull(calls.fromNumber)),
              and(outbound, isNotNull(calls.toNumber)),
            ),
          ),
        )
        .returning({ id: calls.id })
    ).length;

    done.transcripts = (
      await tx
        .delete(callTranscripts)
        .where(and(eq(callTranscripts.companyId, companyId), inArray(callTranscripts.callId, callIds)))
        .returning({ id: callTranscripts.id })
    ).length;

    done.traces = (
      await tx
        .update(functionTraces)
        .set({ arguments: {}, result: null })
        .where(
          and(
            eq(functionTraces.companyId, companyId),
            inArray(functionTraces.callId, callIds),
            or(sql`${functionTraces.arguments} <> '{}'::jsonb`, isNotNull(functionTraces.result)),
          ),
        )
        .returning({ id: functionTraces.id })
    ).length;

    done.invocations = (
      await tx
        .delete(toolInvocations)
        .where(and(eq(toolInvocations.companyId, companyId), inArray(toolInvocations.retellCallId, retellCallIds)))
        .returning({ id: toolInvocations.id })
    ).length;

    const [inbox] = rowsOf<{ erased: number }>(
      await tx.execute(sql`select app_webhook_events_erase_calls(array[${sql.join(retellCallIds.map((id) => sql`${id}`), sql`, `)}]::text[]) as erased`),
    );
    done.inbox = Number(inbox?.erased ?? 0);
  }

  if (scope.callbackIds.length > 0) {
    const open = inArray(callbackRequests.status, [...OPEN_CALLBACK_STATUSES]);
    done.callbacks = (
      await tx
        .update(callbackRequests)
        .set({
          name: null,
          reason: null,
          phoneCiphertext: sealCallbackPhone(companyId, ERASED_CALLBACK_PHONE).phoneCiphertext,
          phoneBlindIndex: ERASED_CALLBACK_PHONE_INDEX,
          status: sql`case when ${open} then 'expired'::callback_status else ${callbackRequests.status} end`,
          expiredAt: sql`case when ${open} then ${now.toISOString()}::timestamptz else ${callbackRequests.expiredAt} end`,
        })
        .where(
          and(
            eq(callbackRequests.companyId, companyId),
            inArray(callbackRequests.id, scope.callbackIds),
            or(ne(callbackRequests.phoneBlindIndex, ERASED_CALLBACK_PHONE_INDEX), isNotNull(callbackRequests.name), isNotNull(callbackRequests.reason), open),
          ),
        )
        .returning({ id: callbackRequests.id })
    ).length;
  }
  return done;
}

/** An erased call's mark (calls.metadata), for the webhook processing. */
export function isErasedCall(metadata: unknown): boolean {
  return Boolean(metadata && typeof metadata === "object" && ERASED_CALL_MARKER in metadata);
}
