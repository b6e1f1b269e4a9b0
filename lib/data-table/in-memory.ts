import { cappedOf, type CappedCount } from "./count";

// Small entity lists (branches, staff, services: tens to a few hundred rows) read every match in
// one capped query and cut the page in memory. The kit's cursors are then plain row offsets
// ("after" = first row of the next page, "before" = first row of the current one), which is fine
// for rows that fit a screen or two. Shared here so every such list pages the same way.

/** Status of a soft-deletable row with an on/off switch: deleted wins over inactive. */
export type RecordStatus = "active" | "inactive" | "deleted";

export const recordStatusOf = (row: { isActive: boolean; deletedAt: Date | null }): RecordStatus =>
  row.deletedAt ? "deleted" : row.isActive ? "active" : "inactive";

/** The statuses a list shows when none is picked: everything that is not deleted. */
export const pickedStatuses = <S extends string>(picked: readonly S[]): readonly S[] =>
  picked.length ? picked : (["active", "inactive"] as unknown as readonly S[]);

/** Counts per status (every status present with 0), for the status facet. */
export function countStatuses(rows: readonly { status: RecordStatus }[]): Record<RecordStatus, number> {
  const counts: Record<RecordStatus, number> = { active: 0, inactive: 0, deleted: 0 };
  for (const row of rows) counts[row.status]++;
  return counts;
}

/** Escapes LIKE's wildcards so a search text matches literally (backslash is Postgres' default escape). */
export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The `%text%` pattern for a case-insensitive substring search. */
export const containsPattern = (text: string) => `%${escapeLike(text)}%`;

export type OffsetPageRequest = { size: number; after?: string | null; before?: string | null };

export type OffsetPage<T> = { rows: T[]; total: CappedCount; nextCursor: string | null; prevCursor: string | null };

const offsetOf = (cursor: string | null | undefined) => (cursor && /^\d{1,6}$/.test(cursor) ? Number(cursor) : null);

/** One page of rows already in memory, with offset cursors; a malformed cursor means the first page. */
export function offsetPage<T>(rows: readonly T[], request: OffsetPageRequest): OffsetPage<T> {
  const size = Math.max(1, request.size);
  const after = offsetOf(request.after);
  const before = offsetOf(request.before);
  const start = after !== null ? Math.min(after, rows.length) : before !== null ? Math.max(0, before - size) : 0;
  const end = Math.min(start + size, rows.length);
  return {
    rows: rows.slice(start, end),
    total: cappedOf(rows.length),
    nextCursor: end < rows.length ? String(end) : null,
    prevCursor: start > 0 ? String(start) : null,
  };
}
