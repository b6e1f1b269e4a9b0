import "server-only";
import { and, desc, eq, gte, lt, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { rowsOf, withCompany } from "@/db";
import { listSecurityEventsForPlatformAdmin } from "@/db/platform";
import { securityEvents, users } from "@/db/schema";

// The security-events page: filters by type, user and time, newest first, keyset pages of 50.

export const PAGE_SIZE = 50;

const uuid = z.uuid();
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** Search params of the page; anything malformed is dropped rather than failing the page. */
export const securityEventFiltersSchema = z.object({
  type: z.string().regex(/^[a-z][a-z0-9_.]{2,63}$/).optional().catch(undefined),
  user: uuid.optional().catch(undefined),
  from: isoDay.optional().catch(undefined),
  to: isoDay.optional().catch(undefined),
  /** "<createdAt ISO>_<id>" of the last row shown. */
  cursor: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z_[0-9a-f-]{36}$/i)
    .optional()
    .catch(undefined),
  /** Platform admins: every company and the events without one. */
  scope: z.enum(["company", "all"]).optional().catch(undefined),
});

export type SecurityEventFilters = z.infer<typeof securityEventFiltersSchema>;

export type SecurityEventRow = {
  id: string;
  type: string;
  createdAt: Date;
  userId: string | null;
  userName: string | null;
  companyId: string | null;
  ip: string | null;
  userAgent: string | null;
  details: Record<string, unknown>;
};

export type SecurityEventPage = { rows: SecurityEventRow[]; nextCursor: string | null };

/**
 * The cursor carries created_at exactly as PostgreSQL holds it (microseconds): a JavaScript Date
 * keeps only milliseconds, and a truncated cursor skips the rows between the two.
 */
function parseCursor(cursor?: string) {
  if (!cursor) return null;
  const split = cursor.lastIndexOf("_");
  const at = cursor.slice(0, split);
  return Number.isNaN(new Date(at).getTime()) ? null : { at, id: cursor.slice(split + 1) };
}

/** created_at in UTC with all six fractional digits, for cursors. */
const exactTimestamp = (column: SQL | typeof securityEvents.createdAt) =>
  sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** Day bounds are UTC midnights of the given dates; "to" includes its whole day. */
function dayRange(filters: SecurityEventFilters) {
  const from = filters.from ? new Date(`${filters.from}T00:00:00Z`) : null;
  const to = filters.to ? new Date(new Date(`${filters.to}T00:00:00Z`).getTime() + 86_400_000) : null;
  return { from, to };
}

function pageOf(rows: (SecurityEventRow & { cursorAt: string })[]): SecurityEventPage {
  const more = rows.length > PAGE_SIZE;
  const shown = more ? rows.slice(0, PAGE_SIZE) : rows;
  const last = shown.at(-1);
  return {
    rows: shown.map(({ cursorAt: _, ...row }) => row),
    nextCursor: more && last ? `${last.cursorAt}_${last.id}` : null,
  };
}

/** The events of one company (RLS keeps it to that company). */
export async function listCompanySecurityEvents(companyId: string, filters: SecurityEventFilters): Promise<SecurityEventPage> {
  const cursor = parseCursor(filters.cursor);
  const { from, to } = dayRange(filters);
  const where: (SQL | undefined)[] = [
    filters.type ? eq(securityEvents.type, filters.type) : undefined,
    filters.user ? eq(securityEvents.userId, filters.user) : undefined,
    from ? gte(securityEvents.createdAt, from) : undefined,
    to ? lt(securityEvents.createdAt, to) : undefined,
    cursor
      ? or(
          sql`${securityEvents.createdAt} < ${cursor.at}::timestamptz`,
          and(sql`${securityEvents.createdAt} = ${cursor.at}::timestamptz`, lt(securityEvents.id, cursor.id)),
        )
      : undefined,
  ];
  const rows = await withCompany(companyId, (tx) =>
    tx
      .select({
        id: securityEvents.id,
        type: securityEvents.type,
        createdAt: securityEvents.createdAt,
        cursorAt: exactTimestamp(securityEvents.createdAt),
        userId: securityEvents.userId,
        userName: users.name,
        companyId: securityEvents.companyId,
        ip: sql<string | null>`host(${securityEvents.ip})`,
        userAgent: securityEvents.userAgent,
        details: securityEvents.details,
      })
      .from(securityEvents)
      .leftJoin(users, eq(users.id, securityEvents.userId))
      .where(and(...where))
      .orderBy(desc(securityEvents.createdAt), desc(securityEvents.id))
      .limit(PAGE_SIZE + 1),
  );
  return pageOf(rows);
}

/** Platform admins: across companies, including events no company owns (unknown emails). */
export async function listAllSecurityEvents(platformAdminId: string, filters: SecurityEventFilters): Promise<SecurityEventPage> {
  const cursor = parseCursor(filters.cursor);
  const { from, to } = dayRange(filters);
  const rows = await listSecurityEventsForPlatformAdmin(platformAdminId, {
    type: filters.type ?? null,
    userId: filters.user ?? null,
    from,
    to,
    before: cursor,
    limit: PAGE_SIZE + 1,
  });
  return pageOf(rows.map((r) => ({ ...r, userName: null })));
}

/** The company's users and the event types seen, for the filter controls. */
export async function getSecurityEventFilterOptions(companyId: string) {
  return withCompany(companyId, async (tx) => {
    const people = await tx.select({ id: users.id, name: users.name }).from(users).orderBy(users.name);
    const types = rowsOf<{ type: string }>(
      await tx.execute(sql`select distinct type from ${securityEvents} order by type limit 100`),
    ).map((r) => r.type);
    return { users: people, types };
  });
}
