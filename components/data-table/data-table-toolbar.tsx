"use client";

import type { ReactTable, RowData } from "@tanstack/react-table";
import { Download, Search, X } from "lucide-react";
import { useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { VIEW_ONLY_KEYS } from "@/lib/data-table/search-params";
import { resetPatch } from "./data-table-empty";
import { DataTableViewOptions } from "./data-table-view-options";
import type { DataTableFeatures } from "./features";
import { useDataTableUrl } from "./url-state";

/** Search (debounced into the URL), the page's filters, reset, column menu and CSV export. */
export function DataTableToolbar<TData extends RowData>({
  table,
  searchPlaceholder,
  filters,
  exportPath,
  filtered,
}: {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any selected state shape
  table: ReactTable<DataTableFeatures, TData, any>;
  searchPlaceholder: string;
  filters?: ReactNode;
  exportPath?: string;
  filtered: boolean;
}) {
  const t = useTranslations("dataTable");
  const url = useDataTableUrl();
  const searchParams = useSearchParams();
  const exportQuery = new URLSearchParams(searchParams.toString());
  for (const key of VIEW_ONLY_KEYS) exportQuery.delete(key);
  const exportHref = exportPath ? `${exportPath}${exportQuery.size > 0 ? `?${exportQuery.toString()}` : ""}` : null;

  return (
    <div className="flex flex-col gap-2 lg:flex-row lg:items-center" data-testid="data-table-toolbar">
      <div className="flex flex-1 flex-wrap items-center gap-2">
        <div className="relative w-full sm:w-80">
          <Search className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden />
          <Input
            type="search"
            value={url.state.q}
            onChange={(event) => url.set({ q: event.target.value || null }, { debounce: true, history: "replace" })}
            placeholder={searchPlaceholder}
            aria-label={t("search.label")}
            className="pr-8 pl-8 [&::-webkit-search-cancel-button]:hidden"
            maxLength={200}
            data-testid="data-table-search"
          />
          {url.state.q && (
            <button
              type="button"
              className="absolute top-1/2 right-2 -translate-y-1/2 rounded-sm p-0.5 text-muted-foreground hover:text-foreground"
              onClick={() => url.set({ q: null })}
              aria-label={t("search.clear")}
              data-testid="data-table-search-clear"
            >
              <X className="size-4" />
            </button>
          )}
        </div>
        {filters}
        {filtered && (
          <Button variant="ghost" size="sm" onClick={() => url.set(resetPatch(url.filterKeys))} data-testid="data-table-reset">
            {t("toolbar.reset")}
            <X />
          </Button>
        )}
      </div>
      <div className="flex items-center gap-2">
        <DataTableViewOptions table={table} />
        {exportHref && (
          <Button variant="outline" size="sm" asChild>
            <a href={exportHref} download title={t("toolbar.exportTitle")} data-testid="data-table-export">
              <Download />
              {t("toolbar.export")}
            </a>
          </Button>
        )}
      </div>
    </div>
  );
}
