import "server-only";
import { and, eq } from "drizzle-orm";
import { withCompany } from "@/db";
import { type ServiceCategory, serviceCategories } from "@/db/schema";
import { type CategoryForbidden, type CategoryNotFound, type CategoryWriteOptions, lockCategory, mayManageCategories, nameTaken } from "./category-rules";
import { type CategoryFieldErrors, categoryInputSchema, fieldErrorsOf } from "./schemas";

// Renaming a service category (its services follow: they refer to it by id).

export type RenameCategoryResult =
  | { ok: true; category: ServiceCategory }
  | { ok: false; reason: "invalid"; fieldErrors: CategoryFieldErrors }
  | CategoryNotFound
  | CategoryForbidden;

export async function renameCategory(companyId: string, id: string, input: unknown, options: CategoryWriteOptions = {}): Promise<RenameCategoryResult> {
  if (!mayManageCategories(options.branchIds)) return { ok: false, reason: "forbidden" };
  const parsed = categoryInputSchema.safeParse(input ?? {});
  if (!parsed.success) return { ok: false, reason: "invalid", fieldErrors: fieldErrorsOf(parsed.error) };
  const { name } = parsed.data;
  return withCompany(
    companyId,
    async (tx): Promise<RenameCategoryResult> => {
      const current = await lockCategory(tx, companyId, id);
      if (!current) return { ok: false, reason: "not_found" };
      if (await nameTaken(tx, companyId, name, current.id)) return { ok: false, reason: "invalid", fieldErrors: { name: "taken" } };
      const [row] = await tx
        .update(serviceCategories)
        .set({ name })
        .where(and(eq(serviceCategories.companyId, companyId), eq(serviceCategories.id, current.id)))
        .returning();
      return { ok: true, category: row! };
    },
    options.context,
  );
}
