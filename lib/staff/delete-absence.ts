import "server-only";
import { and, eq } from "drizzle-orm";
import { withCompany } from "@/db";
import { staffAbsences } from "@/db/schema";
import { lockStaff, type StaffWriteOptions } from "./queries";
import { isUuid } from "./schemas";

// Removes one absence of a staff member (another staff member's or company's id: not found).

export type DeleteAbsenceResult = { ok: true } | { ok: false; reason: "not_found" };

export async function deleteAbsence(companyId: string, staffId: string, absenceId: string, options: StaffWriteOptions = {}): Promise<DeleteAbsenceResult> {
  if (!isUuid(absenceId)) return { ok: false, reason: "not_found" };
  return withCompany(
    companyId,
    async (tx): Promise<DeleteAbsenceResult> => {
      const member = await lockStaff(tx, companyId, staffId, options.scope);
      if (!member || member.deletedAt) return { ok: false, reason: "not_found" };
      const removed = await tx
        .delete(staffAbsences)
        .where(and(eq(staffAbsences.companyId, companyId), eq(staffAbsences.staffId, member.id), eq(staffAbsences.id, absenceId)))
        .returning({ id: staffAbsences.id });
      return removed.length ? { ok: true } : { ok: false, reason: "not_found" };
    },
    options.context,
  );
}
