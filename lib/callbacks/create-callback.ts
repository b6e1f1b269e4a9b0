import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { type CompanyContext, withCompany } from "@/db";
import { branches, callbackRequests, calls, customers, type CallbackRequest } from "@/db/schema";
import { newId } from "@/db/schema/_columns";
import { fieldErrorsOf } from "@/lib/forms/form-state";
import { sealCallbackPhone } from "./protect";
import { type CreateCallbackField, createCallbackSchema } from "./schemas";

// Create a callback request by hand (the callbacks page, or "create callback" on a call's page).
// Every reference must be the company's and within the actor's branches; the number is stored
// encrypted with its blind index. The voice agent's request_callback tool writes its own rows
// (lib/voice/tools) with the same sealing.

/** A due time up to this far in the past is still accepted (a form filled in slowly). */
const PAST_GRACE_MS = 5 * 60_000;

export type CreateCallbackResult =
  | { ok: true; callback: Pick<CallbackRequest, "id" | "branchId" | "status" | "priority" | "dueAt"> }
  | { ok: false; reason: "invalid"; fieldErrors: Partial<Record<CreateCallbackField, string>> }
  | { ok: false; reason: "not_found"; field: "branchId" | "callId" | "customerId" };

export type CreateCallbackOptions = {
  context?: CompanyContext;
  /** The actor's branch scope for callbacks:create (null = the whole company). */
  branchIds: readonly string[] | null;
  createdByUserId?: string | null;
  now?: Date;
};

export async function createCallback(companyId: string, input: unknown, options: CreateCallbackOptions): Promise<CreateCallbackResult> {
  const parsed = createCallbackSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid", fieldErrors: fieldErrorsOf<CreateCallbackField>(parsed.error) };
  const data = parsed.data;
  const now = options.now ?? new Date();
  if (data.dueAt.getTime() < now.getTime() - PAST_GRACE_MS) return { ok: false, reason: "invalid", fieldErrors: { dueAt: "past" } };
  const scope = options.branchIds;
  if (scope !== null && !scope.includes(data.branchId)) return { ok: false, reason: "not_found", field: "branchId" };

  return withCompany(
    companyId,
    async (tx): Promise<CreateCallbackResult> => {
      const [branch] = await tx
        .select({ id: branches.id })
        .from(branches)
        .where(and(eq(branches.companyId, companyId), eq(branches.id, data.branchId), isNull(branches.deletedAt)));
      if (!branch) return { ok: false, reason: "not_found", field: "branchId" };
      let customerId = data.customerId ?? null;
      if (data.callId) {
        const [call] = await tx
          .select({ id: calls.id, branchId: calls.branchId, customerId: calls.customerId })
          .from(calls)
          .where(and(eq(calls.companyId, companyId), eq(calls.id, data.callId)));
        if (!call || (call.branchId !== null && scope !== null && !scope.includes(call.branchId))) return { ok: false, reason: "not_found", field: "callId" };
        customerId ??= call.customerId;
      }
      if (customerId) {
        const [customer] = await tx
          .select({ id: customers.id })
          .from(customers)
          .where(and(eq(customers.companyId, companyId), eq(customers.id, customerId), isNull(customers.deletedAt)));
        if (!customer) return { ok: false, reason: "not_found", field: "customerId" };
      }
      const [row] = await tx
        .insert(callbackRequests)
        .values({
          id: newId(),
          companyId,
          branchId: data.branchId,
          callId: data.callId ?? null,
          customerId,
          ...sealCallbackPhone(companyId, data.phone),
          name: data.name ?? null,
          reason: data.reason ?? null,
          priority: data.priority,
          status: "open",
          createdByUserId: options.createdByUserId ?? null,
          dueAt: data.dueAt,
        })
        .returning({
          id: callbackRequests.id,
          branchId: callbackRequests.branchId,
          status: callbackRequests.status,
          priority: callbackRequests.priority,
          dueAt: callbackRequests.dueAt,
        });
      return { ok: true, callback: row! };
    },
    options.context,
  );
}
