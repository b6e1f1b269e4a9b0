import "server-only";
import { callbackIdSchema } from "./schemas";
import { type CallbackChangeOptions, type CallbackChangeResult, changeCallback, writeCallback } from "./change-callback";

// Complete a contacted callback: the caller's request is dealt with. Final.

export async function completeCallback(companyId: string, id: unknown, options: CallbackChangeOptions): Promise<CallbackChangeResult> {
  const parsed = callbackIdSchema.safeParse(id);
  if (!parsed.success) return { ok: false, reason: "not_found" };
  const now = options.now ?? new Date();
  return changeCallback(companyId, parsed.data, "completed", options, (tx) => writeCallback(tx, companyId, parsed.data, { status: "completed", completedAt: now }));
}
