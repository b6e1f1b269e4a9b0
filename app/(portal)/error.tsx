"use client";

import { RotateCw, TriangleAlert } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { Button } from "@/components/ui/button";

// The portal's error boundary: the shell stays, the page area offers to try again.
export default function PortalError({ error, retry }: { error: unknown; retry: () => void }) {
  const t = useTranslations("errors.boundary");
  const digest = error instanceof Error ? (error as Error & { digest?: string }).digest : undefined;

  useEffect(() => {
    console.error(error);
  }, [error]);

  return (
    <div
      data-testid="error-boundary"
      className="mx-auto flex max-w-md flex-col items-center rounded-xl border bg-card px-6 py-12 text-center"
    >
      <div className="mb-4 flex size-11 items-center justify-center rounded-full bg-destructive/10 text-destructive">
        <TriangleAlert className="size-5" />
      </div>
      <h1 data-testid="page-title" className="text-lg font-semibold tracking-tight">
        {t("title")}
      </h1>
      <p className="mt-2 text-sm text-muted-foreground">{t("description")}</p>
      {digest && <p className="mt-3 font-mono text-xs text-muted-foreground">{t("reference", { digest })}</p>}
      <Button className="mt-6" onClick={() => retry()} data-testid="error-retry">
        <RotateCw />
        {t("retry")}
      </Button>
    </div>
  );
}
