import "server-only";
import { and, eq } from "drizzle-orm";
import { withCompany } from "@/db";
import { staff } from "@/db/schema";
import { countUpcomingAppointments, type HasUpcomingAppointments } from "@/lib/appointments/active-appointments";
import { lockStaff, type StaffWriteOptions } from "./queries";
import type { StaffNotFound } from "./update-staff";

// Soft delete and restore. A staff member with upcoming active appointments is not deleted: the
// appointments would point at someone nobody can book or see any more. The answer says how many,
// so they can be moved first. Working hours, services and absences stay; restoring brings the
// staff member back as they were.

export type DeleteStaffResult = { ok: true; changed: boolean } | StaffNotFound | HasUpcomingAppointments;
export type RestoreStaffResult = { ok: true; changed: boolean } | StaffNotFound;

export async function deleteStaff(companyId: string, id: string, options: StaffWriteOptions & { now?: Date } = {}): Promise<DeleteStaffResult> {
  return withCompany(
    companyId,
    async (tx): Promise<DeleteStaffResult> => {
      const current = await lockStaff(tx, companyId, id, options.scope);
      if (!current) return { ok: false, reason: "not_found" };
      if (current.deletedAt) return { ok: true, changed: false };
      const n = await countUpcomingAppointments(tx, companyId, { staffId: current.id }, options.now);
      if (n > 0) return { ok: false, reason: "has_appointments", count: n };
      await tx
        .update(staff)
        .set({ deletedAt: new Date() })
        .where(and(eq(staff.companyId, companyId), eq(staff.id, current.id)));
      return { ok: true, changed: true };
    },
    options.context,
  );
}

export async function restoreStaff(companyId: string, id: string, options: StaffWriteOptions = {}): Promise<RestoreStaffResult> {
  return withCompany(
    companyId,
    async (tx): Promise<RestoreStaffResult> => {
      const current = await lockStaff(tx, companyId, id, options.scope);
      if (!current) return { ok: false, reason: "not_found" };
      if (!current.deletedAt) return { ok: true, changed: false };
      await tx
        .update(staff)
        .set({ deletedAt: null })
        .where(and(eq(staff.companyId, companyId), eq(staff.id, current.id)));
      return { ok: true, changed: true };
    },
    options.context,
  );
}
