import "server-only";
import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { type CompanyContext, type Tx, withCompany } from "@/db";
import { appointments, customers } from "@/db/schema";
import { type CappedCount, COUNT_CAP, countCapped } from "@/lib/data-table/count";
import { cursorId, decodeCursor, encodeCursor, EXACT_TIMESTAMP_FORMAT, exactTimestampText } from "@/lib/data-table/cursor";
import { type KeysetPage, keysetPage, type KeysetRequest, seek, type SortDirection, walkDirection } from "@/lib/data-table/keyset";
import { normalizeEmail, normalizePhone } from "./normalize";
import { emailBlindIndex, openCustomerFields, phoneBlindIndex } from "./protect";
import { dayStart, enumList, listStateBase, nextDay, optionalDay, stringList } from "@/lib/data-table/state";

// The customers list (portal /customers and its CSV export): keyset pages on an index-matched
// sort, a capped count, search by name (prefix) or by exact phone/email through the blind index.
// Every query runs through withCompany: RLS keeps it to the company even if a where were missing.
//
// Sorts and the index each walks (db/schema/customers.ts):
//   created.desc/asc  (company_id, created_at, id)            → exact match, forwards or backwards
//   name.asc/desc     (company_id, last_name, first_name)      → id breaks ties after the index
// Name search is `ilike 'prefix%'` on first and last name: no index serves a case-insensitive
// prefix today, so it filters while walking the sort index. A page of a common prefix stops
// early; a rare one (and the capped count) may read all of the company's rows, ~500K at the
// reference volume. An expression index (company_id, lower(last_name) text_pattern_ops) would
// turn the prefix into a range scan: a schema change left for its own migration.

export const CUSTOMER_SORTS = ["created.desc", "created.asc", "name.asc", "name.desc"] as const;
export type CustomerSort = (typeof CUSTOMER_SORTS)[number];
export const DEFAULT_CUSTOMER_SORT: CustomerSort = "created.desc";
export const CUSTOMER_LOCALES = ["de", "en"] as const;
/** "deleted": the soft-deleted customers instead of the live ones (where restore is offered). */
export const CUSTOMER_STATES = ["deleted"] as const;
/** A selection export (bulk action) names at most this many ids. */
export const MAX_SELECTED_IDS = 100;


/**
 * The list's state as the URL gives it (lib/data-table/search-params.ts parses it first; this is
 * the server's own check, so any caller may pass anything): malformed fields fall back to their
 * default, never an error.
 */
export const customerListStateSchema = z.object({
  ...listStateBase(CUSTOMER_SORTS, DEFAULT_CUSTOMER_SORT),
  lang: enumList(CUSTOMER_LOCALES),
  status: enumList(CUSTOMER_STATES),
  from: optionalDay,
  to: optionalDay,
  ids: z.preprocess(stringList, z.array(z.uuid()).max(MAX_SELECTED_IDS)).optional().catch(undefined),
});

export type CustomerListState = z.output<typeof customerListStateSchema>;
/** What callers may pass: any subset, any shape (malformed fields fall back). */
export type CustomerListInput = Partial<Record<keyof CustomerListState, unknown>>;

export type CustomerListRow = {
  id: string;
  firstName: string;
  lastName: string;
  phone: string | null;
  email: string | null;
  locale: "de" | "en";
  /** ISO instant (serializable for the client table). */
  createdAt: string;
  /** Appointments in the viewer's branches; null when not counted. */
  appointmentCount: number | null;
};

export type CustomerListPage = KeysetPage<CustomerListRow> & {
  total: CappedCount;
  /** Matches per language, ignoring the language filter itself (null when the count hit the cap). */
  localeCounts: Record<(typeof CUSTOMER_LOCALES)[number], number> | null;
  /** How the search text was read: the page says "exact phone number" etc. */
  searchKind: SearchKind;
};

export type ListCustomersOptions = CompanyContext & {
  /** The company's zone: day filters (from/to) mean that zone's calendar days. */
  timeZone?: string;
  /**
   * Count each customer's appointments: over the whole company, only in these branches (a
   * branch-limited viewer), or not at all (false).
   */
  countAppointments?: "company" | { branches: string[] } | false;
};

// --- search ----------------------------------------------------------------------------------

export type SearchKind = "none" | "name" | "phone" | "email";

type Search =
  | { kind: "none" }
  | { kind: "name"; tokens: string[] }
  | { kind: "phone" | "email"; blindIndex: string | null };

const PHONE_LIKE = /^\+?[0-9][0-9\s\-./()]*$/;

/**
 * How a search text is matched: an email (has "@") or a phone number (digits and separators,
 * at least 5 digits) exactly through the blind index; anything else as name prefixes. A phone
 * that does not normalize to E.164 matches nothing (it cannot be a name either).
 */
export function readSearch(q: string): Search {
  const text = q.trim();
  if (!text) return { kind: "none" };
  if (text.includes("@")) return { kind: "email", blindIndex: emailBlindIndex(normalizeEmail(text)) };
  if (PHONE_LIKE.test(text) && text.replace(/\D/g, "").length >= 5) {
    const phone = normalizePhone(text);
    return { kind: "phone", blindIndex: phone ? phoneBlindIndex(phone) : null };
  }
  return { kind: "name", tokens: text.split(/\s+/).slice(0, 4) };
}

