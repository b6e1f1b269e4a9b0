import type { CallTransferStatus } from "@/db/schema";
import type { CallEventFields, IncomingCallEvent } from "@/lib/calls/status";
import { E164_PATTERN } from "@/lib/customers/normalize";
import { RETELL_SENTIMENTS, type RetellCall, type RetellCallWebhook } from "@/lib/retell/payloads";

// A Retell call webhook as the call state machine sees it (lib/calls/status.ts): the event's
// time, the status Retell reports, and the columns it can fill. Pure, so the mapping is tested
// without a database.

const e164 = (value: string | null | undefined) => (value && E164_PATTERN.test(value) ? value : null);
const date = (ms: number | null | undefined) => (typeof ms === "number" ? new Date(ms) : null);

const TRANSFER_STATUS: Record<string, CallTransferStatus> = {
  transfer_started: "started",
  transfer_bridged: "bridged",
  transfer_cancelled: "cancelled",
  transfer_ended: "ended",
};

/** A transfer destination as one line: the number when there is one, else the JSON as sent. */
export function transferDestinationText(destination: unknown): string | null {
  if (destination === null || destination === undefined) return null;
  if (typeof destination === "string") return destination.slice(0, 500);
  const number = (destination as { number?: unknown }).number;
  if (typeof number === "string") return number.slice(0, 500);
  return JSON.stringify(destination).slice(0, 500);
}

/**
 * The event's time: when the call connected for call_started, when it ended for call_ended,
 * otherwise when we received it (transcript turns, transfers and the analysis carry no time).
 */
export function eventTime(webhook: RetellCallWebhook, receivedAt: Date): Date {
  const { call } = webhook;
  if (webhook.event === "call_started") return date(call.start_timestamp) ?? receivedAt;
  if (webhook.event === "call_ended") return date(call.end_timestamp) ?? receivedAt;
  return receivedAt;
}

export function callEventFields(webhook: RetellCallWebhook, at: Date): CallEventFields {
  const call: RetellCall = webhook.call;
  const analysis = call.call_analysis;
  const sentiment = analysis?.user_sentiment;
  const fields: CallEventFields = {
    direction: call.direction ?? undefined,
    fromNumber: e164(call.from_number),
    toNumber: e164(call.to_number),
    startedAt: date(call.start_timestamp),
    endedAt: date(call.end_timestamp),
    durationMs: call.duration_ms ?? null,
    disconnectionReason: call.disconnection_reason?.slice(0, 200) ?? null,
    recordingUrl: call.recording_url ?? null,
    publicLogUrl: call.public_log_url ?? null,
  };
  if (webhook.event === "call_analyzed") {
    fields.analyzedAt = at;
    fields.summary = analysis?.call_summary ?? null;
    fields.sentiment = sentiment && (RETELL_SENTIMENTS as readonly string[]).includes(sentiment) ? sentiment : null;
    fields.successful = analysis?.call_successful ?? null;
    fields.analysis = analysis?.custom_analysis_data ?? null;
  }
  const transfer = TRANSFER_STATUS[webhook.event];
  if (transfer && "transfer_destination" in webhook) {
    fields.transferStatus = transfer;
    fields.transferDestination = transferDestinationText(webhook.transfer_destination);
    if (transfer === "started") fields.transferredAt = at;
  }
  return fields;
}

export function toIncomingCallEvent(webhook: RetellCallWebhook, receivedAt: Date): IncomingCallEvent {
  const at = eventTime(webhook, receivedAt);
  return { type: webhook.event, at, reportedStatus: webhook.call.call_status ?? null, fields: callEventFields(webhook, at) };
}

/** The customer's number: the caller on inbound calls, the called party on outbound ones. */
export function customerNumberOf(call: RetellCall): string | null {
  return e164(call.direction === "outbound" ? call.to_number : call.from_number);
}

/** Our number, which names the company: the called one on inbound calls, the caller on outbound ones. */
export function ourNumberOf(call: RetellCall): string | null {
  const number = call.direction === "outbound" ? call.from_number : call.to_number;
  return number?.trim() || null;
}

/**
 * The caller's name if the call learned it: the agent's collected dynamic variables
 * (`customer_name`, else `first_name` + `last_name`), else the post-call analysis's
 * `customer_name`. The name we sent in at call_inbound (retell_llm_dynamic_variables) is not
 * used: it came from an existing customer, who is found by phone anyway.
 */
export function callerNameOf(call: RetellCall): { firstName: string; lastName: string } | null {
  const collected = call.collected_dynamic_variables ?? {};
  const custom = call.call_analysis?.custom_analysis_data ?? {};
  const first = collected.first_name?.trim();
  const last = collected.last_name?.trim();
  if (first && last) return clip({ firstName: first, lastName: last });
  const full = [collected.customer_name, typeof custom.customer_name === "string" ? custom.customer_name : undefined]
    .map((value) => value?.trim().replace(/\s+/g, " "))
    .find((value) => value && value.includes(" "));
  if (!full) return null;
  const at = full.lastIndexOf(" ");
  return clip({ firstName: full.slice(0, at), lastName: full.slice(at + 1) });
}

const clip = (name: { firstName: string; lastName: string }) => ({ firstName: name.firstName.slice(0, 100), lastName: name.lastName.slice(0, 100) });
