import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { type CompanyContext, withCompany } from "@/db";
import { SQLSTATE, sqlStateOf } from "@/db/errors";
import { retellAgents } from "@/db/schema";
import { newId } from "@/db/schema/_columns";
import { type AgentFieldErrors, agentInputSchema, firstFieldErrors, telephonyIdSchema } from "./schemas";
import type { Failure } from "./types";

// The company's Retell agents: Retell's id ("agent_…", unique across the platform because a
// webhook names only it), a name, the language and voice. Agents are deactivated, not deleted:
// calls and numbers refer to them. A deactivated agent no longer answers its numbers
// (app_resolve_phone_number ignores it).

export type SaveAgentResult = { ok: true; id: string } | Failure<AgentFieldErrors>;

const taken = (error: unknown): SaveAgentResult => {
  if (sqlStateOf(error) === SQLSTATE.uniqueViolation) return { ok: false, reason: "invalid", fieldErrors: { retellAgentId: "taken" } };
  throw error;
};

export async function createAgent(companyId: string, input: unknown, context: CompanyContext = {}): Promise<SaveAgentResult> {
  const parsed = agentInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid", fieldErrors: firstFieldErrors(parsed.error) };
  const { voiceId, ...data } = parsed.data;
  const id = newId();
  try {
    await withCompany(companyId, (tx) => tx.insert(retellAgents).values({ id, companyId, ...data, voiceId: voiceId ?? null }), context);
    return { ok: true, id };
  } catch (error) {
    return taken(error);
  }
}

export async function updateAgent(companyId: string, id: string, input: unknown, context: CompanyContext = {}): Promise<SaveAgentResult> {
  const parsed = agentInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid", fieldErrors: firstFieldErrors(parsed.error) };
  if (!telephonyIdSchema.safeParse(id).success) return { ok: false, reason: "not_found" };
  const { voiceId, ...data } = parsed.data;
  try {
    const updated = await withCompany(
      companyId,
      (tx) =>
        tx
          .update(retellAgents)
          .set({ ...data, voiceId: voiceId ?? null, updatedAt: sql`now()` })
          .where(and(eq(retellAgents.companyId, companyId), eq(retellAgents.id, id)))
          .returning({ id: retellAgents.id }),
      context,
    );
    return updated.length > 0 ? { ok: true, id } : { ok: false, reason: "not_found" };
  } catch (error) {
    return taken(error);
  }
}

/** Deactivates (active=false) or reactivates an agent. */
export async function setAgentActive(
  companyId: string,
  id: string,
  active: boolean,
  context: CompanyContext = {},
): Promise<{ ok: true } | { ok: false; reason: "not_found" }> {
  if (!telephonyIdSchema.safeParse(id).success) return { ok: false, reason: "not_found" };
  const updated = await withCompany(
    companyId,
    (tx) =>
      tx
        .update(retellAgents)
        .set({ isActive: active, updatedAt: sql`now()` })
        .where(and(eq(retellAgents.companyId, companyId), eq(retellAgents.id, id)))
        .returning({ id: retellAgents.id }),
    context,
  );
  return updated.length > 0 ? { ok: true } : { ok: false, reason: "not_found" };
}
