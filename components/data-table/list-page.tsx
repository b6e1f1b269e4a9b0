import { Plus } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { DataTableSkeleton } from "@/components/data-table/data-table-skeleton";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";

// The frame of a list page around its table: the header's "New …" button and the page while it
// loads (its loading.tsx). Server components; the sections pass texts and test ids.

/** The list header's primary action: "+ New …" linking to the create page. */
export function NewRecordButton({ href, label, testId }: { href: string; label: ReactNode; testId: string }) {
  return (
    <Button asChild>
      <Link href={href} data-testid={testId}>
        <Plus />
        {label}
      </Link>
    </Button>
  );
}

/** A list page while it loads: the header's title and text, then the table's skeleton. */
export function ListPageSkeleton({ columnCount, rowCount }: { columnCount: number; rowCount: number }) {
  return (
    <div className="flex flex-col gap-6">
      <div className="space-y-2">
        <Skeleton className="h-8 w-40" />
        <Skeleton className="h-4 w-80 max-w-full" />
      </div>
      <DataTableSkeleton columnCount={columnCount} rowCount={rowCount} />
    </div>
  );
}
