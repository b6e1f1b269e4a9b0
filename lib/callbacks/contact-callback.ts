import "server-only";
import { callbackIdSchema } from "./schemas";
import { type CallbackChangeOptions, type CallbackChangeResult, changeCallback, writeCallback } from "./change-callback";

// Mark an assigned callback as contacted (someone reached, or tried to reach, the caller).

export async function markCallbackContacted(companyId: string, id: unknown, options: CallbackChangeOptions): Promise<CallbackChangeResult> {
  const parsed = callbackIdSchema.safeParse(id);
  if (!parsed.success) return { ok: false, reason: "not_found" };
  const now = options.now ?? new Date();
  return changeCallback(companyId, parsed.data, "contacted", options, (tx) => writeCallback(tx, companyId, parsed.data, { status: "contacted", contactedAt: now }));
}
