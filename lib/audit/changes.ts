// The changed fields of an audit entry as a compact old → new list (the audit page). Pure, so
// client and server components and unit tests share it.
//
// What the trigger stores (drizzle/0004_audit_trail.sql): an insert has the new row, a delete
// the old row, an update (soft delete, restore) only the changed columns before and after.
// Personal fields arrive as the string "[redacted]" and are shown as such.

export const REDACTED = "[redacted]";

/** Bookkeeping columns left out of the list (the entry's own time and row say it already). */
const HIDDEN = new Set(["id", "company_id", "created_at", "updated_at"]);

export type AuditChange = {
  field: string;
  /** undefined: the side does not exist (insert has no old side, delete no new one). */
  old?: string;
  new?: string;
};

const MAX_VALUE_LENGTH = 80;

/** One value as short display text: null → "∅", objects as JSON, long text cut. */
export function displayValue(value: unknown): string {
  const text =
    value === null || value === undefined ? "∅" : typeof value === "string" ? value : JSON.stringify(value);
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text;
}

export function auditChanges(entry: {
  oldValues: Record<string, unknown> | null;
  newValues: Record<string, unknown> | null;
}): AuditChange[] {
  const { oldValues, newValues } = entry;
  const fields = [...new Set([...Object.keys(oldValues ?? {}), ...Object.keys(newValues ?? {})])]
    .filter((field) => !HIDDEN.has(field))
    .sort();
  const changes: AuditChange[] = [];
  for (const field of fields) {
    const before = oldValues ? displayValue(oldValues[field]) : undefined;
    const after = newValues ? displayValue(newValues[field]) : undefined;
    // An insert or delete lists the row's set fields, not its empty ones.
    if (!oldValues && after === "∅") continue;
    if (!newValues && before === "∅") continue;
    changes.push({ field, ...(oldValues ? { old: before } : {}), ...(newValues ? { new: after } : {}) });
  }
  return changes;
}
