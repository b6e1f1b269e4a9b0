import "server-only";
import { and, asc, count, desc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import { type CompanyContext, withCompany } from "@/db";
import { branches, services, staff, staffBranches, staffServices } from "@/db/schema";
import type { CappedCount } from "@/lib/data-table/count";
import { containsPattern, countStatuses, offsetPage, pickedStatuses, recordStatusOf } from "@/lib/data-table/in-memory";
import type { StaffSort, StaffStatus } from "./list-options";
import { type StaffScope, staffInScope } from "./queries";

export type { StaffSort, StaffStatus };

// The staff list. A company has tens to a few hundred staff members, so this reads every match in
// one query (capped at MAX_ROWS) and cuts the page in memory: the kit's cursors are plain row
// offsets here. Search: substring of display, first or last name, case-insensitive. Filters:
// branch (home or additional), status (active / inactive / deleted; none picked = not deleted).
// Status counts are of the search's and branch filter's matches, whatever status is picked.

const MAX_ROWS = 2000;

export type StaffListState = {
  q: string;
  sort: StaffSort;
  status: readonly StaffStatus[];
  branch: readonly string[];
  size: number;
  after: string | null;
  before: string | null;
};

export type StaffListRow = {
  id: string;
  displayName: string;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  color: string;
  isActive: boolean;
  deletedAt: Date | null;
  status: StaffStatus;
  /** Home branch first. */
  branches: { id: string; name: string }[];
  servicesCount: number;
};

export type StaffListPage = {
  rows: StaffListRow[];
  total: CappedCount;
  nextCursor: string | null;
  prevCursor: string | null;
  statusCounts: Record<StaffStatus, number>;
};

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function listStaff(companyId: string, state: StaffListState, scope?: StaffScope, context?: CompanyContext): Promise<StaffListPage> {
  const q = state.q.trim();
  const pattern = containsPattern(q);
  const search = q
    ? or(sql`${staff.displayName} ilike ${pattern}`, sql`${staff.firstName} ilike ${pattern}`, sql`${staff.lastName} ilike ${pattern}`, sql`(${staff.firstName} || ' ' || ${staff.lastName}) ilike ${pattern}`)
    : undefined;
  const by = state.sort === "name.desc" ? desc : asc;
  const branchFilter = state.branch.filter((id) => uuid.test(id));

  return withCompany(
    companyId,
    async (tx) => {
      const all = await tx
        .select({
          id: staff.id,
          displayName: staff.displayName,
          firstName: staff.firstName,
          lastName: staff.lastName,
          email: staff.email,
          phone: staff.phone,
          color: staff.color,
          isActive: staff.isActive,
          deletedAt: staff.deletedAt,
          branchId: staff.branchId,
        })
        .from(staff)
        .where(and(eq(staff.companyId, companyId), staffInScope(tx, scope), search, branchFilter.length ? staffInScope(tx, branchFilter) : undefined))
        .orderBy(by(sql`lower(${staff.displayName})`), by(staff.lastName), asc(staff.id))
        .limit(MAX_ROWS);
      const rows = all.map((row) => ({ ...row, status: recordStatusOf(row) }));
      const picked = new Set<StaffStatus>(pickedStatuses(state.status));
      const page = offsetPage(rows.filter((row) => picked.has(row.status)), state);
      const pageRows = page.rows;
      const ids = pageRows.map((r) => r.id);

      // The page's branches and live services, in two small queries.
      const [extra, serviceCounts, branchNames] = ids.length
        ? await Promise.all([
            tx.select({ staffId: staffBranches.staffId, branchId: staffBranches.branchId }).from(staffBranches).where(inArray(staffBranches.staffId, ids)),
            tx
              .select({ staffId: staffServices.staffId, value: count() })
              .from(staffServices)
              .innerJoin(services, and(eq(services.companyId, staffServices.companyId), eq(services.id, staffServices.serviceId)))
              .where(and(inArray(staffServices.staffId, ids), isNull(services.deletedAt)))
              .groupBy(staffServices.staffId),
            tx.select({ id: branches.id, name: branches.name }).from(branches).where(and(eq(branches.companyId, companyId), isNull(branches.deletedAt))),
          ])
        : [[], [], []];
      const nameOf = new Map(branchNames.map((b) => [b.id, b.name]));
      const countOf = new Map(serviceCounts.map((c) => [c.staffId, Number(c.value)]));
      const list: StaffListRow[] = pageRows.map(({ branchId, ...row }) => {
        const others = extra.filter((e) => e.staffId === row.id && e.branchId !== branchId).map((e) => e.branchId);
        const branchList = [branchId, ...others].flatMap((id) => (nameOf.has(id) ? [{ id, name: nameOf.get(id)! }] : []));
        return { ...row, branches: branchList, servicesCount: countOf.get(row.id) ?? 0 };
      });
      return { ...page, rows: list, statusCounts: countStatuses(rows) };
    },
    context,
  );
}
