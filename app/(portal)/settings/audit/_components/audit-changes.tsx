import { type AuditChange, REDACTED } from "@/lib/audit/changes";
import { cn } from "@/lib/utils";

/** The changed fields of one entry: "field: old → new" (insert: new only, delete: old only). */
export function AuditChanges({
  changes,
  redactedHint,
  emptyLabel,
}: {
  changes: AuditChange[];
  redactedHint: string;
  emptyLabel: string;
}) {
  if (changes.length === 0) return <span className="text-muted-foreground">{emptyLabel}</span>;
  return (
    <ul className="space-y-0.5 font-mono text-xs" data-testid="audit-changes">
      {changes.map((change) => (
        <li key={change.field} className="flex flex-wrap items-baseline gap-x-1.5" data-field={change.field}>
          <span className="text-muted-foreground">{change.field}:</span>
          {change.old !== undefined && (
            <Value value={change.old} hint={redactedHint} className={change.new !== undefined ? "line-through decoration-muted-foreground/60" : undefined} />
          )}
          {change.old !== undefined && change.new !== undefined && (
            <span aria-hidden className="text-muted-foreground">
              →
            </span>
          )}
          {change.new !== undefined && <Value value={change.new} hint={redactedHint} />}
        </li>
      ))}
    </ul>
  );
}

function Value({ value, hint, className }: { value: string; hint: string; className?: string }) {
  if (value === REDACTED) {
    return (
      <span className="italic text-muted-foreground" title={hint} data-redacted="">
        {REDACTED}
      </span>
    );
  }
  return <span className={cn("break-all", className)}>{value}</span>;
}
