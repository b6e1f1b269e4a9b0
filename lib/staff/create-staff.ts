import "server-only";
import { type CompanyContext, withCompany } from "@/db";
import { SQLSTATE, sqlStateOf } from "@/db/errors";
import { type Staff, staff } from "@/db/schema";
import { newId } from "@/db/schema/_columns";
import { checkBranches, writeBranches } from "./assign-branches";
import type { StaffScope } from "./queries";
import { type StaffData, type StaffFieldErrors, staffFieldErrors, staffInputSchema } from "./schemas";

// A new staff member: profile, home branch and the other branches they may work at. Services,
// working hours and absences follow on their page.

export type CreateStaffResult = { ok: true; staff: Staff } | { ok: false; reason: "invalid"; fieldErrors: StaffFieldErrors };

/** The columns a staff member's profile sets (the home branch is checked and set apart). */
export const staffColumns = (data: StaffData) => ({
  firstName: data.firstName,
  lastName: data.lastName,
  displayName: data.displayName ?? `${data.firstName} ${data.lastName}`,
  email: data.email ?? null,
  phone: data.phone ?? null,
  color: data.color,
  bio: data.bio ?? null,
  isActive: data.isActive,
});

export async function createStaff(companyId: string, input: unknown, options: { context?: CompanyContext; scope?: StaffScope } = {}): Promise<CreateStaffResult> {
  const parsed = staffInputSchema.safeParse(input ?? {});
  if (!parsed.success) return { ok: false, reason: "invalid", fieldErrors: staffFieldErrors(parsed.error) };
  const data = parsed.data;
  try {
    return await withCompany(
      companyId,
      async (tx): Promise<CreateStaffResult> => {
        const branches = await checkBranches(tx, companyId, data, options.scope);
        if (!branches.ok) return { ok: false, reason: "invalid", fieldErrors: branches.fieldErrors };
        const [row] = await tx
          .insert(staff)
          .values({
            id: newId(),
            companyId,
            branchId: branches.home,
            ...staffColumns(data),
          })
          .returning();
        await writeBranches(tx, companyId, row!.id, branches.additional);
        return { ok: true, staff: row! };
      },
      options.context,
    );
  } catch (error) {
    // A branch deleted meanwhile fails its foreign key: a field error, not a 500.
    if (sqlStateOf(error) === SQLSTATE.foreignKeyViolation) return { ok: false, reason: "invalid", fieldErrors: { branchId: "branch" } };
    throw error;
  }
}
