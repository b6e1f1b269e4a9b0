import "server-only";
import { and, eq } from "drizzle-orm";
import { withCompany } from "@/db";
import { SQLSTATE, sqlStateOf } from "@/db/errors";
import { type BranchClosure, branchClosures } from "@/db/schema";
import { countAppointmentsStartingOn } from "@/lib/appointments/active-appointments";
import { lockBranch } from "./queries";
import { branchFieldErrors, closureInputSchema } from "./schemas";
import type { BranchNotFound, BranchWriteOptions } from "./update-branch";

// A special closing day of a branch (holiday, training, renovation): on that local date the
// availability engine offers no slot. One per branch and date (branch_closures_branch_id_date_key):
// a second one is the field error "taken", found before the insert and, for a concurrent add,
// by the unique violation. Appointments already booked on the day stay; the answer counts them
// so the page can say they need attention.

export type AddClosureResult =
  | { ok: true; closure: BranchClosure; appointmentsOnDate: number }
  | { ok: false; reason: "invalid"; fieldErrors: Partial<Record<"date" | "reason", string>> }
  | BranchNotFound;

export async function addClosure(companyId: string, branchId: string, input: unknown, options: BranchWriteOptions = {}): Promise<AddClosureResult> {
  const parsed = closureInputSchema.safeParse(input ?? {});
  if (!parsed.success) return { ok: false, reason: "invalid", fieldErrors: branchFieldErrors(parsed.error) };
  const { date, reason } = parsed.data;
  try {
    return await withCompany(
      companyId,
      async (tx): Promise<AddClosureResult> => {
        const branch = await lockBranch(tx, companyId, branchId, options.branchIds);
        if (!branch || branch.deletedAt) return { ok: false, reason: "not_found" };
        const [existing] = await tx
          .select({ id: branchClosures.id })
          .from(branchClosures)
          .where(and(eq(branchClosures.companyId, companyId), eq(branchClosures.branchId, branch.id), eq(branchClosures.date, date)));
        if (existing) return { ok: false, reason: "invalid", fieldErrors: { date: "taken" } };
        const [closure] = await tx
          .insert(branchClosures)
          .values({ companyId, branchId: branch.id, date, reason: reason ?? null })
          .returning();
        return { ok: true, closure: closure!, appointmentsOnDate: await countAppointmentsStartingOn(tx, companyId, { branchId: branch.id }, branch.timeZone, date) };
      },
      options.context,
    );
  } catch (error) {
    if (sqlStateOf(error) === SQLSTATE.uniqueViolation) return { ok: false, reason: "invalid", fieldErrors: { date: "taken" } };
    throw error;
  }
}

export type AddClosuresResult = { ok: true; added: string[] } | BranchNotFound;

/**
 * Several closing days at once (the public holidays of a year): dates the branch already has are
 * skipped, as are dates before `notBefore` (no point closing yesterday).
 */
export async function addClosures(
  companyId: string,
  branchId: string,
  days: readonly { date: string; reason: string }[],
  options: BranchWriteOptions & { notBefore?: string } = {},
): Promise<AddClosuresResult> {
  const parsed = days
    .map((day) => closureInputSchema.safeParse(day))
    .flatMap((r) => (r.success && (!options.notBefore || r.data.date >= options.notBefore) ? [r.data] : []));
  const unique = [...new Map(parsed.map((d) => [d.date, d])).values()];
  return withCompany(
    companyId,
    async (tx): Promise<AddClosuresResult> => {
      const branch = await lockBranch(tx, companyId, branchId, options.branchIds);
      if (!branch || branch.deletedAt) return { ok: false, reason: "not_found" };
      if (unique.length === 0) return { ok: true, added: [] };
      const rows = await tx
        .insert(branchClosures)
        .values(unique.map((d) => ({ companyId, branchId: branch.id, date: d.date, reason: d.reason ?? null })))
        .onConflictDoNothing({ target: [branchClosures.companyId, branchClosures.branchId, branchClosures.date] })
        .returning({ date: branchClosures.date });
      return { ok: true, added: rows.map((r) => r.date).sort() };
    },
    options.context,
  );
}
