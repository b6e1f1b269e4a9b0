import "server-only";
import { and, eq } from "drizzle-orm";
import { withCompany } from "@/db";
import { branches } from "@/db/schema";
import { lockBranch } from "./queries";
import { countUpcomingAppointments, type HasUpcomingAppointments } from "@/lib/appointments/active-appointments";
import type { BranchNotFound, BranchWriteOptions } from "./update-branch";

// Soft delete and restore. A branch with upcoming active appointments (pending, booked,
// confirmed) is not deleted: they would point at a branch nobody sees any more. The answer says
// how many, so the user can move or cancel them first. Past appointments stay with the deleted
// branch; restoring brings it back as it was.

export type DeleteBranchResult = { ok: true; changed: boolean } | BranchNotFound | HasUpcomingAppointments;
export type RestoreBranchResult = { ok: true; changed: boolean } | BranchNotFound;

export async function deleteBranch(companyId: string, id: string, options: BranchWriteOptions & { now?: Date } = {}): Promise<DeleteBranchResult> {
  return withCompany(
    companyId,
    async (tx): Promise<DeleteBranchResult> => {
      const current = await lockBranch(tx, companyId, id, options.branchIds);
      if (!current) return { ok: false, reason: "not_found" };
      if (current.deletedAt) return { ok: true, changed: false };
      const n = await countUpcomingAppointments(tx, companyId, { branchId: current.id }, options.now);
      if (n > 0) return { ok: false, reason: "has_appointments", count: n };
      await tx
        .update(branches)
        .set({ deletedAt: new Date() })
        .where(and(eq(branches.companyId, companyId), eq(branches.id, current.id)));
      return { ok: true, changed: true };
    },
    options.context,
  );
}

export async function restoreBranch(companyId: string, id: string, options: BranchWriteOptions = {}): Promise<RestoreBranchResult> {
  return withCompany(
    companyId,
    async (tx): Promise<RestoreBranchResult> => {
      const current = await lockBranch(tx, companyId, id, options.branchIds);
      if (!current) return { ok: false, reason: "not_found" };
      if (!current.deletedAt) return { ok: true, changed: false };
      await tx
        .update(branches)
        .set({ deletedAt: null })
        .where(and(eq(branches.companyId, companyId), eq(branches.id, current.id)));
      return { ok: true, changed: true };
    },
    options.context,
  );
}
