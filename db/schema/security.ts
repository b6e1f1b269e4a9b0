import { sql } from "drizzle-orm";
import { bigint, check, index, inet, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { createdAt, id } from "./_columns";
import { companies } from "./companies";
import { users } from "./users";

/**
 * Security-relevant events (sign-in failures and throttles, permission denials, 2FA changes,
 * token changes, bad webhook signatures). company_id is null where no company is known (an
 * unknown email); such rows are visible to platform admins only. Written only through the
 * SECURITY DEFINER function app_record_security_event.
 */
export const securityEvents = pgTable(
  "security_events",
  {
    id: id(),
    companyId: uuid().references(() => companies.id),
    userId: uuid().references(() => users.id, { onDelete: "set null" }),
    type: text().notNull(),
    ip: inet(),
    userAgent: text(),
    details: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [
    index("security_events_company_id_created_at_id_idx").on(t.companyId, t.createdAt, t.id),
    index("security_events_company_id_type_created_at_idx").on(t.companyId, t.type, t.createdAt),
    index("security_events_user_id_created_at_idx").on(t.userId, t.createdAt),
    index("security_events_created_at_idx").on(t.createdAt),
    check("security_events_type_check", sql`${t.type} ~ '^[a-z][a-z0-9_.]{2,63}$'`),
  ],
);

/**
 * Append-only audit trail written by PostgreSQL triggers in the same transaction as the change,
 * hash-chained per company (company_id null: the platform chain). See drizzle/0004_audit_trail.sql.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    companyId: uuid(),
    // Position in the company's chain, 1, 2, 3 … without gaps.
    seq: bigint({ mode: "number" }).notNull(),
    tableName: text().notNull(),
    rowId: text().notNull(),
    action: text().notNull(),
    actorUserId: uuid(),
    requestId: text(),
    oldValues: jsonb().$type<Record<string, unknown>>(),
    newValues: jsonb().$type<Record<string, unknown>>(),
    createdAt: timestamp({ withTimezone: true }).notNull().default(sql`clock_timestamp()`),
    prevHash: text().notNull(),
    hash: text().notNull(),
  },
  (t) => [
    index("audit_log_company_id_seq_idx").on(t.companyId, t.seq),
    index("audit_log_company_id_table_name_row_id_idx").on(t.companyId, t.tableName, t.rowId),
    index("audit_log_company_id_actor_user_id_created_at_idx").on(t.companyId, t.actorUserId, t.createdAt),
    check("audit_log_action_check", sql`${t.action} in ('insert', 'update', 'delete', 'soft_delete', 'restore')`),
  ],
);

export type SecurityEvent = typeof securityEvents.$inferSelect;
export type AuditEntry = typeof auditLog.$inferSelect;
