import { sql } from "drizzle-orm";
import { check, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, sameCompany } from "./_columns";
import { branches, companies } from "./companies";
import { services } from "./services";
import { staff } from "./staff";

// Short-lived bookkeeping of the live tools (app/api/retell/functions). Both are keyed on
// Retell's call id string, which every tool request carries, so neither waits for the calls row.
// Not audited: they are a cache and a lock, not business data (the appointment they lead to is).
// app_voice_purge_expired (drizzle/0024) removes what is no longer needed.

/**
 * Idempotent tools: Retell retries a tool call that timed out, so the same booking can arrive
 * two or three times at once. The first delivery inserts its key (call, tool, hash of the
 * normalized arguments) in the same transaction that books; the unique index makes concurrent
 * identical deliveries wait for that transaction, find the key taken (ON CONFLICT DO NOTHING)
 * and answer the stored response instead of booking again. A rolled-back first attempt leaves no
 * key, so the next delivery books.
 */
export const toolInvocations = pgTable(
  "tool_invocations",
  {
    id: id(),
    companyId: uuid()
      .notNull()
      .references(() => companies.id),
    retellCallId: text().notNull(),
    tool: text().notNull(),
    // hex SHA-256 of the normalized arguments (lib/calls or the tool layer normalizes).
    argsHash: text().notNull(),
    // The envelope the agent got; null only inside the transaction that is producing it.
    response: jsonb().$type<unknown>(),
    createdAt: createdAt(),
    completedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex("tool_invocations_company_id_call_tool_args_key").on(t.companyId, t.retellCallId, t.tool, t.argsHash),
    index("tool_invocations_created_at_idx").on(t.createdAt),
    check("tool_invocations_args_hash_check", sql`${t.argsHash} ~ '^[0-9a-f]{64}$'`),
  ],
);

/**
 * A slot held for one call between check_availability and book_appointment, so another caller
 * cannot take it while this one says "yes". An exclusion constraint (drizzle/0024) keeps holds
 * of different calls on one staff member from overlapping; the same call may hold several.
 *
 * An exclusion constraint cannot see time (its predicate must be immutable), so an expired hold
 * still occupies the index until deleted. Hence: a new hold first deletes expired holds that
 * overlap it, in the same transaction, then inserts (23P01 then means a live hold of another
 * call); availability and booking ignore holds with expires_at <= now() and the caller's own;
 * app_voice_purge_expired sweeps the rest.
 */
export const slotHolds = pgTable(
  "slot_holds",
  {
    id: id(),
    companyId: uuid()
      .notNull()
      .references(() => companies.id),
    retellCallId: text().notNull(),
    branchId: uuid().notNull(),
    staffId: uuid().notNull(),
    serviceId: uuid(),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    endsAt: timestamp({ withTimezone: true }).notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("slot_holds_company_id_call_idx").on(t.companyId, t.retellCallId),
    index("slot_holds_expires_at_idx").on(t.expiresAt),
    sameCompany("slot_holds_branch_fk", [t.companyId, t.branchId], [branches.companyId, branches.id]),
    sameCompany("slot_holds_staff_fk", [t.companyId, t.staffId], [staff.companyId, staff.id]),
    sameCompany("slot_holds_service_fk", [t.companyId, t.serviceId], [services.companyId, services.id]),
    check("slot_holds_time_order_check", sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

export type ToolInvocation = typeof toolInvocations.$inferSelect;
export type SlotHold = typeof slotHolds.$inferSelect;
