"use client";

import { debounce as debounceUpdates, type ParserMap, useQueryStates } from "nuqs";
import { createContext, useContext, useTransition } from "react";
import type { CappedCount } from "@/lib/data-table/count";
import { PAGING_RESET, type PageSize } from "@/lib/data-table/search-params";

// The list's state lives in the URL (bookmarkable, shareable, back button): the kit's controls
// read and write it through nuqs with shallow: false, so each change re-renders the server page
// with the new rows. The transition makes that visible (the table dims while it loads).

/** The keys every list has (lib/data-table/search-params.ts dataTableParsers). */
export type DataTableBaseState = {
  q: string;
  sort: string;
  size: PageSize;
  after: string | null;
  before: string | null;
  page: number;
  hide: string[];
};

export type DataTableUrl = {
  state: DataTableBaseState & Record<string, unknown>;
  /** Set some keys; `resetPaging` (default true) drops the cursor as the rows change. */
  set: (patch: Record<string, unknown>, options?: { resetPaging?: boolean; debounce?: boolean; history?: "push" | "replace" }) => void;
  isPending: boolean;
  /** Keys of the list's own filters: "reset" clears them with q. */
  filterKeys: readonly string[];
};

export type KeysetPageInfo = { nextCursor: string | null; prevCursor: string | null; total: CappedCount };

const DataTableUrlContext = createContext<DataTableUrl | null>(null);

export function useDataTableUrl(): DataTableUrl {
  const value = useContext(DataTableUrlContext);
  if (!value) throw new Error("useDataTableUrl outside <DataTable>");
  return value;
}

export function DataTableUrlProvider({ parsers, filterKeys, children }: { parsers: ParserMap; filterKeys: readonly string[]; children: React.ReactNode }) {
  const [isPending, startTransition] = useTransition();
  const [state, setState] = useQueryStates(parsers, { shallow: false, startTransition, history: "push", scroll: false });
  const set: DataTableUrl["set"] = (patch, options = {}) => {
    const { resetPaging = true, debounce = false, history = "push" } = options;
    void setState({ ...(resetPaging ? PAGING_RESET : {}), ...patch } as never, {
      history,
      ...(debounce ? { limitUrlUpdates: debounceUpdates(350) } : {}),
    });
  };
  return (
    <DataTableUrlContext.Provider value={{ state: state as DataTableUrl["state"], set, isPending, filterKeys }}>{children}</DataTableUrlContext.Provider>
  );
}
