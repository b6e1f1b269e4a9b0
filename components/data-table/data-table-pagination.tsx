"use client";

import { ChevronLeft, ChevronRight, ChevronsLeft, ChevronDown } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuRadioGroup, DropdownMenuRadioItem, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { intlLocale } from "@/lib/i18n/config";
import { DEFAULT_PAGE_SIZE, PAGE_SIZES } from "@/lib/data-table/search-params";
import { type KeysetPageInfo, useDataTableUrl } from "./url-state";

/**
 * Keyset paging: first / previous / next by cursor, no page numbers to jump to (an offset would
 * cost as much as the rows it skips). "51–100 of 10,000+": the position comes from the page count
 * kept in the URL, the total from the capped count.
 */
export function DataTablePagination({ page, rowCount }: { page: KeysetPageInfo; rowCount: number }) {
  const t = useTranslations("dataTable.pagination");
  const locale = useLocale();
  const url = useDataTableUrl();
  const number = new Intl.NumberFormat(intlLocale(locale));
  const size = url.state.size;
  // Without a previous page this is page 1, whatever the URL says.
  const pageNumber = page.prevCursor ? Math.max(url.state.page, 2) : 1;
  const from = (pageNumber - 1) * size + 1;
  const to = from + rowCount - 1;
  const total = number.format(page.total.value);
  const label =
    rowCount === 0
      ? t("none")
      : t(page.total.capped ? "rangeCapped" : "range", { from: number.format(from), to: number.format(to), total });

  const go = (patch: Record<string, unknown>) => url.set(patch, { resetPaging: false });
  return (
    <nav aria-label={t("label")} className="flex flex-col-reverse gap-3 text-sm sm:flex-row sm:items-center sm:justify-between" data-testid="data-table-pagination">
      <p className="text-muted-foreground tabular-nums" data-testid="data-table-range" aria-live="polite">
        {label}
      </p>
      <div className="flex items-center justify-between gap-4 sm:justify-end">
        <div className="flex items-center gap-2">
          <span className="text-muted-foreground">{t("rowsPerPage")}</span>
          <DropdownMenu modal={false}>
            <DropdownMenuTrigger asChild>
              <Button variant="outline" size="sm" className="w-[4.5rem] justify-between tabular-nums" data-testid="data-table-page-size">
                {size}
                <ChevronDown className="opacity-60" />
              </Button>
            </DropdownMenuTrigger>
            <DropdownMenuContent align="end" className="min-w-[5rem]">
              <DropdownMenuRadioGroup value={String(size)} onValueChange={(value) => url.set({ size: Number(value) === DEFAULT_PAGE_SIZE ? null : Number(value) })}>
                {PAGE_SIZES.map((n) => (
                  <DropdownMenuRadioItem key={n} value={String(n)} data-testid={`data-table-page-size-${n}`}>
                    {n}
                  </DropdownMenuRadioItem>
                ))}
              </DropdownMenuRadioGroup>
            </DropdownMenuContent>
          </DropdownMenu>
        </div>
        <div className="flex items-center gap-1">
          <Button variant="outline" size="icon-sm" aria-label={t("first")} title={t("first")} disabled={!page.prevCursor} onClick={() => url.set({})} data-testid="data-table-first">
            <ChevronsLeft />
          </Button>
          <Button
            variant="outline"
            size="icon-sm"
            aria-label={t("previous")}
            title={t("previous")}
            disabled={!page.prevCursor}
            onClick={() => go({ before: page.prevCursor, after: null, page: pageNumber - 1 > 1 ? pageNumber - 1 : null })}
            data-testid="data-table-previous"
          >
            <ChevronLeft />
          </Button>
          <Button
            variant="outline"
            size="icon-sm"
            aria-label={t("next")}
            title={t("next")}
            disabled={!page.nextCursor}
            onClick={() => go({ after: page.nextCursor, before: null, page: pageNumber + 1 })}
            data-testid="data-table-next"
          >
            <ChevronRight />
          </Button>
        </div>
      </div>
    </nav>
  );
}
