import "server-only";
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Tx } from "@/db";
import { branches, staffBranches } from "@/db/schema";
import type { StaffScope } from "./queries";
import type { StaffFieldErrors } from "./schemas";

// The branches of a staff member as a form picks them: the home branch and where else they may
// work. Each must be a live branch of the company (another company's id is not found under RLS →
// a field error, never a failed foreign key). A branch role may pick only its own branches; a
// branch outside its reach that the staff member already had stays (it cannot see or change it).

export type BranchPick = { branchId: string; branchIds: readonly string[] };
export type CheckedBranches = { ok: true; home: string; additional: string[] } | { ok: false; fieldErrors: StaffFieldErrors };

export async function checkBranches(
  tx: Tx,
  companyId: string,
  pick: BranchPick,
  scope: StaffScope,
  current?: { home: string; additional: readonly string[] },
): Promise<CheckedBranches> {
  const wanted = [...new Set(pick.branchIds)].filter((id) => id !== pick.branchId);
  const all = [pick.branchId, ...wanted];
  const live = await tx
    .select({ id: branches.id })
    .from(branches)
    .where(and(eq(branches.companyId, companyId), inArray(branches.id, all), isNull(branches.deletedAt)));
  const found = new Set(live.map((b) => b.id));
  const had = new Set(current ? [current.home, ...current.additional] : []);
  const reachable = (id: string) => !scope || scope.includes(id) || had.has(id);
  const fieldErrors: StaffFieldErrors = {};
  if (!found.has(pick.branchId) || !reachable(pick.branchId)) fieldErrors.branchId = "branch";
  if (wanted.some((id) => !found.has(id) || !reachable(id))) fieldErrors.branchIds = "branch";
  if (Object.keys(fieldErrors).length) return { ok: false, fieldErrors };
  // Kept: what the actor cannot see of the current branches.
  const hidden = scope && current ? current.additional.filter((id) => !scope.includes(id) && id !== pick.branchId) : [];
  return { ok: true, home: pick.branchId, additional: [...new Set([...wanted, ...hidden])] };
}

/** Replaces the staff member's additional branches. */
export async function writeBranches(tx: Tx, companyId: string, staffId: string, additional: readonly string[]) {
  await tx.delete(staffBranches).where(and(eq(staffBranches.companyId, companyId), eq(staffBranches.staffId, staffId)));
  if (additional.length) await tx.insert(staffBranches).values(additional.map((branchId) => ({ companyId, staffId, branchId })));
}
