import "server-only";
import { and, asc, desc, eq, gte, inArray, lt, sql } from "drizzle-orm";
import { type CompanyContext, type Tx, withCompany } from "@/db";
import { type Branch, type BranchClosure, branchClosures, branches } from "@/db/schema";
import { isBranchId } from "./schemas";

// Reads of one branch and its closing days, under the company (RLS) and, for branch-limited
// roles, their branches only (branchScope: null = all of the company's).

export type BranchScope = readonly string[] | null | undefined;

/** Limits a branch lookup to the actor's branches. */
export function branchInScope(branchIds: BranchScope) {
  if (!branchIds) return undefined;
  return branchIds.length ? inArray(branches.id, [...branchIds]) : sql`false`;
}

/** The company's branch (deleted ones too), locked for the rest of the transaction. */
export async function lockBranch(tx: Tx, companyId: string, id: string, scope?: BranchScope): Promise<Branch | undefined> {
  if (!isBranchId(id)) return undefined;
  const [row] = await tx
    .select()
    .from(branches)
    .where(and(eq(branches.companyId, companyId), eq(branches.id, id), branchInScope(scope)))
    .for("update");
  return row;
}

/** One branch of the company within the actor's scope (deleted ones too), or null. */
export async function getBranch(companyId: string, id: string, scope?: BranchScope, context?: CompanyContext): Promise<Branch | null> {
  if (!isBranchId(id)) return null;
  const [row] = await withCompany(
    companyId,
    (tx) => tx.select().from(branches).where(and(eq(branches.companyId, companyId), eq(branches.id, id), branchInScope(scope))),
    context,
  );
  return row ?? null;
}

export type ClosureList = { upcoming: BranchClosure[]; past: BranchClosure[] };
const PAST_SHOWN = 20;

/**
 * A branch's closing days: upcoming ones (from today in the branch's time zone) soonest first,
 * then the most recent past ones. Empty for a branch outside the company or the scope.
 */
export async function listClosures(
  companyId: string,
  branchId: string,
  scope?: BranchScope,
  options: { now?: Date; context?: CompanyContext } = {},
): Promise<ClosureList> {
  if (!isBranchId(branchId)) return { upcoming: [], past: [] };
  return withCompany(
    companyId,
    async (tx) => {
      const [branch] = await tx
        .select({ timeZone: branches.timeZone })
        .from(branches)
        .where(and(eq(branches.companyId, companyId), eq(branches.id, branchId), branchInScope(scope)));
      if (!branch) return { upcoming: [], past: [] };
      const today = localToday(branch.timeZone, options.now ?? new Date());
      const where = and(eq(branchClosures.companyId, companyId), eq(branchClosures.branchId, branchId));
      const [upcoming, past] = await Promise.all([
        tx.select().from(branchClosures).where(and(where, gte(branchClosures.date, today))).orderBy(asc(branchClosures.date)),
        tx.select().from(branchClosures).where(and(where, lt(branchClosures.date, today))).orderBy(desc(branchClosures.date)).limit(PAST_SHOWN),
      ]);
      return { upcoming, past };
    },
    options.context,
  );
}

/** Today's date "YYYY-MM-DD" in a time zone. */
export function localToday(timeZone: string, now: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}
