import "server-only";
import { type CompanyContext, withCompany } from "@/db";
import { type Branch, branches } from "@/db/schema";
import { newId } from "@/db/schema/_columns";
import { type BranchData, type BranchFieldErrors, branchFieldErrors, branchInputSchema } from "./schemas";

// A new branch of the company (company admin, platform admin). Without opening hours it has none
// (the availability engine then limits bookings by working hours only).

export type CreateBranchResult = { ok: true; branch: Branch } | { ok: false; reason: "invalid"; fieldErrors: BranchFieldErrors };

/** The columns a branch's details set (opening hours are set apart: an edit without them keeps them). */
export const branchColumns = (data: BranchData) => ({
  name: data.name,
  street: data.street ?? null,
  postalCode: data.postalCode ?? null,
  city: data.city ?? null,
  country: data.country,
  timeZone: data.timeZone,
  locale: data.locale,
  phone: data.phone ?? null,
  email: data.email ?? null,
  isActive: data.isActive,
});

export async function createBranch(companyId: string, input: unknown, context: CompanyContext = {}): Promise<CreateBranchResult> {
  const parsed = branchInputSchema.safeParse(input ?? {});
  if (!parsed.success) return { ok: false, reason: "invalid", fieldErrors: branchFieldErrors(parsed.error) };
  const data = parsed.data;
  const [row] = await withCompany(
    companyId,
    (tx) =>
      tx
        .insert(branches)
        .values({
          id: newId(),
          companyId,
          ...branchColumns(data),
          openingHours: data.openingHours ?? {},
        })
        .returning(),
    context,
  );
  return { ok: true, branch: row! };
}
