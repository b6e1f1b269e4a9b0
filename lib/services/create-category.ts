import "server-only";
import { eq, sql } from "drizzle-orm";
import { withCompany } from "@/db";
import { type ServiceCategory, serviceCategories } from "@/db/schema";
import { newId } from "@/db/schema/_columns";
import { type CategoryForbidden, type CategoryWriteOptions, mayManageCategories, nameTaken } from "./category-rules";
import { type CategoryFieldErrors, categoryInputSchema, fieldErrorsOf } from "./schemas";

// A new service category, placed last.

export type CreateCategoryResult =
  | { ok: true; category: ServiceCategory }
  | { ok: false; reason: "invalid"; fieldErrors: CategoryFieldErrors }
  | CategoryForbidden;

export async function createCategory(companyId: string, input: unknown, options: CategoryWriteOptions = {}): Promise<CreateCategoryResult> {
  if (!mayManageCategories(options.branchIds)) return { ok: false, reason: "forbidden" };
  const parsed = categoryInputSchema.safeParse(input ?? {});
  if (!parsed.success) return { ok: false, reason: "invalid", fieldErrors: fieldErrorsOf(parsed.error) };
  const { name } = parsed.data;
  return withCompany(
    companyId,
    async (tx): Promise<CreateCategoryResult> => {
      if (await nameTaken(tx, companyId, name)) return { ok: false, reason: "invalid", fieldErrors: { name: "taken" } };
      const [last] = await tx
        .select({ max: sql<number | null>`max(${serviceCategories.sortOrder})` })
        .from(serviceCategories)
        .where(eq(serviceCategories.companyId, companyId));
      const sortOrder = last?.max === null || last?.max === undefined ? 0 : Number(last.max) + 1;
      const [row] = await tx.insert(serviceCategories).values({ id: newId(), companyId, name, sortOrder }).returning();
      return { ok: true, category: row! };
    },
    options.context,
  );
}
