import { sql, type SQL } from "drizzle-orm";

// Keyset ("seek") pagination: a page is the `size` rows after (or before) the sort key of a row
// already shown, never an OFFSET, so page 1,000 costs what page 1 costs as long as the sort
// matches an index. The sort key always ends with the row id, so it is unique and no row is shown
// twice or skipped when several rows share the visible sort value.

export type SortDirection = "asc" | "desc";

/** What the URL asked for: the first page, or the page after/before a cursor. */
export type KeysetRequest<TCursor> = { mode: "first" } | { mode: "after"; cursor: TCursor } | { mode: "before"; cursor: TCursor };

export type KeysetPage<TRow> = {
  rows: TRow[];
  /** Cursor of the last row when there are more rows after this page. */
  nextCursor: string | null;
  /** Cursor of the first row when there are rows before this page. */
  prevCursor: string | null;
};

/**
 * `(columns) > (values)` (or `<`): rows strictly past the given key in the walking order. A row
 * comparison over the leading index columns is an index condition for PostgreSQL, unlike the
 * equivalent `a > x or (a = x and b > y)`.
 */
export function seek(columns: readonly SQL[], values: readonly SQL[], walk: SortDirection): SQL {
  const op = walk === "asc" ? sql`>` : sql`<`;
  return sql`(${sql.join([...columns], sql`, `)}) ${op} (${sql.join([...values], sql`, `)})`;
}

export const flip = (direction: SortDirection): SortDirection => (direction === "asc" ? "desc" : "asc");

/** The direction to walk the index in: backwards from a "before" cursor. */
export function walkDirection(request: KeysetRequest<unknown>, sort: SortDirection): SortDirection {
  return request.mode === "before" ? flip(sort) : sort;
}

/**
 * Turns the `size + 1` rows fetched in walking order into the page shown (always in sort order)
 * and its neighbours' cursors. The extra row only tells whether there is more in that direction.
 */
export function keysetPage<TRow>(
  fetched: TRow[],
  size: number,
  request: KeysetRequest<unknown>,
  cursorOf: (row: TRow) => string,
): KeysetPage<TRow> {
  const more = fetched.length > size;
  const shown = more ? fetched.slice(0, size) : fetched;
  if (request.mode === "before") shown.reverse();
  const any = shown.length > 0;
  const hasNext = any && (request.mode === "before" || more);
  const hasPrev = any && (request.mode === "after" || (request.mode === "before" && more));
  return {
    rows: shown,
    nextCursor: hasNext ? cursorOf(shown[shown.length - 1]!) : null,
    prevCursor: hasPrev ? cursorOf(shown[0]!) : null,
  };
}
