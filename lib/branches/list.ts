import "server-only";
import { and, asc, desc, eq, or, sql } from "drizzle-orm";
import { type CompanyContext, withCompany } from "@/db";
import { branches } from "@/db/schema";
import type { CappedCount } from "@/lib/data-table/count";
import { containsPattern, countStatuses, offsetPage, pickedStatuses, recordStatusOf } from "@/lib/data-table/in-memory";
import { type BranchSort, type BranchStatus } from "./list-options";
import { type BranchScope, branchInScope } from "./queries";

export type { BranchSort, BranchStatus };

// The branches list. A company has a handful of branches (tens at most), so this reads every
// match in one query (capped at MAX_ROWS) and cuts the page in memory: the kit's cursors are
// plain row offsets here, which is fine for rows that fit one screen or two.
//
// Search: substring of name or city, case-insensitive. Status filter: active / inactive /
// deleted; none picked = every branch that is not deleted. The status counts (for the filter)
// are of the search's matches, whatever status is picked.

const MAX_ROWS = 1000;

export type BranchListState = {
  q: string;
  sort: BranchSort;
  status: readonly BranchStatus[];
  size: number;
  after: string | null;
  before: string | null;
};

export type BranchListRow = {
  id: string;
  name: string;
  street: string | null;
  postalCode: string | null;
  city: string | null;
  country: string;
  timeZone: string;
  phone: string | null;
  isActive: boolean;
  deletedAt: Date | null;
  status: BranchStatus;
};

export type BranchListPage = {
  rows: BranchListRow[];
  total: CappedCount;
  nextCursor: string | null;
  prevCursor: string | null;
  statusCounts: Record<BranchStatus, number>;
};

export async function listBranches(companyId: string, state: BranchListState, scope?: BranchScope, context?: CompanyContext): Promise<BranchListPage> {
  const q = state.q.trim();
  const search = q ? or(sql`${branches.name} ilike ${containsPattern(q)}`, sql`${branches.city} ilike ${containsPattern(q)}`) : undefined;
  const [column, direction] = state.sort.split(".") as ["name" | "city", "asc" | "desc"];
  const by = direction === "desc" ? desc : asc;
  // By city: branches without one last either way, then by name.
  const order =
    column === "city"
      ? [direction === "desc" ? sql`${branches.city} desc nulls last` : sql`${branches.city} asc nulls last`, asc(branches.name), asc(branches.id)]
      : [by(branches.name), asc(branches.id)];

  const all = await withCompany(
    companyId,
    (tx) =>
      tx
        .select({
          id: branches.id,
          name: branches.name,
          street: branches.street,
          postalCode: branches.postalCode,
          city: branches.city,
          country: branches.country,
          timeZone: branches.timeZone,
          phone: branches.phone,
          isActive: branches.isActive,
          deletedAt: branches.deletedAt,
        })
        .from(branches)
        .where(and(eq(branches.companyId, companyId), branchInScope(scope), search))
        .orderBy(...order)
        .limit(MAX_ROWS),
    context,
  );
  const rows = all.map((row) => ({ ...row, status: recordStatusOf(row) }));
  const picked = new Set<BranchStatus>(pickedStatuses(state.status));
  return { ...offsetPage(rows.filter((row) => picked.has(row.status)), state), statusCounts: countStatuses(rows) };
}
