import "server-only";
import { eq, sql } from "drizzle-orm";
import { withCompany } from "@/db";
import { users } from "@/db/schema";
import { lockActiveAdmins, lockCompanyUser, recordUsersEvent } from "./guards";
import { setUserActiveSchema } from "./schemas";
import type { Actor, UsersFailure } from "./types";

// Deactivating a user ends every session of theirs at once: the session version is bumped, and
// every request checks it (app_auth_session_check), so the next page they open signs them out;
// their sessions also drop out of their session list. Sign-in refuses an inactive account.
// Reactivating lets them sign in again (old sessions stay ended). Nobody deactivates themselves
// here, and the company's last active admin cannot be deactivated.

export type SetActiveResult = { ok: true; changed: boolean } | UsersFailure;

export async function setUserActive(companyId: string, input: unknown, actor: Actor): Promise<SetActiveResult> {
  const parsed = setUserActiveSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: parsed.error.issues.some((i) => i.path[0] === "userId") ? "not_found" : "invalid_input" };
  const { userId, active } = parsed.data;
  if (userId === actor.userId) return { ok: false, error: "self" };

  const result = await withCompany(
    companyId,
    async (tx): Promise<SetActiveResult> => {
      const admins = await lockActiveAdmins(tx);
      const target = await lockCompanyUser(tx, userId);
      if (!target) return { ok: false, error: "not_found" };
      if (target.isActive === active) return { ok: true, changed: false };
      if (!active && target.role === "company_admin" && admins.length <= 1) return { ok: false, error: "last_admin" };
      await tx
        .update(users)
        .set(
          active
            ? { isActive: true, updatedAt: sql`now()` }
            : { isActive: false, sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: sql`now()` },
        )
        .where(eq(users.id, userId));
      return { ok: true, changed: true };
    },
    { userId: actor.userId, requestId: actor.requestId },
  );
  if (result.ok && result.changed) {
    await recordUsersEvent(active ? "user_reactivated" : "user_deactivated", companyId, actor, { targetUserId: userId });
  }
  return result;
}
