// The agent's tools and how a requested name maps to one. Retell agents are edited in the Retell
// dashboard, where a copied or revised tool often ends up as `book_appointment_v17` or
// `check-availability-v2`; the reference system ignored those and the agent said "booked" while
// nothing was saved. So: trim, lower-case, `-` → `_`, strip one trailing version suffix
// (`_v17`, `-v2`, `_V3`), then look the base name up. Anything else is null (an unknown tool,
// which the endpoint answers with a speakable error).

export const TOOL_NAMES = [
  "get_context",
  "check_customer",
  "check_availability",
  "book_appointment",
  "find_appointments",
  "cancel_appointment",
  "reschedule_appointment",
  "request_callback",
  "list_services",
  "opening_hours",
] as const;

export type ToolName = (typeof TOOL_NAMES)[number];

const known = new Set<string>(TOOL_NAMES);
const VERSION_SUFFIX = /[_-]v\d{1,6}$/;

export function isToolName(name: string): name is ToolName {
  return known.has(name);
}

/** The tool a requested name means, or null if none. */
export function normalizeToolName(name: unknown): ToolName | null {
  if (typeof name !== "string" || name.length > 64) return null;
  const base = name.trim().toLowerCase().replace(VERSION_SUFFIX, "").replaceAll("-", "_");
  return isToolName(base) ? base : null;
}
