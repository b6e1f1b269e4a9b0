import { sql } from "drizzle-orm";
import { bigint, boolean, check, index, jsonb, pgEnum, pgTable, text, timestamp, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { id, sameCompany, timestamps } from "./_columns";
import { branches, companies } from "./companies";
import { customers } from "./customers";
import { phoneNumbers, retellAgents } from "./telephony";

// Retell's call_status values (integrations.md §1); "analyzed" is not a status there but the
// arrival of call_analyzed, kept in analyzed_at.
export const callStatus = pgEnum("call_status", ["registered", "not_connected", "ongoing", "ended", "error"]);
export const callDirection = pgEnum("call_direction", ["inbound", "outbound"]);

/** A phone call the voice agent took or made. The voice-agent issue adds transcripts and traces. */
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
    customerId: uuid(),
    // Retell's call_id: unique across companies (a webhook names only it), the idempotency key.
    retellCallId: text().notNull(),
    direction: callDirection().notNull().default("inbound"),
    status: callStatus().notNull().default("registered"),
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
    metadata: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("calls_retell_call_id_key").on(t.retellCallId),
    unique("calls_company_id_id_key").on(t.companyId, t.id),
    index("calls_company_id_started_at_id_idx").on(t.companyId, t.startedAt.desc(), t.id),
    index("calls_company_id_customer_id_idx").on(t.companyId, t.customerId),
    sameCompany("calls_branch_fk", [t.companyId, t.branchId], [branches.companyId, branches.id]),
    sameCompany("calls_phone_number_fk", [t.companyId, t.phoneNumberId], [phoneNumbers.companyId, phoneNumbers.id]),
    sameCompany("calls_agent_fk", [t.companyId, t.retellAgentId], [retellAgents.companyId, retellAgents.id]),
    sameCompany("calls_customer_fk", [t.companyId, t.customerId], [customers.companyId, customers.id]),
    check("calls_duration_ms_check", sql`${t.durationMs} is null or ${t.durationMs} >= 0`),
    check("calls_sentiment_check", sql`${t.sentiment} is null or ${t.sentiment} in ('Negative', 'Positive', 'Neutral', 'Unknown')`),
  ],
);

export type Call = typeof calls.$inferSelect;
export type CallStatus = (typeof callStatus.enumValues)[number];
