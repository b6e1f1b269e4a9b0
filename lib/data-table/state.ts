import { TZDate } from "@date-fns/tz";
import { z } from "zod";
import { isDay, MAX_SEARCH_LENGTH, PAGE_SIZES } from "./search-params";

// The server's own check of a list's URL state, shared by every list (lib/<domain>/list.ts):
// each field falls back to its default when malformed, so a hand-edited or stale link shows the
// list instead of an error. The nuqs parsers (./search-params.ts) read the URL first; these
// schemas are the authority on the server, whatever a caller passes.

/** q, sort, size, after, before: the fields every list has. */
export function listStateBase<const TSort extends readonly [string, ...string[]]>(sorts: TSort, defaultSort: TSort[number]) {
  return {
    q: z
      .string()
      .max(MAX_SEARCH_LENGTH)
      .transform((q) => q.trim())
      .catch(""),
    sort: z.enum(sorts).catch(defaultSort as never),
    size: z.coerce
      .number()
      .pipe(z.union(PAGE_SIZES.map((n) => z.literal(n)) as [z.ZodLiteral<25>, z.ZodLiteral<50>, z.ZodLiteral<100>]))
      .catch(50),
    after: z.string().max(2_000).nullish().catch(null),
    before: z.string().max(2_000).nullish().catch(null),
  };
}

/** A calendar day "YYYY-MM-DD" that exists, else none. */
export const optionalDay = z.string().refine(isDay).optional().catch(undefined);

/** "a,b,c" (as a URL gives it) or an array. */
export const stringList = (value: unknown) => (typeof value === "string" ? value.split(",").filter(Boolean) : value);

/** Ids of a multi filter, at most `max`; anything malformed means no filter. */
export const idList = (max: number) => z.preprocess(stringList, z.array(z.uuid()).max(max)).catch([]);

/** Values of an enum filter; anything malformed means no filter. */
export const enumList = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess(stringList, z.array(z.enum(values)).max(values.length)).catch([]);

/** The instant a calendar day starts in a zone. */
export function dayStart(day: string, timeZone: string): Date {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d, timeZone).getTime());
}

/** The calendar day after `day`. */
export function nextDay(day: string): string {
  return new Date(new Date(`${day}T00:00:00Z`).getTime() + 86_400_000).toISOString().slice(0, 10);
}
