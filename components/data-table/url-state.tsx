"use client";

import { type ParserMap, useQueryStates } from "nuqs";
import { createContext, useContext, useEffect, useState, useTransition } from "react";
import type { CappedCount } from "@/lib/data-table/count";
import { PAGING_RESET, type PageSize } from "@/lib/data-table/search-params";
import { createPendingUpdate, startsNavigation } from "./pending-update";

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
  /**
   * Set some keys; `resetPaging` (default true) drops the cursor as the rows change. `debounce`
   * (typing) waits 350 ms after the last call and is dropped if the page navigates meanwhile.
   */
  set: (patch: Record<string, unknown>, options?: { resetPaging?: boolean; debounce?: boolean; history?: "push" | "replace" }) => void;
  isPending: boolean;
  /** Keys of the list's own filters: "reset" clears them with q. */
  filterKeys: readonly string[];
};

export type KeysetPageInfo = { nextCursor: string | null; prevCursor: string | null; total: CappedCount };

export const SEARCH_DEBOUNCE_MS = 350;

const DataTableUrlContext = createContext<DataTableUrl | null>(null);

export function useDataTableUrl(): DataTableUrl {
  const value = useContext(DataTableUrlContext);
  if (!value) throw new Error("useDataTableUrl outside <DataTable>");
  return value;
}

type Patch = Record<string, unknown>;
type SetUrlState = (patch: Patch, history: "push" | "replace") => void;

export function DataTableUrlProvider({ parsers, filterKeys, children }: { parsers: ParserMap; filterKeys: readonly string[]; children: React.ReactNode }) {
  const [isPending, startTransition] = useTransition();
  const [urlState, setState] = useQueryStates(parsers, { shallow: false, startTransition, history: "push", scroll: false });
  const write: SetUrlState = (patch, history) => void setState(patch as never, { history });

  // Typing is debounced here, not with nuqs' limitUrlUpdates (see ./pending-update.ts). While a
  // patch waits, the controls show it (the search box keeps what was typed).
  const [queued, setQueued] = useState<Patch | null>(null);
  const [pending] = useState(() =>
    createPendingUpdate<Patch>({
      delayMs: SEARCH_DEBOUNCE_MS,
      currentPage: () => window.location.pathname,
      onChange: setQueued,
    }),
  );
  useEffect(() => {
    // Capture phase: before next/link's (or a menu item's) own click handler starts a navigation.
    const onClick = (event: MouseEvent) => {
      if (!pending.isPending()) return;
      const target = event.target instanceof Element ? event.target : null;
      const anchor = target?.closest("a[href]");
      const link = anchor instanceof HTMLAnchorElement ? anchor : null;
      const click = {
        href: link?.href ?? null,
        target: link?.target ?? "",
        download: link?.hasAttribute("download") ?? false,
        menuItem: Boolean(target?.closest('[role="menuitem"]')),
        button: event.button,
        modified: event.metaKey || event.ctrlKey || event.shiftKey || event.altKey,
        defaultPrevented: event.defaultPrevented,
      };
      if (startsNavigation(click, window.location.href)) pending.cancel();
    };
    const onPopState = () => pending.cancel();
    document.addEventListener("click", onClick, true);
    window.addEventListener("popstate", onPopState);
    return () => {
      document.removeEventListener("click", onClick, true);
      window.removeEventListener("popstate", onPopState);
      pending.cancel();
    };
  }, [pending]);

  const set: DataTableUrl["set"] = (patch, options = {}) => {
    const { resetPaging = true, debounce = false, history = "push" } = options;
    const full = { ...(resetPaging ? PAGING_RESET : {}), ...patch };
    if (debounce) {
      pending.schedule(full, (due) => write(due, history));
      return;
    }
    // A waiting search goes along with this change (the later value of a key wins).
    write({ ...pending.take(), ...full }, history);
  };

  const state = queued ? { ...urlState, ...withDefaults(queued, parsers) } : urlState;
  return (
    <DataTableUrlContext.Provider value={{ state: state as DataTableUrl["state"], set, isPending, filterKeys }}>{children}</DataTableUrlContext.Provider>
  );
}

/** A patch as the state reads it: null (cleared from the URL) is the key's default. */
function withDefaults(patch: Patch, parsers: ParserMap): Patch {
  return Object.fromEntries(
    Object.entries(patch).map(([key, value]) => [key, value ?? (parsers[key] as { defaultValue?: unknown } | undefined)?.defaultValue ?? null]),
  );
}
