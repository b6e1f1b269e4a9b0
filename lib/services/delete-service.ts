import "server-only";
import { and, eq } from "drizzle-orm";
import { withCompany } from "@/db";
import { services } from "@/db/schema";
import type { ServiceWriteOptions } from "./create-service";
import { lockService, mayChange } from "./queries";
import type { ServiceForbidden, ServiceNotFound } from "./update-service";

// Soft delete and restore. A deleted service leaves the list, the booking engine and the voice
// agent (they skip deleted services) but keeps its appointments and its staff assignments;
// restoring brings it back as it was (without its category if that was deleted meanwhile).

export type DeleteServiceResult = { ok: true; changed: boolean } | ServiceNotFound | ServiceForbidden;

async function setDeleted(companyId: string, id: string, deleted: boolean, options: ServiceWriteOptions): Promise<DeleteServiceResult> {
  return withCompany(
    companyId,
    async (tx): Promise<DeleteServiceResult> => {
      const current = await lockService(tx, companyId, id);
      if (!current) return { ok: false, reason: "not_found" };
      if (!mayChange(options.branchIds, current.branchId)) return { ok: false, reason: "forbidden" };
      if ((current.deletedAt !== null) === deleted) return { ok: true, changed: false };
      await tx
        .update(services)
        .set({ deletedAt: deleted ? new Date() : null })
        .where(and(eq(services.companyId, companyId), eq(services.id, current.id)));
      return { ok: true, changed: true };
    },
    options.context,
  );
}

export function deleteService(companyId: string, id: string, options: ServiceWriteOptions = {}): Promise<DeleteServiceResult> {
  return setDeleted(companyId, id, true, options);
}

export function restoreService(companyId: string, id: string, options: ServiceWriteOptions = {}): Promise<DeleteServiceResult> {
  return setDeleted(companyId, id, false, options);
}
