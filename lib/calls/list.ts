import "server-only";
import { and, asc, eq, gte, inArray, isNotNull, isNull, lte, lt, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { type CompanyContext, type Tx, withCompany } from "@/db";
import { branches, callStatus, calls, customers } from "@/db/schema";
import { type CappedCount, countCapped } from "@/lib/data-table/count";
import { cursorId, decodeCursor, encodeCursor, EXACT_TIMESTAMP_FORMAT, exactTimestampText } from "@/lib/data-table/cursor";
import { keysetPage, type KeysetRequest, type KeysetPage, type SortDirection, walkDirection } from "@/lib/data-table/keyset";
import { dayStart, enumList, idList, listStateBase, nextDay, optionalDay } from "@/lib/data-table/state";
import { normalizePhone } from "@/lib/customers/normalize";

// The calls list (portal /calls and its CSV export): keyset pages, a capped count, filters by day
// range, branch, status, direction, sentiment, "booked an appointment" and duration, and an exact
// search by caller number (normalized to E.164). Every query runs through withCompany (RLS) and
// names the company, so another company's filter ids match nothing.
//
// Index use (5M calls in the scale DB): calls_company_id_started_at_id_idx is
// (company_id, started_at DESC NULLS LAST, id ASC), so the list's order is exactly that —
// newest first, calls that never started (no started_at: not connected, still registering) last,
// ties by id ascending — walked forwards, or backwards for "oldest first" and "previous page".
// A NULL cannot sit in a row comparison, so a page is read in up to two index-ordered parts: the
// calls with a start time past the cursor (index condition started_at <=/>= cursor), then the
// ones without, by id. Filters are applied while walking; a day range narrows the index range.
// "Has appointment" is a semi-join on appointments_company_id_booked_by_call_id_idx. The count
// stops at COUNT_CAP.

export const CALL_SORTS = ["started.desc", "started.asc"] as const;
export type CallSort = (typeof CALL_SORTS)[number];
export const DEFAULT_CALL_SORT: CallSort = "started.desc";
export const CALL_STATUSES = callStatus.enumValues;
export const CALL_DIRECTIONS = ["inbound", "outbound"] as const;
export const CALL_SENTIMENTS = ["Positive", "Neutral", "Negative", "Unknown"] as const;
export type CallSentiment = (typeof CALL_SENTIMENTS)[number];
export const MAX_FILTER_IDS = 50;
/** Duration filter bounds, in seconds. */
const MAX_DURATION_SECONDS = 86_400;

// null/"" (an unset nuqs key) is no bound, not 0.
const seconds = z.preprocess((v) => (v === null || v === "" ? undefined : v), z.coerce.number().int().min(0).max(MAX_DURATION_SECONDS).optional()).catch(undefined);

/** The list's state as the URL gives it; malformed fields fall back to their defaults. */
export const callListStateSchema = z.object({
  ...listStateBase(CALL_SORTS, DEFAULT_CALL_SORT),
  from: optionalDay,
  to: optionalDay,
  branch: idList(MAX_FILTER_IDS),
  status: enumList(CALL_STATUSES),
  direction: enumList(CALL_DIRECTIONS),
  sentiment: enumList(CALL_SENTIMENTS),
  /** "Booked an appointment": ["yes"] or ["no"] (both or neither: no filter). */
  booked: enumList(["yes", "no"] as const),
  durMin: seconds,
  durMax: seconds,
});

export type CallListState = z.output<typeof callListStateSchema>;
export type CallListInput = Partial<Record<keyof CallListState, unknown>>;

export type CallListRow = {
  id: string;
  /** ISO instant, null for a call that never started. */
  startedAt: string | null;
  createdAt: string;
  status: (typeof CALL_STATUSES)[number];
  direction: (typeof CALL_DIRECTIONS)[number];
  fromNumber: string | null;
  customerId: string | null;
  customerName: string | null;
  branchName: string | null;
  branchTimeZone: string | null;
  durationMs: number | null;
  sentiment: string | null;
  summary: string | null;
  /** The first appointment booked in the call, if any. */
  appointmentId: string | null;
};

export type CallListPage = KeysetPage<CallListRow> & {
  total: CappedCount;
  /** The search text was not a phone number: nothing matches it (the page says why). */
  invalidPhone: boolean;
};

export type ListCallsOptions = CompanyContext & {
  /** The viewer's branch scope: null = the whole company, [] = nothing. */
  branchIds: readonly string[] | null;
  /** The company's zone: day filters mean that zone's calendar days. */
  timeZone?: string;
};

// --- filters ---------------------------------------------------------------------------------

const bookedIn = (companyId: string) =>
  sql`exists (select 1 from appointments a where a.company_id = ${companyId} and a.booked_by_call_id = ${calls.id} and a.deleted_at is null)`;

function filterConditions(companyId: string, state: CallListState, options: ListCallsOptions): SQL[] {
  const timeZone = options.timeZone ?? "Europe/Berlin";
  const multi = <T extends string>(column: Parameters<typeof inArray>[0], values: readonly T[], all: number) =>
    values.length > 0 && values.length < all ? inArray(column, [...values]) : undefined;
  const phone = state.q ? normalizePhone(state.q) : null;
  const conditions: (SQL | undefined)[] = [
    eq(calls.companyId, companyId),
    options.branchIds === null ? undefined : options.branchIds.length > 0 ? inArray(calls.branchId, [...options.branchIds]) : sql`false`,
    state.from ? gte(calls.startedAt, dayStart(state.from, timeZone)) : undefined,
    state.to ? lt(calls.startedAt, dayStart(nextDay(state.to), timeZone)) : undefined,
    state.branch.length > 0 ? inArray(calls.branchId, [...state.branch]) : undefined,
    multi(calls.status, state.status, CALL_STATUSES.length),
    multi(calls.direction, state.direction, CALL_DIRECTIONS.length),
    state.sentiment.length > 0 ? inArray(calls.sentiment, [...state.sentiment]) : undefined,
    state.booked.length !== 1 ? undefined : state.booked[0] === "yes" ? bookedIn(companyId) : sql`not ${bookedIn(companyId)}`,
    state.durMin !== undefined ? gte(calls.durationMs, state.durMin * 1000) : undefined,
    state.durMax !== undefined ? lte(calls.durationMs, state.durMax * 1000) : undefined,
    state.q ? (phone ? eq(calls.fromNumber, phone) : sql`false`) : undefined,
  ];
  return conditions.filter((c): c is SQL => c !== undefined);
}

// --- the index order and cursors --------------------------------------------------------------

/** "forward" = the index's own order (newest first, never-started last); "backward" = its reverse. */
type Walk = "forward" | "backward";

const callCursor = z.tuple([exactTimestampText.nullable(), cursorId]);
type CallCursor = z.infer<typeof callCursor>;
const exactStartedAt = sql<string | null>`to_char(${calls.startedAt} at time zone 'UTC', ${sql.raw(`'${EXACT_TIMESTAMP_FORMAT}'`)})`;

const firstAppointment = (companyId: string) =>
  sql<string | null>`(select a.id from appointments a where a.company_id = ${companyId} and a.booked_by_call_id = ${calls.id} and a.deleted_at is null order by a.starts_at limit 1)`;

type FetchedRow = {
  id: string;
  startedAt: Date | null;
  createdAt: Date;
  exactStartedAt: string | null;
  status: CallListRow["status"];
  direction: CallListRow["direction"];
  fromNumber: string | null;
  customerId: string | null;
  firstName: string | null;
  lastName: string | null;
  branchName: string | null;
  branchTimeZone: string | null;
  durationMs: number | null;
  sentiment: string | null;
  summary: string | null;
  appointmentId: string | null;
};

const cursorOf = (row: FetchedRow) => encodeCursor([row.exactStartedAt ?? (null as unknown as string), row.id]);

function select(tx: Tx, companyId: string, where: SQL[], order: SQL[], limit: number) {
  return tx
    .select({
      id: calls.id,
      startedAt: calls.startedAt,
      createdAt: calls.createdAt,
      exactStartedAt,
      status: calls.status,
      direction: calls.direction,
      fromNumber: calls.fromNumber,
      customerId: calls.customerId,
      firstName: customers.firstName,
      lastName: customers.lastName,
      branchName: branches.name,
      branchTimeZone: branches.timeZone,
      durationMs: calls.durationMs,
      sentiment: calls.sentiment,
      summary: calls.summary,
      appointmentId: firstAppointment(companyId),
    })
    .from(calls)
    .leftJoin(customers, and(eq(customers.companyId, calls.companyId), eq(customers.id, calls.customerId)))
    .leftJoin(branches, and(eq(branches.companyId, calls.companyId), eq(branches.id, calls.branchId)))
    .where(and(...where))
    .orderBy(...order)
    .limit(limit) as Promise<FetchedRow[]>;
}

/**
 * Up to `limit` rows strictly past `cursor` (or from the start) in walking order: the started part
 * and the never-started part, each as one index-ordered range.
 */
async function fetchRows(tx: Tx, companyId: string, where: SQL[], walk: Walk, cursor: CallCursor | null, limit: number): Promise<FetchedRow[]> {
  const startedOrder = walk === "forward" ? [sql`${calls.startedAt} desc nulls last`, sql`${calls.id} asc`] : [sql`${calls.startedAt} asc nulls first`, sql`${calls.id} desc`];
  const idOrder = walk === "forward" ? [asc(calls.id)] : [sql`${calls.id} desc`];
  const started = async (n: number) => {
    const seek: SQL[] = [];
    if (cursor?.[0]) {
      const at = sql`${cursor[0]}::timestamptz`;
      const id = sql`${cursor[1]}::uuid`;
      seek.push(
        walk === "forward"
          ? sql`${calls.startedAt} <= ${at} and not (${calls.startedAt} = ${at} and ${calls.id} <= ${id})`
          : sql`${calls.startedAt} >= ${at} and not (${calls.startedAt} = ${at} and ${calls.id} >= ${id})`,
      );
    }
    return select(tx, companyId, [...where, isNotNull(calls.startedAt), ...seek], startedOrder, n);
  };
  const unstarted = async (n: number) => {
    const seek: SQL[] = [];
    if (cursor && cursor[0] === null) seek.push(walk === "forward" ? sql`${calls.id} > ${cursor[1]}::uuid` : lt(calls.id, cursor[1]));
    return select(tx, companyId, [...where, isNull(calls.startedAt), ...seek], idOrder, n);
  };
  // Forward: started rows come first, then never-started ones; backward the other way round.
  // A cursor on a never-started row means the started part is wholly behind it (forward) or
  // wholly ahead (backward).
  if (walk === "forward") {
    if (cursor && cursor[0] === null) return unstarted(limit);
    const first = await started(limit);
    return first.length < limit ? [...first, ...(await unstarted(limit - first.length))] : first;
  }
  if (cursor && cursor[0] !== null) return started(limit);
  const first = await unstarted(limit);
  return first.length < limit ? [...first, ...(await started(limit - first.length))] : first;
}

function toListRow(row: FetchedRow): CallListRow {
  const name = row.firstName !== null ? `${row.firstName} ${row.lastName ?? ""}`.trim() : null;
  return {
    id: row.id,
    startedAt: row.startedAt ? row.startedAt.toISOString() : null,
    createdAt: row.createdAt.toISOString(),
    status: row.status,
    direction: row.direction,
    fromNumber: row.fromNumber,
    customerId: row.customerId,
    customerName: name || null,
    branchName: row.branchName,
    branchTimeZone: row.branchTimeZone,
    durationMs: row.durationMs === null ? null : Number(row.durationMs),
    sentiment: row.sentiment,
    summary: row.summary,
    appointmentId: row.appointmentId,
  };
}

function keysetRequest(state: CallListState): KeysetRequest<CallCursor> {
  const after = decodeCursor(state.after, callCursor);
  if (after) return { mode: "after", cursor: after };
  const before = decodeCursor(state.before, callCursor);
  if (before) return { mode: "before", cursor: before };
  return { mode: "first" };
}

const walkOf = (direction: SortDirection): Walk => (direction === "desc" ? "forward" : "backward");
const directionOf = (sort: CallSort): SortDirection => (sort === "started.asc" ? "asc" : "desc");

// --- the list --------------------------------------------------------------------------------

/** One page of the company's calls (within the viewer's branches) for a possibly malformed state. */
export async function listCalls(companyId: string, input: unknown, options: ListCallsOptions): Promise<CallListPage> {
  const state = callListStateSchema.parse(input ?? {});
  const direction = directionOf(state.sort);
  const request = keysetRequest(state);
  const walk = walkOf(walkDirection(request, direction));
  const where = filterConditions(companyId, state, options);
  const invalidPhone = state.q !== "" && normalizePhone(state.q) === null;

  return withCompany(
    companyId,
    async (tx) => {
      const fetched = await fetchRows(tx, companyId, where, walk, request.mode === "first" ? null : request.cursor, state.size + 1);
      const total = await countCapped(tx, calls, and(...where));
      const page = keysetPage(fetched, state.size, request, cursorOf);
      return { ...page, rows: page.rows.map(toListRow), total, invalidPhone };
    },
    options,
  );
}

export type CallFacets = { branches: { id: string; name: string }[] };

/** The filter choices: the viewer's branches. */
export async function callFacets(companyId: string, options: ListCallsOptions): Promise<CallFacets> {
  const scope = options.branchIds;
  if (scope !== null && scope.length === 0) return { branches: [] };
  const rows = await withCompany(
    companyId,
    (tx) =>
      tx
        .select({ id: branches.id, name: branches.name })
        .from(branches)
        .where(and(eq(branches.companyId, companyId), isNull(branches.deletedAt), scope ? inArray(branches.id, [...scope]) : undefined))
        .orderBy(asc(branches.name), asc(branches.id)),
    options,
  );
  return { branches: rows };
}

// --- export ----------------------------------------------------------------------------------

export const EXPORT_BATCH = 500;

/** Every call the state selects (ignoring its paging), in its order, batch by batch (one short transaction each). */
export async function* exportCalls(companyId: string, input: unknown, options: ListCallsOptions & { batch?: number }): AsyncGenerator<CallListRow[]> {
  const state = callListStateSchema.parse(input ?? {});
  const walk = walkOf(directionOf(state.sort));
  const batch = options.batch ?? EXPORT_BATCH;
  const where = filterConditions(companyId, state, options);
  let cursor: CallCursor | null = null;
  for (;;) {
    const from: CallCursor | null = cursor;
    const rows: FetchedRow[] = await withCompany(companyId, (tx) => fetchRows(tx, companyId, where, walk, from, batch), options);
    if (rows.length === 0) return;
    yield rows.map(toListRow);
    if (rows.length < batch) return;
    const last: FetchedRow = rows.at(-1)!;
    cursor = [last.exactStartedAt, last.id];
  }
}
