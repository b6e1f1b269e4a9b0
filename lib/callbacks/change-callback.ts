import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { type CompanyContext, type Tx, withCompany } from "@/db";
import { callbackRequests, type CallbackRequest, type CallbackStatus } from "@/db/schema";
import { canTransitionCallback } from "./status";

// What the callback use cases share: find the actor's callback (company, branch scope, not
// deleted) locked for the change, and check the state machine (./status.ts).

export type CallbackChangeOptions = {
  context?: CompanyContext;
  /** The actor's branch scope for callbacks:update (null = the whole company). */
  branchIds: readonly string[] | null;
  now?: Date;
};

export type CallbackChangeResult =
  | { ok: true; callback: Pick<CallbackRequest, "id" | "status" | "assignedToUserId"> }
  | { ok: false; reason: "not_found" }
  | { ok: false; reason: "invalid_transition"; from: CallbackStatus };

export type LockedCallback = Pick<CallbackRequest, "id" | "branchId" | "status" | "assignedToUserId">;

/**
 * Runs `change` on the actor's callback if the transition to `to` is allowed; `change` may still
 * refuse (returning a result) or write and return the updated row.
 */
export async function changeCallback(
  companyId: string,
  id: string,
  to: CallbackStatus,
  options: CallbackChangeOptions,
  change: (tx: Tx, current: LockedCallback) => Promise<CallbackChangeResult>,
): Promise<CallbackChangeResult> {
  const scope = options.branchIds;
  if (scope !== null && scope.length === 0) return { ok: false, reason: "not_found" };
  return withCompany(
    companyId,
    async (tx) => {
      const [current] = await tx
        .select({ id: callbackRequests.id, branchId: callbackRequests.branchId, status: callbackRequests.status, assignedToUserId: callbackRequests.assignedToUserId })
        .from(callbackRequests)
        .where(and(eq(callbackRequests.companyId, companyId), eq(callbackRequests.id, id), isNull(callbackRequests.deletedAt)))
        .for("update");
      if (!current || (scope !== null && !scope.includes(current.branchId))) return { ok: false, reason: "not_found" };
      if (!canTransitionCallback(current.status, to)) return { ok: false, reason: "invalid_transition", from: current.status };
      return change(tx, current);
    },
    options.context,
  );
}

/** Sets the status (and the step's stamps) of a locked callback. */
export async function writeCallback(
  tx: Tx,
  companyId: string,
  id: string,
  patch: Partial<Pick<CallbackRequest, "status" | "assignedToUserId" | "contactedAt" | "completedAt">>,
): Promise<CallbackChangeResult> {
  const [row] = await tx
    .update(callbackRequests)
    .set(patch)
    .where(and(eq(callbackRequests.companyId, companyId), eq(callbackRequests.id, id)))
    .returning({ id: callbackRequests.id, status: callbackRequests.status, assignedToUserId: callbackRequests.assignedToUserId });
  return row ? { ok: true, callback: row } : { ok: false, reason: "not_found" };
}