const likePrefix = (token: string) => `${token.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function searchCondition(search: Search): SQL | undefined {
  switch (search.kind) {
    case "none":
      return undefined;
    case "phone":
      return search.blindIndex ? eq(customers.phoneBlindIndex, search.blindIndex) : sql`false`;
    case "email":
      return search.blindIndex ? eq(customers.emailBlindIndex, search.blindIndex) : sql`false`;
    case "name":
      // Every word must start the first or the last name ("anna mül" finds Anna Müller).
      return and(
        ...search.tokens.map((token) =>
          or(sql`${customers.firstName} ilike ${likePrefix(token)}`, sql`${customers.lastName} ilike ${likePrefix(token)}`),
        ),
      );
  }
}

// --- filters ---------------------------------------------------------------------------------


/** The rows a state selects, without paging: shared by the page, its count and the export. */
function filterConditions(companyId: string, state: CustomerListState, timeZone: string, options: { withLocale: boolean }): SQL[] {
  const conditions: (SQL | undefined)[] = [
    eq(customers.companyId, companyId),
    // The live rows by default (served by the partial index of live rows, drizzle/0019). The
    // deleted ones are few: their filter walks the full index, fine for a rarely used view.
    state.status.includes("deleted") ? isNotNull(customers.deletedAt) : isNull(customers.deletedAt),
    searchCondition(readSearch(state.q)),
    state.from ? gte(customers.createdAt, dayStart(state.from, timeZone)) : undefined,
    state.to ? lt(customers.createdAt, dayStart(nextDay(state.to), timeZone)) : undefined,
    options.withLocale && state.lang.length > 0 && state.lang.length < CUSTOMER_LOCALES.length
      ? inArray(customers.locale, state.lang)
      : undefined,
    state.ids ? (state.ids.length > 0 ? inArray(customers.id, state.ids) : sql`false`) : undefined,
  ];
  return conditions.filter((c): c is SQL => c !== undefined);
}

// --- sort keys and cursors -------------------------------------------------------------------

const createdCursor = z.tuple([exactTimestampText, cursorId]);
const nameCursor = z.tuple([z.string().max(500), z.string().max(500), cursorId]);

type SortSpec = {
  column: "created" | "name";
  direction: SortDirection;
};

function sortSpec(sort: CustomerSort): SortSpec {
  const [column, direction] = sort.split(".") as [SortSpec["column"], SortDirection];
  return { column, direction };
}

const exactCreatedAt = sql<string>`to_char(${customers.createdAt} at time zone 'UTC', ${sql.raw(`'${EXACT_TIMESTAMP_FORMAT}'`)})`;

type FetchedRow = {
  id: string;
  companyId: string;
  firstName: string;
  lastName: string;
  locale: "de" | "en";
  createdAt: Date;
  exactCreatedAt: string;
  phoneCiphertext: string | null;
  emailCiphertext: string | null;
  appointmentCount: number | null;
};

function cursorOf(spec: SortSpec) {
  return (row: FetchedRow) =>
    spec.column === "created" ? encodeCursor([row.exactCreatedAt, row.id]) : encodeCursor([row.lastName, row.firstName, row.id]);
}

/** The seek condition of a cursor for this sort and walking direction; null if the cursor does not fit. */
function seekCondition(spec: SortSpec, raw: string, walk: SortDirection): SQL | null {
  if (spec.column === "created") {
    const cursor = decodeCursor(raw, createdCursor);
    return cursor ? seek([sql`${customers.createdAt}`, sql`${customers.id}`], [sql`${cursor[0]}::timestamptz`, sql`${cursor[1]}::uuid`], walk) : null;
  }
  const cursor = decodeCursor(raw, nameCursor);
  return cursor
    ? seek(
        [sql`${customers.lastName}`, sql`${customers.firstName}`, sql`${customers.id}`],
        [sql`${cursor[0]}`, sql`${cursor[1]}`, sql`${cursor[2]}::uuid`],
        walk,
      )
    : null;
}

function orderBy(spec: SortSpec, walk: SortDirection) {
  const dir = walk === "asc" ? asc : desc;
  return spec.column === "created"
    ? [dir(customers.createdAt), dir(customers.id)]
    : [dir(customers.lastName), dir(customers.firstName), dir(customers.id)];
}

function appointmentCountColumn(mode: ListCustomersOptions["countAppointments"]) {
  if (!mode) return sql<null>`null`;
  const inBranches =
    mode === "company"
      ? sql``
      : mode.branches.length > 0
        ? sql` and ${inArray(appointments.branchId, mode.branches)}`
        : sql` and false`;
  // Served by appointments (company_id, customer_id, starts_at): one short index range per row shown.
  // The outer columns are named with their table: drizzle leaves them bare in a one-table select,
  // and a bare "id" inside the subquery would mean appointments.id.
  const outer = (column: string) => sql`${sql.identifier("customers")}.${sql.identifier(column)}`;
  return sql<number>`(select count(*) from ${appointments} where ${appointments.companyId} = ${outer("company_id")} and ${appointments.customerId} = ${outer("id")}${inBranches})`.mapWith(
    Number,
  );
}

async function fetchRows(tx: Tx, where: SQL[], spec: SortSpec, walk: SortDirection, limit: number, options: ListCustomersOptions): Promise<FetchedRow[]> {
  return tx
    .select({
      id: customers.id,
      companyId: customers.companyId,
      firstName: customers.firstName,
      lastName: customers.lastName,
      locale: customers.locale,
      createdAt: customers.createdAt,
      exactCreatedAt,
      phoneCiphertext: customers.phoneCiphertext,
      emailCiphertext: customers.emailCiphertext,
      appointmentCount: appointmentCountColumn(options.countAppointments),
    })
    .from(customers)
    .where(and(...where))
    .orderBy(...orderBy(spec, walk))
    .limit(limit);
}

function toListRow(row: FetchedRow): CustomerListRow {
  // Notes stay sealed: the list never shows them.
  const { phone, email } = openCustomerFields({ ...row, notesCiphertext: null });
  return {
    id: row.id,
    firstName: row.firstName,
    lastName: row.lastName,
    phone,
    email,
    locale: row.locale,
    createdAt: row.createdAt.toISOString(),
    appointmentCount: row.appointmentCount,
  };
}

/** The URL's paging request; a cursor that does not fit this sort is ignored (first page). */
function keysetRequest(state: CustomerListState, spec: SortSpec): KeysetRequest<string> {
  if (state.after && seekCondition(spec, state.after, spec.direction)) return { mode: "after", cursor: state.after };
  if (state.before && seekCondition(spec, state.before, spec.direction)) return { mode: "before", cursor: state.before };
  return { mode: "first" };
}

// --- the list --------------------------------------------------------------------------------

/** One page of the company's customers for a (possibly malformed) list state. */
export async function listCustomers(companyId: string, input: unknown, options: ListCustomersOptions = {}): Promise<CustomerListPage> {
  const state = customerListStateSchema.parse(input ?? {});
  const timeZone = options.timeZone ?? "Europe/Berlin";
  const spec = sortSpec(state.sort);
  const request = keysetRequest(state, spec);
  const walk = walkDirection(request, spec.direction);
  const where = filterConditions(companyId, state, timeZone, { withLocale: true });
  const seekWhere = request.mode === "first" ? [] : [seekCondition(spec, request.cursor, walk)!];

  return withCompany(
    companyId,
    async (tx) => {
      const fetched = await fetchRows(tx, [...where, ...seekWhere], spec, walk, state.size + 1, options);
      const total = await countCapped(tx, customers, and(...where));
      const localeCounts = await countLocales(tx, filterConditions(companyId, state, timeZone, { withLocale: false }));
      const page = keysetPage(fetched, state.size, request, cursorOf(spec));
      return { ...page, rows: page.rows.map(toListRow), total, localeCounts, searchKind: readSearch(state.q).kind };
    },
    options,
  );
}

/** Matches per language (one scan capped like the total); null if the cap was reached. */
async function countLocales(tx: Tx, where: SQL[]): Promise<CustomerListPage["localeCounts"]> {
  const limited = tx
    .select({ locale: customers.locale })
    .from(customers)
    .where(and(...where))
    .limit(COUNT_CAP + 1)
    .as("limited");
  const [row] = await tx
    .select({
      all: sql<number>`count(*)`.mapWith(Number),
      de: sql<number>`count(*) filter (where ${limited.locale} = 'de')`.mapWith(Number),
      en: sql<number>`count(*) filter (where ${limited.locale} = 'en')`.mapWith(Number),
    })
    .from(limited);
  if (!row || row.all > COUNT_CAP) return null;
  return { de: row.de, en: row.en };
}

// --- export ----------------------------------------------------------------------------------

export const EXPORT_BATCH = 500;

/**
 * Every customer the state selects (ignoring its paging), in its sort order, as batches of
 * `batch` rows: a keyset walk with one short transaction per batch, so an export of 500K rows
 * never holds a transaction (or the whole result) open.
 */
export async function* exportCustomers(
  companyId: string,
  input: unknown,
  options: ListCustomersOptions & { batch?: number } = {},
): AsyncGenerator<CustomerListRow[]> {
  const state = customerListStateSchema.parse(input ?? {});
  const timeZone = options.timeZone ?? "Europe/Berlin";
  const spec = sortSpec(state.sort);
  const batch = options.batch ?? EXPORT_BATCH;
  const where = filterConditions(companyId, state, timeZone, { withLocale: true });
  let after: string | null = null;
  for (;;) {
    const seekWhere: SQL[] = after ? [seekCondition(spec, after, spec.direction)!] : [];
    const rows = await withCompany(companyId, (tx) => fetchRows(tx, [...where, ...seekWhere], spec, spec.direction, batch, options), options);
    if (rows.length === 0) return;
    yield rows.map(toListRow);
    if (rows.length < batch) return;
    after = cursorOf(spec)(rows.at(-1)!);
  }
}
