import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, id, sameCompany, timestamps } from "./_columns";
import { branches, companies } from "./companies";
import { customers } from "./customers";
import { phoneNumbers, retellAgents } from "./telephony";

// Retell's call_status values (integrations.md §1); "analyzed" is not a status there but the
// arrival of call_analyzed, kept in analyzed_at. Transitions: lib/calls/status.ts (tolerant of
// missing and out-of-order webhooks).
export const callStatus = pgEnum("call_status", ["registered", "not_connected", "ongoing", "ended", "error"]);
export const callDirection = pgEnum("call_direction", ["inbound", "outbound"]);
// Retell's transfer_started / _bridged / _cancelled / _ended, the last one seen.
export const callTransferStatus = pgEnum("call_transfer_status", ["started", "bridged", "cancelled", "ended"]);

/**
 * A phone call the voice agent took or made. Webhooks fill it in whatever order they arrive:
 * fields are only ever filled or moved on, never cleared by a later-arriving older event;
 * last_event_at is the provider time of the newest event applied.
 */
export const calls = pgTable(
  "calls",
  {
    id: id(),
    companyId: uuid()
      .notNull()
      .references(() => companies.id),
    branchId: uuid(),
    phoneNumberId: uuid(),
    retellAgentId: uuid(),
    // The caller, linked through the phone blind index (lib/customers); the appointment booked in
    // the call points here (appointments.booked_by_call_id).
    customerId: uuid(),
    // Retell's call_id: unique across companies (a webhook names only it), the idempotency key.
    retellCallId: text().notNull(),
    direction: callDirection().notNull().default("inbound"),
    status: callStatus().notNull().default("registered"),
    // E.164 or null (web calls, withheld numbers): the app stores null for anything else.
    fromNumber: text(),
    toNumber: text(),
    startedAt: timestamp({ withTimezone: true }),
    endedAt: timestamp({ withTimezone: true }),
    analyzedAt: timestamp({ withTimezone: true }),
    durationMs: bigint({ mode: "number" }),
    disconnectionReason: text(),
    summary: text(),
    sentiment: text(),
    successful: boolean(),
    // call_analysis.custom_analysis_data (absent when the call did not connect).
    analysis: jsonb().$type<Record<string, unknown>>(),
    transferStatus: callTransferStatus(),
    transferDestination: text(),
    transferredAt: timestamp({ withTimezone: true }),
    // Retell's links; they may expire (integrations.md §1.1), so the page says so when they do.
    recordingUrl: text(),
    publicLogUrl: text(),
    lastEventAt: timestamp({ withTimezone: true }),
    metadata: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("calls_retell_call_id_key").on(t.retellCallId),
    unique("calls_company_id_id_key").on(t.companyId, t.id),
    index("calls_company_id_started_at_id_idx").on(t.companyId, t.startedAt.desc(), t.id),
    index("calls_company_id_customer_id_idx").on(t.companyId, t.customerId),
    // The live board: calls not yet ended, a handful per company at any time.
    index("calls_company_id_live_idx")
      .on(t.companyId, t.startedAt)
      .where(sql`${t.status} in ('registered', 'ongoing')`),
    sameCompany("calls_branch_fk", [t.companyId, t.branchId], [branches.companyId, branches.id]),
    sameCompany("calls_phone_number_fk", [t.companyId, t.phoneNumberId], [phoneNumbers.companyId, phoneNumbers.id]),
    sameCompany("calls_agent_fk", [t.companyId, t.retellAgentId], [retellAgents.companyId, retellAgents.id]),
    sameCompany("calls_customer_fk", [t.companyId, t.customerId], [customers.companyId, customers.id]),
    check("calls_duration_ms_check", sql`${t.durationMs} is null or ${t.durationMs} >= 0`),
    check("calls_sentiment_check", sql`${t.sentiment} is null or ${t.sentiment} in ('Negative', 'Positive', 'Neutral', 'Unknown')`),
    check("calls_from_number_check", sql`${t.fromNumber} is null or ${t.fromNumber} ~ '^\\+[1-9][0-9]{6,14}$'`),
    check("calls_to_number_check", sql`${t.toNumber} is null or ${t.toNumber} ~ '^\\+[1-9][0-9]{6,14}$'`),
  ],
);

/**
 * One transcript per call; the latest wins (transcript_updated fires once per turn and a final
 * time at the end; lib/calls/transcripts.ts decides what replaces what). The turns — who spoke,
 * what, when — are personal data: one AES-256-GCM ciphertext of their JSON under the field key
 * ring, with "turns_ciphertext" and the company id as associated data (lib/crypto).
 */
