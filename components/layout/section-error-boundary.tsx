"use client";

import { RotateCw, TriangleAlert } from "lucide-react";
import { catchError, type ErrorInfo } from "next/error";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils";

function SectionErrorFallback({ className }: { className?: string }, { retry }: ErrorInfo) {
  return <SectionError className={className} retry={retry} />;
}

function SectionError({ className, retry }: { className?: string; retry: () => void }) {
  const t = useTranslations("errors.section");
  return (
    <div
      role="status"
      data-testid="section-error"
      className={cn(
        "flex items-center justify-between gap-3 rounded-xl border border-destructive/25 bg-destructive/5 px-4 py-3 text-sm",
        className,
      )}
    >
      <span className="flex items-center gap-2 text-destructive">
        <TriangleAlert className="size-4 shrink-0" />
        {t("message")}
      </span>
      <Button variant="outline" size="sm" onClick={() => retry()}>
        <RotateCw />
        {t("retry")}
      </Button>
    </div>
  );
}

/** An error boundary around one card: a failing card does not take the page down with it. */
export const SectionErrorBoundary = catchError(SectionErrorFallback);
