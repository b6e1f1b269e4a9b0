import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";

// The pieces every record page (branch, staff member, service, customer) starts with: the way back
// to its list, the title with the record's state, and a notice why the page is read-only
// (deleted, or not the user's to change). Server and client components can use them.

/** "← Back to the list" above a record page's header. */
export function BackLink({ href, label, testId }: { href: string; label: ReactNode; testId: string }) {
  return (
    <div>
      <Button variant="ghost" size="sm" asChild className="-ml-3">
        <Link href={href} data-testid={testId}>
          <ArrowLeft />
          {label}
        </Link>
      </Button>
    </div>
  );
}

/**
 * A soft-deletable record's title with a "deleted" or "inactive" badge. Test ids from the prefix:
 * `<prefix>-title`, `<prefix>-deleted`, `<prefix>-inactive`.
 */
export function RecordTitle({
  name,
  leading,
  deleted,
  inactive,
  labels,
  testIdPrefix,
}: {
  name: ReactNode;
  /** Before the name (a colour dot, an avatar). */
  leading?: ReactNode;
  deleted: boolean;
  inactive: boolean;
  labels: { deleted: string; inactive: string };
  testIdPrefix: string;
}) {
  return (
    <span className="flex flex-wrap items-center gap-3">
      {leading}
      <span data-testid={`${testIdPrefix}-title`}>{name}</span>
      {deleted ? (
        <Badge variant="destructive" data-testid={`${testIdPrefix}-deleted`}>
          {labels.deleted}
        </Badge>
      ) : inactive ? (
        <Badge variant="muted" data-testid={`${testIdPrefix}-inactive`}>
          {labels.inactive}
        </Badge>
      ) : null}
    </span>
  );
}

/** A plain notice under a record page's header ("this record is deleted", "read-only for you"). */
export function RecordNotice({ testId, children }: { testId: string; children: ReactNode }) {
  return (
    <Alert data-testid={testId}>
      <AlertDescription>{children}</AlertDescription>
    </Alert>
  );
}
