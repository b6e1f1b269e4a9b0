import "server-only";
import { and, eq } from "drizzle-orm";
import { withCompany } from "@/db";
import { branchClosures } from "@/db/schema";
import { lockBranch } from "./queries";
import { isBranchId } from "./schemas";
import type { BranchNotFound, BranchWriteOptions } from "./update-branch";

// Removing a closing day: the branch is open again on that date by its opening hours. The
// closing day must be this branch's (and so the company's); anything else is not found.

export type RemoveClosureResult = { ok: true } | BranchNotFound;

export async function removeClosure(companyId: string, branchId: string, closureId: string, options: BranchWriteOptions = {}): Promise<RemoveClosureResult> {
  if (!isBranchId(closureId)) return { ok: false, reason: "not_found" };
  return withCompany(
    companyId,
    async (tx): Promise<RemoveClosureResult> => {
      const branch = await lockBranch(tx, companyId, branchId, options.branchIds);
      if (!branch || branch.deletedAt) return { ok: false, reason: "not_found" };
      const removed = await tx
        .delete(branchClosures)
        .where(and(eq(branchClosures.companyId, companyId), eq(branchClosures.branchId, branch.id), eq(branchClosures.id, closureId)))
        .returning({ id: branchClosures.id });
      return removed.length ? { ok: true } : { ok: false, reason: "not_found" };
    },
    options.context,
  );
}
