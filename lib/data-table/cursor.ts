import { z } from "zod";

// Keyset cursors: the sort key of a row plus its id, as opaque base64url JSON. The URL carries
// them, so they are read back as untrusted input: anything that does not decode to the expected
// shape is dropped (the list starts over at its first page) rather than failing the request.
// Timestamps travel as PostgreSQL's exact text (microseconds, see EXACT_TIMESTAMP_FORMAT): a
// JavaScript Date keeps milliseconds only, and a truncated cursor skips the rows in between.

/** to_char format of a timestamptz (read `at time zone 'UTC'`) that keeps all six fractional digits. */
export const EXACT_TIMESTAMP_FORMAT = 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"';

export const exactTimestampText = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
export const cursorId = z.uuid();

const MAX_CURSOR_LENGTH = 2_000;

export function encodeCursor(values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(values), "utf8").toString("base64url");
}

/** The values of a cursor made by encodeCursor, checked against `shape`; null if anything is off. */
export function decodeCursor<T extends z.ZodType>(raw: string | null | undefined, shape: T): z.infer<T> | null {
  if (!raw || raw.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(raw)) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  const parsed = shape.safeParse(json);
  return parsed.success ? parsed.data : null;
}
