import { z } from "zod";

// The audit page's search params. Anything malformed is dropped rather than failing the page.

/**
 * The tables app_enable_audit() is called for in drizzle/0004_audit_trail.sql (the filter's
 * choices; lib/audit/audit.test.ts checks this list against the triggers in the catalog).
 */
export const AUDITED_TABLES = [
  "appointment_notes",
  "appointments",
  "branches",
  "companies",
  "customers",
  "feature_flag_overrides",
  "feature_flags",
  "phone_numbers",
  "retell_agents",
  "service_categories",
  "services",
  "staff",
  "staff_absences",
  "staff_branches",
  "staff_services",
  "user_branches",
  "users",
  "working_hours",
] as const;

export const auditFiltersSchema = z.object({
  /** A table name as the trail writes it (later issues add tables, so not only the list above). */
  table: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,62}$/)
    .optional()
    .catch(undefined),
  /** A row id: a uuid, a flag key, or key values joined with "/" for composite keys. */
  row: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .catch(undefined),
  user: z.uuid().optional().catch(undefined),
  /** "Load older": entries before this chain position. */
  before: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional().catch(undefined),
});

export type AuditFilters = z.infer<typeof auditFiltersSchema>;

/** The search params of a filter set (empty values left out), e.g. for the "load older" link. */
export function auditSearchParams(filters: AuditFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.table) params.set("table", filters.table);
  if (filters.row) params.set("row", filters.row);
  if (filters.user) params.set("user", filters.user);
  if (filters.before !== undefined) params.set("before", String(filters.before));
  return params;
}
