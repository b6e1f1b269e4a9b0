import "server-only";
import { and, desc, eq, gte, lt, type SQL, sql } from "drizzle-orm";
import { withCompany } from "@/db";
import { type Call, calls } from "@/db/schema";
import { afterDescendingNullsLast, decodeCursor, exactTimestamp, pageOf } from "../cursor";
import { defineOperation } from "../operation";
import { callPageSchema, listCallsQuerySchema } from "../schemas";

// GET /api/v1/calls: the company's calls, newest first (by started_at, then id; calls that never
// started come last), filtered by time window and status.

function toApiCall(row: Call) {
  return {
    id: row.id,
    branch_id: row.branchId,
    customer_id: row.customerId,
    direction: row.direction,
    status: row.status,
    from_number: row.fromNumber,
    to_number: row.toNumber,
    started_at: row.startedAt?.toISOString() ?? null,
    ended_at: row.endedAt?.toISOString() ?? null,
    duration_ms: row.durationMs,
    disconnection_reason: row.disconnectionReason,
    summary: row.summary,
    sentiment: row.sentiment,
    successful: row.successful,
  };
}

export const listCalls = defineOperation({
  operationId: "listCalls",
  method: "GET",
  path: "/calls",
  scope: "calls:read",
  tag: "Calls",
  summary: "List calls",
  description: "The voice agent's calls, newest first; from/to filter on started_at.",
  query: listCallsQuerySchema,
  response: { status: 200, name: "CallPage", schema: callPageSchema },
  handler: async ({ companyId, query }) => {
    const cursor = query.cursor ? decodeCursor(query.cursor) : null;
    const where: (SQL | undefined)[] = [
      eq(calls.companyId, companyId),
      query.from ? gte(calls.startedAt, new Date(query.from)) : undefined,
      query.to ? lt(calls.startedAt, new Date(query.to)) : undefined,
      query.status ? eq(calls.status, query.status) : undefined,
      cursor ? afterDescendingNullsLast(calls.startedAt, calls.id, cursor) : undefined,
    ];
    const rows = await withCompany(companyId, (tx) =>
      tx
        .select({ row: calls, id: calls.id, cursorAt: exactTimestamp(calls.startedAt) })
        .from(calls)
        .where(and(...where))
        .orderBy(sql`${calls.startedAt} desc nulls last`, desc(calls.id))
        .limit(query.limit + 1),
    );
    const page = pageOf(rows, query.limit);
    return { data: page.rows.map((r) => toApiCall(r.row)), next_cursor: page.nextCursor };
  },
});
