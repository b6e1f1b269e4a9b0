import "server-only";
import { and, eq } from "drizzle-orm";
import { withCompany } from "@/db";
import { branches } from "@/db/schema";
import type { OpeningHours } from "@/db/schema/companies";
import { lockBranch } from "./queries";
import { branchFieldErrors, openingHoursInputSchema } from "./schemas";
import type { BranchNotFound, BranchWriteOptions } from "./update-branch";

// The weekly opening-hours editor's save: replaces the branch's opening hours as a whole (rules
// in ./opening-hours.ts; errors keep their paths, "openingHours.1.0.close").

export type SetOpeningHoursResult =
  | { ok: true; openingHours: OpeningHours }
  | { ok: false; reason: "invalid"; fieldErrors: Partial<Record<string, string>> }
  | BranchNotFound;

export async function setOpeningHours(companyId: string, id: string, input: unknown, options: BranchWriteOptions = {}): Promise<SetOpeningHoursResult> {
  const parsed = openingHoursInputSchema.safeParse(input ?? {});
  if (!parsed.success) return { ok: false, reason: "invalid", fieldErrors: branchFieldErrors(parsed.error) };
  const { openingHours } = parsed.data;
  return withCompany(
    companyId,
    async (tx): Promise<SetOpeningHoursResult> => {
      const current = await lockBranch(tx, companyId, id, options.branchIds);
      if (!current || current.deletedAt) return { ok: false, reason: "not_found" };
      await tx
        .update(branches)
        .set({ openingHours })
        .where(and(eq(branches.companyId, companyId), eq(branches.id, current.id)));
      return { ok: true, openingHours };
    },
    options.context,
  );
}
