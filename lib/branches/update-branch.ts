import "server-only";
import { and, eq } from "drizzle-orm";
import { type CompanyContext, withCompany } from "@/db";
import { type Branch, branches } from "@/db/schema";
import { branchColumns } from "./create-branch";
import { type BranchScope, lockBranch } from "./queries";
import { type BranchFieldErrors, branchFieldErrors, branchInputSchema } from "./schemas";

// Editing a branch: the same rules as creating one. The form sends every detail field, so a
// blank optional field clears it; opening hours change only when given (their own editor sends
// them through setOpeningHours). A deleted branch, another company's or one outside the actor's
// branches is not found.

export type BranchNotFound = { ok: false; reason: "not_found" };
export type UpdateBranchResult = { ok: true; branch: Branch } | { ok: false; reason: "invalid"; fieldErrors: BranchFieldErrors } | BranchNotFound;

export type BranchWriteOptions = { context?: CompanyContext; branchIds?: BranchScope };

export async function updateBranch(companyId: string, id: string, input: unknown, options: BranchWriteOptions = {}): Promise<UpdateBranchResult> {
  const parsed = branchInputSchema.safeParse(input ?? {});
  if (!parsed.success) return { ok: false, reason: "invalid", fieldErrors: branchFieldErrors(parsed.error) };
  const data = parsed.data;
  return withCompany(
    companyId,
    async (tx): Promise<UpdateBranchResult> => {
      const current = await lockBranch(tx, companyId, id, options.branchIds);
      if (!current || current.deletedAt) return { ok: false, reason: "not_found" };
      const [row] = await tx
        .update(branches)
        .set({
          ...branchColumns(data),
          ...(data.openingHours ? { openingHours: data.openingHours } : {}),
        })
        .where(and(eq(branches.companyId, companyId), eq(branches.id, current.id)))
        .returning();
      return { ok: true, branch: row! };
    },
    options.context,
  );
}
