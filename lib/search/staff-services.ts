import "server-only";
import { and, asc, desc, eq, isNull, or, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { services, staff } from "@/db/schema";
import { containsPattern } from "@/lib/data-table/in-memory";
import { staffInScope } from "@/lib/staff/queries";
import { SEARCH_GROUP_LIMIT, type ServiceHit, type StaffHit } from "./types";

// Staff and services for the search palette: name contains the query, case-insensitive. Both
// tables hold tens to hundreds of rows per company, so a filtered scan of the company's rows is fine.
// Active rows first, deleted ones never.

/** null = every branch of the company; [] = none. */
type BranchIds = readonly string[] | null;

export async function findStaff(tx: Tx, companyId: string, query: string, branchIds: BranchIds): Promise<StaffHit[]> {
  if (branchIds !== null && branchIds.length === 0) return [];
  const pattern = containsPattern(query);
  const rows = await tx
    .select({ id: staff.id, displayName: staff.displayName, firstName: staff.firstName, lastName: staff.lastName, isActive: staff.isActive })
    .from(staff)
    .where(
      and(
        eq(staff.companyId, companyId),
        isNull(staff.deletedAt),
        staffInScope(tx, branchIds),
        or(
          sql`${staff.displayName} ilike ${pattern}`,
          sql`(${staff.firstName} || ' ' || ${staff.lastName}) ilike ${pattern}`,
        ),
      ),
    )
    .orderBy(desc(staff.isActive), asc(staff.displayName), asc(staff.id))
    .limit(SEARCH_GROUP_LIMIT);
  return rows.map((r) => ({ id: r.id, displayName: r.displayName, fullName: `${r.firstName} ${r.lastName}`.trim(), isActive: r.isActive }));
}

export async function findServices(tx: Tx, companyId: string, query: string): Promise<ServiceHit[]> {
  return tx
    .select({
      id: services.id,
      name: services.name,
      durationMinutes: services.durationMinutes,
      priceCents: services.priceCents,
      currency: services.currency,
      isActive: services.isActive,
    })
    .from(services)
    .where(and(eq(services.companyId, companyId), isNull(services.deletedAt), sql`${services.name} ilike ${containsPattern(query)}`))
    .orderBy(desc(services.isActive), asc(services.name), asc(services.id))
    .limit(SEARCH_GROUP_LIMIT);
}
