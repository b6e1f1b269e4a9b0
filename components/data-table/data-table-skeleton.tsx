import { Skeleton } from "@/components/ui/skeleton";

/** The list's shape while the first page loads (a route's loading.tsx or a Suspense fallback). */
export function DataTableSkeleton({ columnCount = 5, rowCount = 10, filterCount = 2 }: { columnCount?: number; rowCount?: number; filterCount?: number }) {
  return (
    <div className="flex flex-col gap-3" data-testid="data-table-skeleton" aria-hidden>
      <div className="flex flex-wrap items-center gap-2">
        <Skeleton className="h-9 w-full sm:w-72" />
        {Array.from({ length: filterCount }, (_, i) => (
          <Skeleton key={i} className="h-9 w-28" />
        ))}
        <div className="ml-auto flex gap-2">
          <Skeleton className="h-9 w-24" />
          <Skeleton className="h-9 w-32" />
        </div>
      </div>
      <div className="overflow-hidden rounded-xl border bg-card">
        <div className="flex gap-6 border-b bg-muted/40 px-3 py-3">
          {Array.from({ length: columnCount }, (_, i) => (
            <Skeleton key={i} className="h-4 flex-1" />
          ))}
        </div>
        {Array.from({ length: rowCount }, (_, r) => (
          <div key={r} className="flex gap-6 border-b px-3 py-3.5 last:border-0">
            {Array.from({ length: columnCount }, (_, i) => (
              <Skeleton key={i} className="h-4 flex-1" style={{ opacity: 1 - r * 0.06 }} />
            ))}
          </div>
        ))}
      </div>
      <div className="flex items-center justify-between">
        <Skeleton className="h-5 w-40" />
        <Skeleton className="h-8 w-56" />
      </div>
    </div>
  );
}
