import "server-only";
import { and, asc, desc, eq, gte, inArray, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { type CompanyContext, type Tx, withCompany } from "@/db";
import { appointments, appointmentSource, appointmentStatus, branches, customers, services, staff, staffBranches } from "@/db/schema";
import { type CappedCount, countCapped } from "@/lib/data-table/count";
import { cursorId, decodeCursor, encodeCursor, EXACT_TIMESTAMP_FORMAT, exactTimestampText } from "@/lib/data-table/cursor";
import { type KeysetPage, keysetPage, type KeysetRequest, seek, type SortDirection, walkDirection } from "@/lib/data-table/keyset";
import { dayStart, idList, listStateBase, nextDay, optionalDay, enumList } from "@/lib/data-table/state";

// The appointments list (portal /appointments/list and its CSV export): keyset pages over
// (starts_at, id), a capped count, filters by day range, branch, staff, service, status, source
// and a customer-name prefix. Every query runs through withCompany (RLS) and also names the
// company, so filter ids of another company simply match nothing.
//
// Index use (db/schema/appointments.ts), reference volume 2.5M rows:
//   sort starts.asc/desc → (company_id, starts_at, id): exact match, walked forwards or backwards;
//   a day range narrows the same index to a range scan. Branch/staff/status filters are applied
//   while walking that index (the planner may instead pick (company_id, branch_id|staff_id|status,
//   starts_at) and sort the matches; both stay bounded by LIMIT or by the filtered range). A rare
//   combination without a day range can read many index entries before a page fills — the same
//   trade-off as the customers list's name prefix. The count stops at COUNT_CAP ("10,000+").
//   The customer-name prefix is a semi-join on customers (ilike prefix, not index-served).

export const APPOINTMENT_SORTS = ["starts.desc", "starts.asc"] as const;
export type AppointmentSort = (typeof APPOINTMENT_SORTS)[number];
export const DEFAULT_APPOINTMENT_SORT: AppointmentSort = "starts.desc";
export const APPOINTMENT_STATUSES = appointmentStatus.enumValues;
export const APPOINTMENT_SOURCES = appointmentSource.enumValues;
/** Ids per multi filter (branch, staff, service): more than anyone picks by hand. */
export const MAX_FILTER_IDS = 50;

const ids = idList(MAX_FILTER_IDS);

/**
 * The list's state as the URL gives it (the nuqs parsers read it first; this is the server's own
 * check): malformed fields fall back to their defaults, never an error.
 */
export const appointmentListStateSchema = z.object({
  ...listStateBase(APPOINTMENT_SORTS, DEFAULT_APPOINTMENT_SORT),
  from: optionalDay,
  to: optionalDay,
  branch: ids,
  staff: ids,
  service: ids,
  status: enumList(APPOINTMENT_STATUSES),
  source: enumList(APPOINTMENT_SOURCES),
});

export type AppointmentListState = z.output<typeof appointmentListStateSchema>;
export type AppointmentListInput = Partial<Record<keyof AppointmentListState, unknown>>;

export type AppointmentListRow = {
  id: string;
  /** ISO instants (serializable for the client table). */
  startsAt: string;
  endsAt: string;
  status: (typeof APPOINTMENT_STATUSES)[number];
  source: (typeof APPOINTMENT_SOURCES)[number];
  customerName: string;
  serviceName: string;
  staffName: string | null;
  branchName: string;
  branchTimeZone: string;
  priceCents: number;
  currency: string;
};

export type AppointmentListPage = KeysetPage<AppointmentListRow> & { total: CappedCount };

export type ListAppointmentsOptions = CompanyContext & {
  /** The viewer's branch scope: null = the whole company, [] = nothing. */
  branchIds: readonly string[] | null;
  /** The company's zone: day filters (from/to) mean that zone's calendar days. */
  timeZone?: string;
};

// --- filters ---------------------------------------------------------------------------------


const likePrefix = (token: string) => `${token.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Every word must start the customer's first or last name ("anna mül" finds Anna Müller). */
function customerNameCondition(companyId: string, q: string): SQL | undefined {
  const tokens = q.split(/\s+/).filter(Boolean).slice(0, 4);
  if (tokens.length === 0) return undefined;
  const matching = and(
    eq(customers.companyId, companyId),
    ...tokens.map((token) => or(sql`${customers.firstName} ilike ${likePrefix(token)}`, sql`${customers.lastName} ilike ${likePrefix(token)}`)),
  );
  return sql`${appointments.customerId} in (select ${customers.id} from ${customers} where ${matching})`;
}

/** The rows a state selects (no paging), on appointments alone: shared by page, count and export. */
function filterConditions(companyId: string, state: AppointmentListState, options: ListAppointmentsOptions): SQL[] {
  const timeZone = options.timeZone ?? "Europe/Berlin";
  const multi = <T extends string>(column: Parameters<typeof inArray>[0], values: readonly T[]) =>
    values.length > 0 ? inArray(column, [...values]) : undefined;
  const conditions: (SQL | undefined)[] = [
    eq(appointments.companyId, companyId),
    isNull(appointments.deletedAt),
    options.branchIds === null ? undefined : options.branchIds.length > 0 ? inArray(appointments.branchId, [...options.branchIds]) : sql`false`,
    state.from ? gte(appointments.startsAt, dayStart(state.from, timeZone)) : undefined,
    state.to ? lt(appointments.startsAt, dayStart(nextDay(state.to), timeZone)) : undefined,
    multi(appointments.branchId, state.branch),
    multi(appointments.staffId, state.staff),
    multi(appointments.serviceId, state.service),
    state.status.length < APPOINTMENT_STATUSES.length ? multi(appointments.status, state.status) : undefined,
    state.source.length < APPOINTMENT_SOURCES.length ? multi(appointments.source, state.source) : undefined,
    customerNameCondition(companyId, state.q),
  ];
  return conditions.filter((c): c is SQL => c !== undefined);
}

// --- sort keys and cursors -------------------------------------------------------------------

const startsCursor = z.tuple([exactTimestampText, cursorId]);
const exactStartsAt = sql<string>`to_char(${appointments.startsAt} at time zone 'UTC', ${sql.raw(`'${EXACT_TIMESTAMP_FORMAT}'`)})`;

type FetchedRow = Omit<AppointmentListRow, "startsAt" | "endsAt" | "customerName"> & {
  startsAt: Date;
  endsAt: Date;
  exactStartsAt: string;
  firstName: string;
  lastName: string;
};

const cursorOf = (row: FetchedRow) => encodeCursor([row.exactStartsAt, row.id]);

function seekCondition(raw: string, walk: SortDirection): SQL | null {
  const cursor = decodeCursor(raw, startsCursor);
  return cursor ? seek([sql`${appointments.startsAt}`, sql`${appointments.id}`], [sql`${cursor[0]}::timestamptz`, sql`${cursor[1]}::uuid`], walk) : null;
}

async function fetchRows(tx: Tx, where: SQL[], walk: SortDirection, limit: number): Promise<FetchedRow[]> {
  const dir = walk === "asc" ? asc : desc;
  return tx
    .select({
      id: appointments.id,
      startsAt: appointments.startsAt,
      endsAt: appointments.endsAt,
      exactStartsAt,
      status: appointments.status,
      source: appointments.source,
      firstName: customers.firstName,
      lastName: customers.lastName,
      serviceName: services.name,
      staffName: staff.displayName,
      branchName: branches.name,
      branchTimeZone: branches.timeZone,
      priceCents: appointments.priceCents,
      currency: appointments.currency,
    })
    .from(appointments)
    .innerJoin(customers, and(eq(customers.companyId, appointments.companyId), eq(customers.id, appointments.customerId)))
    .innerJoin(services, and(eq(services.companyId, appointments.companyId), eq(services.id, appointments.serviceId)))
    .innerJoin(branches, and(eq(branches.companyId, appointments.companyId), eq(branches.id, appointments.branchId)))
    .leftJoin(staff, and(eq(staff.companyId, appointments.companyId), eq(staff.id, appointments.staffId)))
    .where(and(...where))
    .orderBy(dir(appointments.startsAt), dir(appointments.id))
    .limit(limit);
}

function toListRow(row: FetchedRow): AppointmentListRow {
  return {
    id: row.id,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    status: row.status,
    source: row.source,
    customerName: `${row.firstName} ${row.lastName}`.trim(),
    serviceName: row.serviceName,
    staffName: row.staffName,
    branchName: row.branchName,
    branchTimeZone: row.branchTimeZone,
    priceCents: row.priceCents,
    currency: row.currency,
  };
}

function keysetRequest(state: AppointmentListState, direction: SortDirection): KeysetRequest<string> {
  if (state.after && seekCondition(state.after, direction)) return { mode: "after", cursor: state.after };
  if (state.before && seekCondition(state.before, direction)) return { mode: "before", cursor: state.before };
  return { mode: "first" };
}

const directionOf = (sort: AppointmentSort): SortDirection => (sort === "starts.asc" ? "asc" : "desc");

// --- the list --------------------------------------------------------------------------------

/** One page of the company's appointments (within the viewer's branches) for a possibly malformed state. */
export async function listAppointments(companyId: string, input: unknown, options: ListAppointmentsOptions): Promise<AppointmentListPage> {
  const state = appointmentListStateSchema.parse(input ?? {});
  const direction = directionOf(state.sort);
  const request = keysetRequest(state, direction);
  const walk = walkDirection(request, direction);
  const where = filterConditions(companyId, state, options);
  const seekWhere = request.mode === "first" ? [] : [seekCondition(request.cursor, walk)!];

  return withCompany(
    companyId,
    async (tx) => {
      const fetched = await fetchRows(tx, [...where, ...seekWhere], walk, state.size + 1);
      const total = await countCapped(tx, appointments, and(...where));
      const page = keysetPage(fetched, state.size, request, cursorOf);
      return { ...page, rows: page.rows.map(toListRow), total };
    },
    options,
  );
}

export type AppointmentFacets = {
  branches: { id: string; name: string }[];
  staff: { id: string; name: string }[];
  services: { id: string; name: string }[];
};

/** The filter choices: the viewer's branches, the staff working there, the company's services. */
export async function appointmentFacets(companyId: string, options: ListAppointmentsOptions): Promise<AppointmentFacets> {
  const scope = options.branchIds;
  return withCompany(
    companyId,
    async (tx) => {
      if (scope !== null && scope.length === 0) return { branches: [], staff: [], services: [] };
      const inScope = scope === null ? undefined : [...scope];
      const branchRows = await tx
        .select({ id: branches.id, name: branches.name })
        .from(branches)
        .where(and(eq(branches.companyId, companyId), isNull(branches.deletedAt), inScope ? inArray(branches.id, inScope) : undefined))
        .orderBy(asc(branches.name), asc(branches.id));
      const staffRows = await tx
        .selectDistinct({ id: staff.id, name: staff.displayName })
        .from(staff)
        .leftJoin(staffBranches, eq(staffBranches.staffId, staff.id))
        .where(
          and(
            eq(staff.companyId, companyId),
            isNull(staff.deletedAt),
            inScope ? or(inArray(staff.branchId, inScope), inArray(staffBranches.branchId, inScope)) : undefined,
          ),
        )
        .orderBy(asc(staff.displayName), asc(staff.id));
      const serviceRows = await tx
        .select({ id: services.id, name: services.name })
        .from(services)
        .where(and(eq(services.companyId, companyId), isNull(services.deletedAt)))
        .orderBy(asc(services.name), asc(services.id));
      return { branches: branchRows, staff: staffRows, services: serviceRows };
    },
    options,
  );
}

// --- export ----------------------------------------------------------------------------------

export const EXPORT_BATCH = 500;

/**
 * Every appointment the state selects (ignoring its paging), in its sort order, as batches: a
 * keyset walk with one short transaction per batch, so 2.5M rows never sit in memory or in one
 * open transaction.
 */
export async function* exportAppointments(
  companyId: string,
  input: unknown,
  options: ListAppointmentsOptions & { batch?: number },
): AsyncGenerator<AppointmentListRow[]> {
  const state = appointmentListStateSchema.parse(input ?? {});
  const direction = directionOf(state.sort);
  const batch = options.batch ?? EXPORT_BATCH;
  const where = filterConditions(companyId, state, options);
  let after: string | null = null;
  for (;;) {
    const seekWhere: SQL[] = after ? [seekCondition(after, direction)!] : [];
    const rows = await withCompany(companyId, (tx) => fetchRows(tx, [...where, ...seekWhere], direction, batch), options);
    if (rows.length === 0) return;
    yield rows.map(toListRow);
    if (rows.length < batch) return;
    after = cursorOf(rows.at(-1)!);
  }
}
