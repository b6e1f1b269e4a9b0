"use client";

import type { Column, RowData } from "@tanstack/react-table";
import { ArrowDown, ArrowUp, ChevronsUpDown } from "lucide-react";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { cn } from "@/lib/utils";
import type { DataTableFeatures } from "./features";

/** A sortable column's heading: a button that flips the server-side sort of that column. */
export function DataTableColumnHeader<TData extends RowData>({
  column,
  label,
  align,
  children,
}: {
  column: Column<DataTableFeatures, TData, unknown>;
  label: string;
  align?: "start" | "end";
  children: ReactNode;
}) {
  const t = useTranslations("dataTable.sort");
  const sorted = column.getIsSorted();
  const Icon = sorted === "asc" ? ArrowUp : sorted === "desc" ? ArrowDown : ChevronsUpDown;
  return (
    <button
      type="button"
      onClick={column.getToggleSortingHandler()}
      className={cn(
        "-mx-2 inline-flex h-8 items-center gap-1.5 rounded-md px-2 text-xs font-medium hover:bg-accent hover:text-accent-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:outline-none",
        sorted && "text-foreground",
        align === "end" && "flex-row-reverse",
      )}
      title={t("toggle", { column: label })}
      data-testid={`data-table-sort-${column.id}`}
      data-sorted={sorted || undefined}
    >
      {children}
      <Icon className={cn("size-3.5", !sorted && "opacity-50")} aria-hidden />
      {sorted && <span className="sr-only">{t(sorted)}</span>}
    </button>
  );
}
