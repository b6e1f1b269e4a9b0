import "server-only";
import { and, desc, eq, lt, type SQL } from "drizzle-orm";
import { type CompanyContext, withCompany } from "@/db";
import { auditLog, users } from "@/db/schema";

// Reading the audit trail of one company, under its row-level security (the runtime role may
// only select audit_log; rows come from the triggers of drizzle/0004_audit_trail.sql).
// Newest first by the chain position, keyset-paginated: "load older" passes the last seq seen.

export const AUDIT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 200;

export type AuditAction = "insert" | "update" | "delete" | "soft_delete" | "restore";

export type AuditEntryView = {
  id: number;
  seq: number;
  createdAt: Date;
  tableName: string;
  rowId: string;
  action: AuditAction;
  actorUserId: string | null;
  /** The actor's current name, when the actor is a user of this company (not a platform admin). */
  actorName: string | null;
  requestId: string | null;
  oldValues: Record<string, unknown> | null;
  newValues: Record<string, unknown> | null;
};

export type AuditFilter = {
  tableName?: string;
  rowId?: string;
  actorUserId?: string;
};

export type AuditPageRequest = {
  /** Only entries older than this chain position (the last seq of the previous page). */
  beforeSeq?: number;
  limit?: number;
};

export type AuditPage = {
  entries: AuditEntryView[];
  /** The beforeSeq of the next (older) page, or null when this was the last one. */
  nextBeforeSeq: number | null;
};

export async function listAuditEntries(
  companyId: string,
  filter: AuditFilter = {},
  page: AuditPageRequest = {},
  context: CompanyContext = {},
): Promise<AuditPage> {
  const limit = Math.min(Math.max(Math.trunc(page.limit ?? AUDIT_PAGE_SIZE), 1), MAX_PAGE_SIZE);
  const conditions: SQL[] = [eq(auditLog.companyId, companyId)];
  if (filter.tableName) conditions.push(eq(auditLog.tableName, filter.tableName));
  if (filter.rowId) conditions.push(eq(auditLog.rowId, filter.rowId));
  if (filter.actorUserId) conditions.push(eq(auditLog.actorUserId, filter.actorUserId));
  if (page.beforeSeq !== undefined) conditions.push(lt(auditLog.seq, page.beforeSeq));

  const rows = await withCompany(
    companyId,
    (tx) =>
      tx
        .select({
          id: auditLog.id,
          seq: auditLog.seq,
          createdAt: auditLog.createdAt,
          tableName: auditLog.tableName,
          rowId: auditLog.rowId,
          action: auditLog.action,
          actorUserId: auditLog.actorUserId,
          actorName: users.name,
          requestId: auditLog.requestId,
          oldValues: auditLog.oldValues,
          newValues: auditLog.newValues,
        })
        .from(auditLog)
        .leftJoin(users, and(eq(users.companyId, auditLog.companyId), eq(users.id, auditLog.actorUserId)))
        .where(and(...conditions))
        .orderBy(desc(auditLog.seq))
        .limit(limit + 1),
    context,
  );
  const entries = rows.slice(0, limit).map((row) => ({
    ...row,
    id: Number(row.id),
    seq: Number(row.seq),
    action: row.action as AuditAction,
  }));
  const last = entries.at(-1);
  return { entries, nextBeforeSeq: rows.length > limit && last ? last.seq : null };
}

/** The history of one row (table name and row id as the audit trail writes them). */
export function listAuditForEntity(
  companyId: string,
  tableName: string,
  rowId: string,
  page: AuditPageRequest = {},
  context: CompanyContext = {},
): Promise<AuditPage> {
  return listAuditEntries(companyId, { tableName, rowId }, page, context);
}

/** What one user did in the company. */
export function listAuditForActor(
  companyId: string,
  actorUserId: string,
  page: AuditPageRequest = {},
  context: CompanyContext = {},
): Promise<AuditPage> {
  return listAuditEntries(companyId, { actorUserId }, page, context);
}

/** The users of the company who appear as actors, for the filter (id → name). */
export async function listAuditActors(companyId: string, context: CompanyContext = {}) {
  return withCompany(
    companyId,
    (tx) =>
      tx
        .select({ id: users.id, name: users.name })
        .from(users)
        .where(eq(users.companyId, companyId))
        .orderBy(users.name, users.id),
    context,
  );
}
