import "server-only";
import { and, eq } from "drizzle-orm";
import { userBranches, users } from "@/db/schema";
import { branchScopedRoles, can } from "@/lib/auth/permissions";
import { type CallbackChangeOptions, type CallbackChangeResult, changeCallback, writeCallback } from "./change-callback";
import { assignCallbackSchema } from "./schemas";

// Assign a callback to a user of the company (open → assigned, or a reassignment). The assignee
// must be an active user of the same company who can see callbacks, and — for a branch role —
// one of the callback's branch; anyone else (another company's user, an unknown id) is not found.

export type AssignCallbackResult = CallbackChangeResult | { ok: false; reason: "invalid" } | { ok: false; reason: "assignee_not_found" };

export async function assignCallback(companyId: string, input: unknown, options: CallbackChangeOptions): Promise<AssignCallbackResult> {
  const parsed = assignCallbackSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { id, userId } = parsed.data;
  let assigneeMissing = false;
  const result = await changeCallback(companyId, id, "assigned", options, async (tx, current) => {
    const [assignee] = await tx
      .select({ id: users.id, role: users.role })
      .from(users)
      .where(and(eq(users.companyId, companyId), eq(users.id, userId), eq(users.isActive, true)));
    let allowed = assignee !== undefined && can(assignee.role, "callbacks:read");
    if (assignee && allowed && branchScopedRoles.has(assignee.role)) {
      const [member] = await tx
        .select({ branchId: userBranches.branchId })
        .from(userBranches)
        .where(and(eq(userBranches.companyId, companyId), eq(userBranches.userId, assignee.id), eq(userBranches.branchId, current.branchId)));
      allowed = member !== undefined;
    }
    if (!allowed) {
      assigneeMissing = true;
      return { ok: false, reason: "not_found" };
    }
    return writeCallback(tx, companyId, id, { status: "assigned", assignedToUserId: userId });
  });
  return assigneeMissing ? { ok: false, reason: "assignee_not_found" } : result;
}
