import "server-only";
import { eq, sql } from "drizzle-orm";
import { withCompany } from "@/db";
import { userBranches, users } from "@/db/schema";
import { allBranchesOfCompany, lockActiveAdmins, lockCompanyUser, recordUsersEvent } from "./guards";
import { isBranchRole } from "./roles";
import { changeUserRoleSchema, firstFieldErrors } from "./schemas";
import type { Actor, UsersFailure } from "./types";

// A company admin changes another user's role and branches. Nobody changes their own role here,
// and the company's last active admin stays an admin. The change applies at the user's next
// request (every request re-reads the user), so no session needs to end.

export type ChangeRoleResult = { ok: true; changed: boolean } | UsersFailure;

export async function changeUserRole(companyId: string, input: unknown, actor: Actor): Promise<ChangeRoleResult> {
  const parsed = changeUserRoleSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors = firstFieldErrors(parsed.error);
    return { ok: false, error: fieldErrors.userId ? "not_found" : "invalid_input", fieldErrors };
  }
  const { userId, role, branchIds } = parsed.data;
  if (userId === actor.userId) return { ok: false, error: "self" };

  const result = await withCompany(
    companyId,
    async (tx): Promise<(ChangeRoleResult & { from?: string }) | null> => {
      const admins = await lockActiveAdmins(tx);
      const target = await lockCompanyUser(tx, userId);
      if (!target) return { ok: false, error: "not_found" };
      if (target.role === "company_admin" && target.isActive && role !== "company_admin" && admins.length <= 1) {
        return { ok: false, error: "last_admin" };
      }
      if (!(await allBranchesOfCompany(tx, branchIds))) return null;
      const current = await tx.select({ branchId: userBranches.branchId }).from(userBranches).where(eq(userBranches.userId, userId));
      const sameBranches =
        current.length === branchIds.length && current.every((c) => branchIds.includes(c.branchId));
      if (target.role === role && sameBranches) return { ok: true, changed: false };

      await tx.update(users).set({ role, updatedAt: sql`now()` }).where(eq(users.id, userId));
      await tx.delete(userBranches).where(eq(userBranches.userId, userId));
      if (isBranchRole(role) && branchIds.length > 0) {
        await tx.insert(userBranches).values(branchIds.map((branchId) => ({ companyId, userId, branchId })));
      }
      return { ok: true, changed: true, from: target.role };
    },
    { userId: actor.userId, requestId: actor.requestId },
  );
  if (!result) return { ok: false, error: "invalid_branch", fieldErrors: { branchIds: "invalid_branch" } };
  if (result.ok && result.changed) {
    await recordUsersEvent("user_role_changed", companyId, actor, { targetUserId: userId, from: result.from, to: role, branchIds });
  }
  return result.ok ? { ok: true, changed: result.changed } : result;
}
