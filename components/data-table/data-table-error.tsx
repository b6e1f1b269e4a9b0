"use client";

import { RotateCw, TriangleAlert } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

/** A list that failed to load (a route's error.tsx): the rest of the page stays usable. */
export function DataTableError({ digest, retry }: { digest?: string; retry: () => void }) {
  const t = useTranslations("dataTable.error");
  return (
    <div className="flex flex-col items-center rounded-xl border border-destructive/25 bg-destructive/5 px-6 py-12 text-center" data-testid="data-table-error">
      <div className="mb-3 flex size-10 items-center justify-center rounded-full bg-destructive/10 text-destructive">
        <TriangleAlert className="size-5" aria-hidden />
      </div>
      <p className="font-medium">{t("title")}</p>
      <p className="mt-1 max-w-md text-sm text-muted-foreground">{t("description")}</p>
      {digest && <p className="mt-2 font-mono text-xs text-muted-foreground">{t("reference", { digest })}</p>}
      <Button variant="outline" className="mt-5" onClick={() => retry()} data-testid="data-table-error-retry">
        <RotateCw />
        {t("retry")}
      </Button>
    </div>
  );
}
