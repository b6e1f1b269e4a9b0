import { sql } from "drizzle-orm";
import { check, index, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { id, sameCompany, softDelete, timestamps } from "./_columns";
import { calls } from "./calls";
import { branches, companies } from "./companies";
import { customers } from "./customers";
import { users } from "./users";

export const callbackPriority = pgEnum("callback_priority", ["low", "normal", "high", "urgent"]);
// open → assigned → contacted → completed; open/assigned/contacted → expired (the sweep, when
// stale). The timestamps of each step are kept; checks below keep status and stamps consistent.
export const callbackStatus = pgEnum("callback_status", ["open", "assigned", "contacted", "completed", "expired"]);

/**
 * A caller asked to be called back (the request_callback tool, or staff from a call page).
 * The number to call is personal data: an AES-256-GCM ciphertext (associated data
 * "phone_ciphertext" and the company id, lib/crypto) and a blind index of its E.164 form, like
 * customers. The audit trigger redacts both by name, and name/reason by list (drizzle/0024).
 */
export const callbackRequests = pgTable(
  "callback_requests",
  {
    id: id(),
    companyId: uuid()
      .notNull()
      .references(() => companies.id),
    branchId: uuid().notNull(),
    callId: uuid(),
    customerId: uuid(),
    phoneCiphertext: text().notNull(),
    phoneBlindIndex: text().notNull(),
    name: text(),
    reason: text(),
    priority: callbackPriority().notNull().default("normal"),
    status: callbackStatus().notNull().default("open"),
    assignedToUserId: uuid(),
    createdByUserId: uuid(),
    dueAt: timestamp({ withTimezone: true }).notNull(),
    contactedAt: timestamp({ withTimezone: true }),
    completedAt: timestamp({ withTimezone: true }),
    expiredAt: timestamp({ withTimezone: true }),
    // Set once by the overdue sweep when it mailed the branch manager: it mails once.
    escalatedAt: timestamp({ withTimezone: true }),
    ...timestamps,
    ...softDelete,
  },
  (t) => [
    index("callback_requests_company_id_status_due_at_idx").on(t.companyId, t.status, t.dueAt),
    index("callback_requests_company_id_branch_id_status_due_at_idx").on(t.companyId, t.branchId, t.status, t.dueAt),
    index("callback_requests_company_id_call_id_idx").on(t.companyId, t.callId),
    index("callback_requests_company_id_phone_blind_index_idx").on(t.companyId, t.phoneBlindIndex),
    // The escalation/expiry sweep across companies (app_callback_requests_sweep): open work only.
    index("callback_requests_sweep_idx")
      .on(t.dueAt)
      .where(sql`${t.status} in ('open', 'assigned', 'contacted') and ${t.deletedAt} is null`),
    sameCompany("callback_requests_branch_fk", [t.companyId, t.branchId], [branches.companyId, branches.id]),
    sameCompany("callback_requests_call_fk", [t.companyId, t.callId], [calls.companyId, calls.id]),
    sameCompany("callback_requests_customer_fk", [t.companyId, t.customerId], [customers.companyId, customers.id]),
    sameCompany("callback_requests_assignee_fk", [t.companyId, t.assignedToUserId], [users.companyId, users.id]),
    sameCompany("callback_requests_created_by_fk", [t.companyId, t.createdByUserId], [users.companyId, users.id]),
    check("callback_requests_name_check", sql`${t.name} is null or char_length(${t.name}) between 1 and 200`),
    check("callback_requests_reason_check", sql`${t.reason} is null or char_length(${t.reason}) between 1 and 2000`),
    check("callback_requests_assigned_check", sql`${t.status} <> 'assigned' or ${t.assignedToUserId} is not null`),
    check("callback_requests_contacted_check", sql`${t.status} <> 'contacted' or ${t.contactedAt} is not null`),
    check("callback_requests_completed_check", sql`${t.status} <> 'completed' or ${t.completedAt} is not null`),
    check("callback_requests_expired_check", sql`${t.status} <> 'expired' or ${t.expiredAt} is not null`),
  ],
);

export type CallbackRequest = typeof callbackRequests.$inferSelect;
export type NewCallbackRequest = typeof callbackRequests.$inferInsert;
export type CallbackPriority = (typeof callbackPriority.enumValues)[number];
export type CallbackStatus = (typeof callbackStatus.enumValues)[number];
