import "server-only";
import { and, eq } from "drizzle-orm";
import { type CompanyContext, withCompany } from "@/db";
import { customers } from "@/db/schema";
import { type CustomerNotFound, lockCustomer } from "./update-customer";

// Soft delete and restore. A deleted customer leaves the list and the phone/email lookups but
// keeps its appointments; restoring brings it back. A customer merged into another stays deleted:
// its appointments now belong to the other one (restore would give an empty shell).

export type DeleteCustomerResult = { ok: true; changed: boolean } | CustomerNotFound;
export type RestoreCustomerResult = { ok: true; changed: boolean } | CustomerNotFound | { ok: false; reason: "merged" };

export async function deleteCustomer(companyId: string, id: string, context: CompanyContext = {}): Promise<DeleteCustomerResult> {
  return withCompany(
    companyId,
    async (tx): Promise<DeleteCustomerResult> => {
      const current = await lockCustomer(tx, companyId, id);
      if (!current) return { ok: false, reason: "not_found" };
      if (current.deletedAt) return { ok: true, changed: false };
      await tx
        .update(customers)
        .set({ deletedAt: new Date() })
        .where(and(eq(customers.companyId, companyId), eq(customers.id, id)));
      return { ok: true, changed: true };
    },
    context,
  );
}

export async function restoreCustomer(companyId: string, id: string, context: CompanyContext = {}): Promise<RestoreCustomerResult> {
  return withCompany(
    companyId,
    async (tx): Promise<RestoreCustomerResult> => {
      const current = await lockCustomer(tx, companyId, id);
      if (!current) return { ok: false, reason: "not_found" };
      if (current.mergedIntoId) return { ok: false, reason: "merged" };
      if (!current.deletedAt) return { ok: true, changed: false };
      await tx
        .update(customers)
        .set({ deletedAt: null })
        .where(and(eq(customers.companyId, companyId), eq(customers.id, id)));
      return { ok: true, changed: true };
    },
    context,
  );
}
