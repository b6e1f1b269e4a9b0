import { Skeleton } from "@/components/ui/skeleton";

// The new-customer form while it loads (the list's table skeleton would not fit it).
export default function Loading() {
  return (
    <div className="flex max-w-3xl flex-col gap-6" aria-busy="true">
      <Skeleton className="h-8 w-56" />
      <Skeleton className="h-96" />
    </div>
  );
}
