import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import { withCompany } from "@/db";
import { serviceCategories } from "@/db/schema";
import { type CategoryForbidden, type CategoryNotFound, type CategoryWriteOptions, mayManageCategories } from "./category-rules";

// The order of the service categories (the list, the booking form and the voice agent use it).
// The ids given come first, in that order; categories not given keep their relative order after
// them (a category created meanwhile in another tab is not lost). An id that is not one of the
// company's categories refuses the whole change.

const MAX_CATEGORIES = 500;
const orderSchema = z.array(z.guid()).min(1).max(MAX_CATEGORIES).refine((ids) => new Set(ids).size === ids.length);

export type ReorderCategoriesResult = { ok: true } | { ok: false; reason: "invalid" } | CategoryNotFound | CategoryForbidden;

export async function reorderCategories(companyId: string, ids: unknown, options: CategoryWriteOptions = {}): Promise<ReorderCategoriesResult> {
  if (!mayManageCategories(options.branchIds)) return { ok: false, reason: "forbidden" };
  const parsed = orderSchema.safeParse(ids);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const wanted = parsed.data;
  return withCompany(
    companyId,
    async (tx): Promise<ReorderCategoriesResult> => {
      const rows = await tx
        .select({ id: serviceCategories.id, sortOrder: serviceCategories.sortOrder })
        .from(serviceCategories)
        .where(eq(serviceCategories.companyId, companyId))
        .orderBy(asc(serviceCategories.sortOrder), asc(serviceCategories.name), asc(serviceCategories.id))
        .for("update");
      const known = new Set(rows.map((r) => r.id));
      if (wanted.some((id) => !known.has(id))) return { ok: false, reason: "not_found" };
      const given = new Set(wanted);
      const order = [...wanted, ...rows.map((r) => r.id).filter((id) => !given.has(id))];
      const current = new Map(rows.map((r) => [r.id, r.sortOrder]));
      for (const [index, id] of order.entries()) {
        if (current.get(id) === index) continue;
        await tx
          .update(serviceCategories)
          .set({ sortOrder: index })
          .where(and(eq(serviceCategories.companyId, companyId), eq(serviceCategories.id, id)));
      }
      return { ok: true };
    },
    options.context,
  );
}
