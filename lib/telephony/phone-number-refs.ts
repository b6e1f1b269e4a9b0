import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { Tx } from "@/db";
import { branches, retellAgents } from "@/db/schema";
import type { PhoneNumberFieldErrors, PhoneNumberInput } from "./schemas";

/**
 * The branch and agent a number points at, checked inside the caller's withCompany transaction:
 * another company's id is invisible under RLS and comes back as a field error (the same-company
 * foreign keys would refuse it anyway).
 */
export async function checkPhoneNumberRefs(tx: Tx, input: PhoneNumberInput): Promise<PhoneNumberFieldErrors | null> {
  const errors: PhoneNumberFieldErrors = {};
  const [branch] = await tx
    .select({ id: branches.id })
    .from(branches)
    .where(and(eq(branches.id, input.branchId!), isNull(branches.deletedAt)));
  if (!branch) errors.branchId = "uuid";
  if (input.agentId) {
    const [agent] = await tx.select({ id: retellAgents.id }).from(retellAgents).where(eq(retellAgents.id, input.agentId));
    if (!agent) errors.agentId = "uuid";
  }
  return Object.keys(errors).length > 0 ? errors : null;
}
