"use client";

import { Inbox, SearchX } from "lucide-react";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { useDataTableUrl } from "./url-state";

/** No rows: either the list is empty, or the search/filters match nothing (offer to reset). */
export function DataTableEmpty({ filtered, children }: { filtered: boolean; children?: ReactNode }) {
  const t = useTranslations("dataTable.empty");
  const url = useDataTableUrl();
  const Icon = filtered ? SearchX : Inbox;
  return (
    <div className="flex flex-col items-center gap-2 px-6 py-14 text-center" data-testid="data-table-empty" data-filtered={filtered || undefined}>
      <div className="mb-1 flex size-10 items-center justify-center rounded-full bg-muted text-muted-foreground">
        <Icon className="size-5" aria-hidden />
      </div>
      <p className="font-medium">{filtered ? t("filtered") : t("title")}</p>
      <p className="max-w-sm text-sm text-muted-foreground">{filtered ? t("filteredHint") : children}</p>
      {filtered && (
        <Button variant="outline" size="sm" className="mt-2" onClick={() => url.set(resetPatch(url.filterKeys))} data-testid="data-table-empty-reset">
          {t("reset")}
        </Button>
      )}
    </div>
  );
}

export function resetPatch(filterKeys: readonly string[]): Record<string, null> {
  return Object.fromEntries([["q", null], ...filterKeys.map((key) => [key, null])]);
}