export const callTranscripts = pgTable(
  "call_transcripts",
  {
    id: id(),
    companyId: uuid()
      .notNull()
      .references(() => companies.id),
    callId: uuid().notNull(),
    turnsCiphertext: text().notNull(),
    turnCount: integer().notNull(),
    // Written from call_ended / call_analyzed (the whole call): no transcript_updated replaces it.
    isFinal: boolean().notNull().default(false),
    ...timestamps,
  },
  (t) => [
    unique("call_transcripts_company_id_call_id_key").on(t.companyId, t.callId),
    sameCompany("call_transcripts_call_fk", [t.companyId, t.callId], [calls.companyId, calls.id]).onDelete("cascade"),
    check("call_transcripts_turn_count_check", sql`${t.turnCount} >= 0`),
  ],
);

// What a tool call came to: the agent got a result (ok), a speakable refusal (domain_error:
// slot taken, not the caller's appointment …), a complaint about its arguments, a refusal of
// the caller's rights (unauthorized), or our failure (error).
export const functionTraceOutcome = pgEnum("function_trace_outcome", ["ok", "domain_error", "invalid_args", "unauthorized", "error"]);

/**
 * Every tool call of the live agent (app/api/retell/functions), for the call page and debugging.
 * Append-only and written on the hot path: not audited (it is a log itself).
 */
export const functionTraces = pgTable(
  "function_traces",
  {
    id: id(),
    companyId: uuid()
      .notNull()
      .references(() => companies.id),
    callId: uuid().notNull(),
    // The tool we ran ("book_appointment"), and the name the agent used ("book_appointment_v17").
    toolName: text().notNull(),
    rawName: text().notNull(),
    arguments: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    result: jsonb().$type<unknown>(),
    outcome: functionTraceOutcome().notNull(),
    // The domain error's code ("slot_taken"), for filters and counts.
    errorCode: text(),
    latencyMs: integer().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("function_traces_company_id_call_id_created_at_idx").on(t.companyId, t.callId, t.createdAt),
    sameCompany("function_traces_call_fk", [t.companyId, t.callId], [calls.companyId, calls.id]),
    check("function_traces_latency_ms_check", sql`${t.latencyMs} >= 0`),
    check("function_traces_tool_name_check", sql`char_length(${t.toolName}) between 1 and 64 and char_length(${t.rawName}) between 1 and 64`),
  ],
);

// The increment the company is billed in: billable_seconds is duration_ms rounded up to it.
export const serviceUsageUnit = pgEnum("service_usage_unit", ["second", "minute"]);

/**
 * Billable use of the voice agent, one row per call (unique: processing call_ended twice
 * records it once), from Retell's duration_ms, never our own clock. The basis for billing.
 */
export const serviceUsageLogs = pgTable(
  "service_usage_logs",
  {
    id: id(),
    companyId: uuid()
      .notNull()
      .references(() => companies.id),
    callId: uuid().notNull(),
    durationMs: bigint({ mode: "number" }).notNull(),
    billableSeconds: integer().notNull(),
    unit: serviceUsageUnit().notNull().default("second"),
    occurredAt: timestamp({ withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    unique("service_usage_logs_company_id_call_id_key").on(t.companyId, t.callId),
    index("service_usage_logs_company_id_occurred_at_idx").on(t.companyId, t.occurredAt),
    sameCompany("service_usage_logs_call_fk", [t.companyId, t.callId], [calls.companyId, calls.id]),
    check("service_usage_logs_duration_ms_check", sql`${t.durationMs} >= 0`),
    check("service_usage_logs_billable_seconds_check", sql`${t.billableSeconds} >= 0`),
  ],
);

export type Call = typeof calls.$inferSelect;
export type CallStatus = (typeof callStatus.enumValues)[number];
export type CallTransferStatus = (typeof callTransferStatus.enumValues)[number];
export type CallTranscript = typeof callTranscripts.$inferSelect;
export type FunctionTrace = typeof functionTraces.$inferSelect;
export type NewFunctionTrace = typeof functionTraces.$inferInsert;
export type FunctionTraceOutcome = (typeof functionTraceOutcome.enumValues)[number];
export type ServiceUsageLog = typeof serviceUsageLogs.$inferSelect;
export type ServiceUsageUnit = (typeof serviceUsageUnit.enumValues)[number];
