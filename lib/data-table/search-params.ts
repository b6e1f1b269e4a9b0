import {
  createLoader,
  createParser,
  parseAsArrayOf,
  parseAsNumberLiteral,
  parseAsStringLiteral,
  type ParserMap,
} from "nuqs/server";

// The URL state every list shares (tablecn-style, style.md §25): one parser map per list, used by
// the server page and export route (createLoader) and by the client kit (useQueryStates), so both
// read the same URL the same way. A malformed value parses to its default: a hand-edited or stale
// link shows the list, never an error. Keys are short because the URL is meant to be shared.
//
//   q       search text (≤ 200 characters)    sort    "<column>.<asc|desc>" from the list's own set
//   size    page size 25/50/100               after / before   opaque keyset cursor (./cursor.ts)
//   page    1-based page number, for the "51–100" display only; the cursor decides the rows
//   hide    ids of hidden columns: column visibility lives in the URL, so a shared view keeps it

export const PAGE_SIZES = [25, 50, 100] as const;
export type PageSize = (typeof PAGE_SIZES)[number];
export const DEFAULT_PAGE_SIZE: PageSize = 50;
export const MAX_SEARCH_LENGTH = 200;
const MAX_CURSOR_LENGTH = 2_000;
const MAX_PAGE = 1_000_000;

/** Text up to `max` characters; longer is dropped (not cut: a cut search would mislead). */
export const parseAsBoundedText = (max: number) =>
  createParser({
    parse: (value: string) => (value.length <= max ? value : null),
    serialize: (value: string) => value,
  });

/** A positive integer up to `max`. */
export const parseAsPositiveInt = (max: number) =>
  createParser({
    parse: (value: string) => {
      if (!/^[1-9][0-9]{0,9}$/.test(value)) return null;
      const n = Number(value);
      return n <= max ? n : null;
    },
    serialize: (value: number) => String(value),
  });

/** A calendar day "YYYY-MM-DD" that exists. */
export const parseAsDay = createParser({
  parse: (value: string) => (isDay(value) ? value : null),
  serialize: (value: string) => value,
});

export function isDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export type DataTableParserConfig<TSort extends string, TColumn extends string> = {
  sorts: readonly TSort[];
  defaultSort: NoInfer<TSort>;
  /** Column ids the user may hide. */
  hideable: readonly TColumn[];
};

/** The parsers every list has; a list spreads its own filters next to them. */
export function dataTableParsers<TSort extends string, TColumn extends string>(config: DataTableParserConfig<TSort, TColumn>) {
  return {
    q: parseAsBoundedText(MAX_SEARCH_LENGTH).withDefault(""),
    sort: parseAsStringLiteral(config.sorts).withDefault(config.defaultSort),
    size: parseAsNumberLiteral(PAGE_SIZES).withDefault(DEFAULT_PAGE_SIZE),
    after: parseAsBoundedText(MAX_CURSOR_LENGTH),
    before: parseAsBoundedText(MAX_CURSOR_LENGTH),
    page: parseAsPositiveInt(MAX_PAGE).withDefault(1),
    hide: parseAsArrayOf(parseAsStringLiteral(config.hideable)).withDefault([]),
  } satisfies ParserMap;
}

/** The keys that pick one page of the current result: cleared whenever the result changes. */
export const PAGING_RESET = { after: null, before: null, page: null } as const;

/** Keys that only shape the view, not the set of rows (left out of an export link). */
export const VIEW_ONLY_KEYS = ["after", "before", "page", "size", "hide"] as const;

export { createLoader };
