import "server-only";
import { and, count, eq, isNotNull, isNull } from "drizzle-orm";
import { withCompany } from "@/db";
import { serviceCategories, services } from "@/db/schema";
import { type CategoryForbidden, type CategoryNotFound, type CategoryWriteOptions, lockCategory, mayManageCategories } from "./category-rules";

// Deleting a service category (for good: a category is only a label). A category that still has
// services is refused with their number ("in_use"): moving services to another category is a
// decision about each service, not a side effect of tidying up the list. Deleted services in it
// lose the category (they would come back without one if restored).

export type DeleteCategoryResult = { ok: true } | { ok: false; reason: "in_use"; count: number } | CategoryNotFound | CategoryForbidden;

export async function deleteCategory(companyId: string, id: string, options: CategoryWriteOptions = {}): Promise<DeleteCategoryResult> {
  if (!mayManageCategories(options.branchIds)) return { ok: false, reason: "forbidden" };
  return withCompany(
    companyId,
    async (tx): Promise<DeleteCategoryResult> => {
      const current = await lockCategory(tx, companyId, id);
      if (!current) return { ok: false, reason: "not_found" };
      const inCategory = and(eq(services.companyId, companyId), eq(services.categoryId, current.id));
      const [live] = await tx
        .select({ value: count() })
        .from(services)
        .where(and(inCategory, isNull(services.deletedAt)));
      const used = Number(live?.value ?? 0);
      if (used > 0) return { ok: false, reason: "in_use", count: used };
      await tx
        .update(services)
        .set({ categoryId: null })
        .where(and(inCategory, isNotNull(services.deletedAt)));
      await tx.delete(serviceCategories).where(and(eq(serviceCategories.companyId, companyId), eq(serviceCategories.id, current.id)));
      return { ok: true };
    },
    options.context,
  );
}
