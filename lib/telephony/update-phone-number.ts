import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { type CompanyContext, withCompany } from "@/db";
import { SQLSTATE, sqlStateOf } from "@/db/errors";
import { phoneNumbers } from "@/db/schema";
import type { SavePhoneNumberResult } from "./create-phone-number";
import { checkPhoneNumberRefs } from "./phone-number-refs";
import { firstFieldErrors, phoneNumberInputSchema, telephonyIdSchema } from "./schemas";

// Editing a number: the same rules as creating it. Another company's id is not found.

export async function updatePhoneNumber(
  companyId: string,
  id: string,
  input: unknown,
  context: CompanyContext = {},
): Promise<SavePhoneNumberResult> {
  const parsed = phoneNumberInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid", fieldErrors: firstFieldErrors(parsed.error) };
  if (!telephonyIdSchema.safeParse(id).success) return { ok: false, reason: "not_found" };
  const data = parsed.data;
  try {
    return await withCompany(
      companyId,
      async (tx): Promise<SavePhoneNumberResult> => {
        const [current] = await tx
          .select({ id: phoneNumbers.id })
          .from(phoneNumbers)
          .where(and(eq(phoneNumbers.companyId, companyId), eq(phoneNumbers.id, id)))
          .for("update");
        if (!current) return { ok: false, reason: "not_found" };
        const refErrors = await checkPhoneNumberRefs(tx, data);
        if (refErrors) return { ok: false, reason: "invalid", fieldErrors: refErrors };
        await tx
          .update(phoneNumbers)
          .set({
            branchId: data.branchId!,
            retellAgentId: data.agentId ?? null,
            e164: data.e164,
            label: data.label ?? null,
            isActive: data.isActive,
            updatedAt: sql`now()`,
          })
          .where(and(eq(phoneNumbers.companyId, companyId), eq(phoneNumbers.id, id)));
        return { ok: true, id };
      },
      context,
    );
  } catch (error) {
    if (sqlStateOf(error) === SQLSTATE.uniqueViolation) return { ok: false, reason: "invalid", fieldErrors: { e164: "taken" } };
    throw error;
  }
}
