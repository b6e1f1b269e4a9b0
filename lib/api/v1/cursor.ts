import { sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { z } from "zod";

// Keyset cursors of the list endpoints: an opaque base64url string around "<timestamp>_<id>" of
// the last row of a page. The timestamp is PostgreSQL's own, with all six fractional digits: a
// JavaScript Date keeps only milliseconds, and a truncated cursor would skip the rows between
// (lib/security/queries.ts does the same). A nullable sort column writes "null" instead.

const DECODED = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z|null)_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export type Cursor = { at: string | null; id: string };

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`${cursor.at ?? "null"}_${cursor.id}`, "utf8").toString("base64url");
}

export function decodeCursor(value: string): Cursor | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(value)) return null;
  const match = DECODED.exec(Buffer.from(value, "base64url").toString("utf8"));
  if (!match) return null;
  const at = match[1] === "null" ? null : match[1]!;
  if (at !== null && Number.isNaN(Date.parse(at))) return null;
  return { at, id: match[2]! };
}

/** The cursor parameter: an opaque string that must decode (else 400 invalid_input). */
export const cursorParam = z
  .string()
  .max(200)
  .refine((value) => decodeCursor(value) !== null, { error: "Not a cursor returned by this API." })
  .optional()
  .describe("Opaque cursor: the next_cursor of the previous page.");

export const limitParam = z.coerce
  .number()
  .int()
  .min(1)
  .max(100)
  .default(50)
  .describe("Page size, 1–100 (default 50).");

/** A timestamp column in UTC with microseconds, for the cursor of the last row. */
export const exactTimestamp = (column: PgColumn | SQL) =>
  sql<string | null>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** Rows after the cursor in ascending (column, id) order. */
export function afterAscending(column: PgColumn, id: PgColumn, cursor: Cursor): SQL {
  return sql`(${column}, ${id}) > (${cursor.at}::timestamptz, ${cursor.id}::uuid)`;
}

/** Rows after the cursor in (column desc nulls last, id desc) order, for a nullable column. */
export function afterDescendingNullsLast(column: PgColumn, id: PgColumn, cursor: Cursor): SQL {
  if (cursor.at === null) return sql`(${column} is null and ${id} < ${cursor.id}::uuid)`;
  return sql`(${column} < ${cursor.at}::timestamptz or (${column} = ${cursor.at}::timestamptz and ${id} < ${cursor.id}::uuid) or ${column} is null)`;
}

/** One page from limit + 1 rows: the rows shown and the cursor after the last, if there is more. */
export function pageOf<T extends { id: string; cursorAt: string | null }>(rows: T[], limit: number) {
  const more = rows.length > limit;
  const shown = more ? rows.slice(0, limit) : rows;
  const last = shown.at(-1);
  return { rows: shown, nextCursor: more && last ? encodeCursor({ at: last.cursorAt, id: last.id }) : null };
}
