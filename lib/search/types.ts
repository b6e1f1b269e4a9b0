import { z } from "zod";

// What the search palette (components/layout/global-search.tsx) asks and gets back from
// GET /api/search: shared by the server (lib/search) and the client, so nothing here is server-only.

/** Shorter queries find nothing (one letter would match half the customer file). */
export const SEARCH_MIN_LENGTH = 2;
export const SEARCH_MAX_LENGTH = 100;
/** Hits per group. */
export const SEARCH_GROUP_LIMIT = 5;

export const SEARCH_GROUPS = ["customers", "appointments", "staff", "services"] as const;
export type SearchGroup = (typeof SEARCH_GROUPS)[number];

// Control characters (NUL above all: PostgreSQL text cannot hold it) make a query invalid, not a 500.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/** The raw query: at most SEARCH_MAX_LENGTH characters, no control characters; trimmed. */
export const searchQuerySchema = z
  .string()
  .max(SEARCH_MAX_LENGTH)
  .refine((q) => !CONTROL_CHARACTERS.test(q))
  .transform((q) => q.trim());

export type CustomerHit = { id: string; firstName: string; lastName: string; phone: string | null };

export type AppointmentHit = {
  id: string;
  /** ISO instant; shown in the branch's zone. */
  startsAt: string;
  branchTimeZone: string;
  status: "pending" | "booked" | "confirmed" | "completed" | "no_show" | "cancelled";
  customerName: string;
  serviceName: string;
  staffName: string | null;
};

export type StaffHit = { id: string; displayName: string; fullName: string; isActive: boolean };

export type ServiceHit = { id: string; name: string; durationMinutes: number; priceCents: number; currency: string; isActive: boolean };

/** Every group is there; a group the role may not read is always empty. */
export type SearchResults = {
  customers: CustomerHit[];
  appointments: AppointmentHit[];
  staff: StaffHit[];
  services: ServiceHit[];
};

export const emptySearchResults = (): SearchResults => ({ customers: [], appointments: [], staff: [], services: [] });

/** The detail page of a hit. */
export function searchHitHref(group: SearchGroup, id: string): string {
  return `/${group}/${id}`;
}
