import "server-only";
import { and, eq } from "drizzle-orm";
import { type CompanyContext, withCompany } from "@/db";
import { SQLSTATE, sqlStateOf } from "@/db/errors";
import { phoneNumbers } from "@/db/schema";
import { telephonyIdSchema } from "./schemas";

// Removing a number for good (it has no deleted_at: a number given back is free for anyone). A
// number that calls were recorded on stays (calls reference it): "in_use", deactivate it instead.

export type DeletePhoneNumberResult = { ok: true } | { ok: false; reason: "not_found" | "in_use" };

export async function deletePhoneNumber(companyId: string, id: string, context: CompanyContext = {}): Promise<DeletePhoneNumberResult> {
  if (!telephonyIdSchema.safeParse(id).success) return { ok: false, reason: "not_found" };
  try {
    const deleted = await withCompany(
      companyId,
      (tx) =>
        tx
          .delete(phoneNumbers)
          .where(and(eq(phoneNumbers.companyId, companyId), eq(phoneNumbers.id, id)))
          .returning({ id: phoneNumbers.id }),
      context,
    );
    return deleted.length > 0 ? { ok: true } : { ok: false, reason: "not_found" };
  } catch (error) {
    if (sqlStateOf(error) === SQLSTATE.foreignKeyViolation) return { ok: false, reason: "in_use" };
    throw error;
  }
}
