import "server-only";
import { createHash } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { toolInvocations } from "@/db/schema";
import { newId } from "@/db/schema/_columns";

// Retell retries a tool call that timed out (integrations.md §1.3), so book_appointment can
// arrive two or three times at once. The key (company, Retell call id, tool, hash of the
// normalized arguments) is inserted first, in the same transaction as the booking: concurrent
// identical deliveries wait on the unique index until that transaction ends, then find the key
// taken and answer the stored response. If the first transaction rolls back, its key goes with
// it and the next delivery does the work. (db/schema/voice.ts, tool_invocations.)

/** Arguments in a canonical form: keys sorted, strings trimmed, null/undefined/"" left out. */
export function normalizeToolArguments(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalizeToolArguments);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = normalizeToolArguments((value as Record<string, unknown>)[key]);
      if (v !== undefined) out[key] = v;
    }
    return out;
  }
  if (typeof value === "string") return value.trim() === "" ? undefined : value.trim();
  return value === null ? undefined : value;
}

/** hex SHA-256 of the normalized arguments (tool_invocations.args_hash). */
export function hashToolArguments(args: unknown): string {
  return createHash("sha256")
    .update(JSON.stringify(normalizeToolArguments(args) ?? null))
    .digest("hex");
}

export type ToolInvocationKey = { companyId: string; retellCallId: string; tool: string; args: unknown };

/**
 * Runs `produce` once per key; a repeated (or concurrent) delivery gets the first one's response
 * (replayed: true). Call it inside withCompany, with the transaction that does the work.
 */
export async function runToolOnce<T>(
  tx: Tx,
  key: ToolInvocationKey,
  produce: () => Promise<T>,
): Promise<{ response: T; replayed: boolean }> {
  const argsHash = hashToolArguments(key.args);
  const match = and(
    eq(toolInvocations.companyId, key.companyId),
    eq(toolInvocations.retellCallId, key.retellCallId),
    eq(toolInvocations.tool, key.tool),
    eq(toolInvocations.argsHash, argsHash),
  );
  const claimed = await tx
    .insert(toolInvocations)
    .values({ id: newId(), companyId: key.companyId, retellCallId: key.retellCallId, tool: key.tool, argsHash })
    .onConflictDoNothing()
    .returning({ id: toolInvocations.id });
  if (claimed.length === 0) {
    const [stored] = await tx.select({ response: toolInvocations.response }).from(toolInvocations).where(match);
    return { response: stored?.response as T, replayed: true };
  }
  const response = await produce();
  await tx
    .update(toolInvocations)
    .set({ response: response as unknown, completedAt: sql`now()` })
    .where(eq(toolInvocations.id, claimed[0]!.id));
  return { response, replayed: false };
}
