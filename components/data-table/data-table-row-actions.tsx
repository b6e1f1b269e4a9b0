"use client";

import { MoreHorizontal } from "lucide-react";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";

/**
 * A row's action menu (the "⋯" button). The page passes the items (DropdownMenuItem, often
 * `asChild` around a Link); later actions (merge, GDPR export, erase) slot in here.
 */
export function DataTableRowActions({ children, testId = "data-table-row-actions" }: { children: ReactNode; testId?: string }) {
  const t = useTranslations("dataTable.rowActions");
  return (
    <DropdownMenu modal={false}>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="icon-sm" aria-label={t("label")} data-testid={testId}>
          <MoreHorizontal />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="min-w-40">
        {children}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
