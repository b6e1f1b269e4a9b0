"use client";

import { X } from "lucide-react";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";

/** Shown while rows are selected: how many, the page's bulk actions, and a way out. */
export function DataTableBulkBar({ count, onClear, children }: { count: number; onClear: () => void; children: ReactNode }) {
  const t = useTranslations("dataTable.selection");
  return (
    <div
      role="toolbar"
      aria-label={t("toolbar")}
      className="flex flex-wrap items-center gap-2 rounded-lg border border-primary/30 bg-primary/5 px-3 py-2 text-sm"
      data-testid="data-table-bulk-bar"
    >
      <span className="font-medium tabular-nums" data-testid="data-table-selected-count">
        {t("count", { count })}
      </span>
      <div className="flex flex-1 flex-wrap items-center gap-2">{children}</div>
      <Button variant="ghost" size="sm" onClick={onClear} data-testid="data-table-clear-selection">
        <X />
        {t("clear")}
      </Button>
    </div>
  );
}
