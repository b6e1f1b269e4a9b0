import "server-only";
import { and, eq } from "drizzle-orm";
import { withCompany } from "@/db";
import { SQLSTATE, sqlStateOf } from "@/db/errors";
import { type Staff, staff } from "@/db/schema";
import { checkBranches, writeBranches } from "./assign-branches";
import { staffColumns } from "./create-staff";
import { additionalBranchIds, lockStaff, type StaffWriteOptions } from "./queries";
import { type StaffFieldErrors, staffFieldErrors, staffInputSchema } from "./schemas";

// Editing a staff member's profile and branches: the same rules as creating one. The form sends
// every field, so a blank optional field clears it. A deleted staff member, another company's or
// one outside the actor's branches is not found.

export type StaffNotFound = { ok: false; reason: "not_found" };
export type UpdateStaffResult = { ok: true; staff: Staff } | { ok: false; reason: "invalid"; fieldErrors: StaffFieldErrors } | StaffNotFound;

export async function updateStaff(companyId: string, id: string, input: unknown, options: StaffWriteOptions = {}): Promise<UpdateStaffResult> {
  const parsed = staffInputSchema.safeParse(input ?? {});
  if (!parsed.success) return { ok: false, reason: "invalid", fieldErrors: staffFieldErrors(parsed.error) };
  const data = parsed.data;
  try {
    return await withCompany(
      companyId,
      async (tx): Promise<UpdateStaffResult> => {
        const current = await lockStaff(tx, companyId, id, options.scope);
        if (!current || current.deletedAt) return { ok: false, reason: "not_found" };
        const had = await additionalBranchIds(tx, companyId, current.id);
        const branches = await checkBranches(tx, companyId, data, options.scope, { home: current.branchId, additional: had });
        if (!branches.ok) return { ok: false, reason: "invalid", fieldErrors: branches.fieldErrors };
        const [row] = await tx
          .update(staff)
          .set({
            branchId: branches.home,
            ...staffColumns(data),
          })
          .where(and(eq(staff.companyId, companyId), eq(staff.id, current.id)))
          .returning();
        const same = had.length === branches.additional.length && had.every((b) => branches.additional.includes(b));
        if (!same) await writeBranches(tx, companyId, current.id, branches.additional);
        return { ok: true, staff: row! };
      },
      options.context,
    );
  } catch (error) {
    if (sqlStateOf(error) === SQLSTATE.foreignKeyViolation) return { ok: false, reason: "invalid", fieldErrors: { branchId: "branch" } };
    throw error;
  }
}
