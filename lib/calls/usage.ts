import type { ServiceUsageUnit } from "@/db/schema";

// Billing counts Retell's duration_ms (integrations.md §1: "bill from duration_ms, not your own
// clock"), rounded up to the company's increment: a 61 s call is 61 billable seconds by the
// second and 120 by the started minute. A call that never connected (0 ms) costs nothing.

const UNIT_SECONDS: Record<ServiceUsageUnit, number> = { second: 1, minute: 60 };

export function billableSeconds(durationMs: number, unit: ServiceUsageUnit = "second"): number {
  if (!Number.isFinite(durationMs) || durationMs <= 0) return 0;
  const step = UNIT_SECONDS[unit];
  return Math.ceil(durationMs / 1000 / step) * step;
}
