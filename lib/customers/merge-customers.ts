import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { type CompanyContext, withCompany } from "@/db";
import { appointments, calls, type CustomerPersonalFields, customers } from "@/db/schema";
import { type CustomerView, toCustomerView } from "./customers";
import { openCustomerFields, sealCustomerFields } from "./protect";
import { customerIdSchema } from "./schemas";
import type { CustomerNotFound } from "./update-customer";

// Merging a duplicate into the customer to keep, in one transaction: the duplicate's appointments
// and calls move over, the kept customer's empty fields (phone, email, notes, birthday) are filled
// from the duplicate (opened and sealed again, so they are under the current key), and the
// duplicate is soft-deleted pointing at the kept one (merged_into_id). Earlier duplicates merged
// into the duplicate are pointed at the kept customer too, so an erasure finds them in one step.
// Both rows are locked in id order, so two merges of the same pair cannot deadlock.

export type MergeRefusal = "same_customer" | "merged" | "deleted" | "anonymized";

export type MergeCustomersResult =
  | { ok: true; customer: CustomerView; moved: { appointments: number; calls: number } }
  | CustomerNotFound
  | { ok: false; reason: MergeRefusal; which: "keep" | "duplicate" };

export async function mergeCustomers(companyId: string, keepId: string, duplicateId: string, context: CompanyContext = {}): Promise<MergeCustomersResult> {
  if (!customerIdSchema.safeParse(keepId).success || !customerIdSchema.safeParse(duplicateId).success) return { ok: false, reason: "not_found" };
  if (keepId === duplicateId) return { ok: false, reason: "same_customer", which: "duplicate" };

  return withCompany(
    companyId,
    async (tx): Promise<MergeCustomersResult> => {
      const rows = await tx
        .select()
        .from(customers)
        .where(and(eq(customers.companyId, companyId), inArray(customers.id, [keepId, duplicateId])))
        .orderBy(customers.id)
        .for("update");
      const keep = rows.find((r) => r.id === keepId);
      const duplicate = rows.find((r) => r.id === duplicateId);
      if (!keep || !duplicate) return { ok: false, reason: "not_found" };
      for (const [which, row] of [["keep", keep], ["duplicate", duplicate]] as const) {
        if (row.mergedIntoId) return { ok: false, reason: "merged", which };
        if (row.deletedAt) return { ok: false, reason: "deleted", which };
        if (row.anonymizedAt) return { ok: false, reason: "anonymized", which };
      }

      const movedAppointments = await tx
        .update(appointments)
        .set({ customerId: keepId })
        .where(and(eq(appointments.companyId, companyId), eq(appointments.customerId, duplicateId)))
        .returning({ id: appointments.id });
      const movedCalls = await tx
        .update(calls)
        .set({ customerId: keepId })
        .where(and(eq(calls.companyId, companyId), eq(calls.customerId, duplicateId)))
        .returning({ id: calls.id });
      await tx
        .update(customers)
        .set({ mergedIntoId: keepId })
        .where(and(eq(customers.companyId, companyId), eq(customers.mergedIntoId, duplicateId)));

      const kept = openCustomerFields(keep);
      const extra = openCustomerFields(duplicate);
      const fill: CustomerPersonalFields = {};
      for (const field of ["phone", "email", "notes"] as const) if (!kept[field] && extra[field]) fill[field] = extra[field];
      const [updated] = await tx
        .update(customers)
        .set({
          ...sealCustomerFields(companyId, fill),
          ...(!keep.birthday && duplicate.birthday ? { birthday: duplicate.birthday } : {}),
          updatedAt: new Date(),
        })
        .where(and(eq(customers.companyId, companyId), eq(customers.id, keepId)))
        .returning();
      await tx
        .update(customers)
        .set({ deletedAt: new Date(), mergedIntoId: keepId })
        .where(and(eq(customers.companyId, companyId), eq(customers.id, duplicateId)));

      return { ok: true, customer: toCustomerView(updated!), moved: { appointments: movedAppointments.length, calls: movedCalls.length } };
    },
    context,
  );
}
