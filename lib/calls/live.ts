import "server-only";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { type CompanyContext, withCompany } from "@/db";
import { branches, calls, customers } from "@/db/schema";
import { type LIVE_CALL_STATUSES } from "./status";

// The live board (/calls/live): the company's calls not yet over (registered or ongoing), within
// the viewer's branches, from calls_company_id_live_idx (a partial index of exactly those rows,
// a handful per company at any time). A call whose end webhook never came would stay "ongoing"
// forever, so rows older than STALE_AFTER_MS are left off the board (the list still shows them).

export const STALE_AFTER_MS = 2 * 3_600_000;
const MAX_LIVE_CALLS = 100;

export type LiveCall = {
  id: string;
  status: (typeof LIVE_CALL_STATUSES)[number];
  direction: "inbound" | "outbound";
  /** ISO instant the call started (or was registered, when it has not started yet). */
  since: string;
  started: boolean;
  fromNumber: string | null;
  customerName: string | null;
  branchName: string | null;
};

export type LiveBoard = { calls: LiveCall[]; /** The server's clock, so the client's ticking durations do not drift with its own. */ now: string };

export async function listLiveCalls(companyId: string, options: CompanyContext & { branchIds: readonly string[] | null; now?: Date }): Promise<LiveBoard> {
  const now = options.now ?? new Date();
  const scope = options.branchIds;
  if (scope !== null && scope.length === 0) return { calls: [], now: now.toISOString() };
  const since = new Date(now.getTime() - STALE_AFTER_MS);
  const rows = await withCompany(
    companyId,
    (tx) =>
      tx
        .select({
          id: calls.id,
          status: calls.status,
          direction: calls.direction,
          startedAt: calls.startedAt,
          createdAt: calls.createdAt,
          fromNumber: calls.fromNumber,
          firstName: customers.firstName,
          lastName: customers.lastName,
          branchName: branches.name,
        })
        .from(calls)
        .leftJoin(customers, and(eq(customers.companyId, calls.companyId), eq(customers.id, calls.customerId)))
        .leftJoin(branches, and(eq(branches.companyId, calls.companyId), eq(branches.id, calls.branchId)))
        .where(
          and(
            eq(calls.companyId, companyId),
            sql`${calls.status} in ('registered', 'ongoing')`,
            sql`coalesce(${calls.startedAt}, ${calls.createdAt}) >= ${since.toISOString()}::timestamptz`,
            scope ? inArray(calls.branchId, [...scope]) : undefined,
          ),
        )
        .orderBy(asc(calls.startedAt), asc(calls.id))
        .limit(MAX_LIVE_CALLS),
    options,
  );
  return {
    now: now.toISOString(),
    calls: rows.map((r) => ({
      id: r.id,
      status: r.status as LiveCall["status"],
      direction: r.direction,
      since: (r.startedAt ?? r.createdAt).toISOString(),
      started: r.startedAt !== null,
      fromNumber: r.fromNumber,
      customerName: r.firstName !== null ? `${r.firstName} ${r.lastName ?? ""}`.trim() : null,
      branchName: r.branchName,
    })),
  };
}
