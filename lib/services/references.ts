import "server-only";
import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { SQLSTATE, sqlStateOf } from "@/db/errors";
import { branches, serviceCategories } from "@/db/schema";
import { mayChange, type ServiceScope } from "./queries";
import type { ServiceData, ServiceFieldErrors } from "./schemas";

// A service's category and branch must be the company's (a deleted branch offers nothing new).
// Checked here for a field error up front; the database's same-company foreign keys
// (services_category_fk, services_branch_fk) refuse another company's ids as well, and a
// refusal that slips past the check (a category deleted meanwhile) comes back as 23503, which
// referenceErrorOf turns into the same field error.

const FIELD_OF_CONSTRAINT = { services_category_fk: "categoryId", services_branch_fk: "branchId" } as const;

/** The constraint a database error names, whichever driver raised it. */
function constraintOf(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const named = (e as { constraint?: unknown; constraint_name?: unknown }).constraint ?? (e as { constraint_name?: unknown }).constraint_name;
    if (typeof named === "string") return named;
  }
  return undefined;
}

/** A foreign-key refusal of a service's category or branch as a field error; undefined for anything else. */
export function referenceErrorOf(error: unknown): ServiceFieldErrors | undefined {
  if (sqlStateOf(error) !== SQLSTATE.foreignKeyViolation) return undefined;
  const constraint = constraintOf(error);
  const field = constraint && Object.hasOwn(FIELD_OF_CONSTRAINT, constraint) ? FIELD_OF_CONSTRAINT[constraint as keyof typeof FIELD_OF_CONSTRAINT] : undefined;
  // Unnamed: still the service's references (its only foreign keys besides the company).
  return field ? { [field]: "uuid" } : { categoryId: "uuid" };
}

/**
 * Field errors for the references of a service as saved by this actor: unknown (or another
 * company's) category or branch → "uuid"; a deleted branch → "uuid" unless the service already
 * had it; a branch outside a branch manager's scope, or none (company-wide) → "outOfScope".
 */
export async function referenceErrors(
  tx: Tx,
  companyId: string,
  data: Pick<ServiceData, "categoryId" | "branchId">,
  scope: ServiceScope,
  current?: { branchId: string | null },
): Promise<ServiceFieldErrors> {
  const errors: ServiceFieldErrors = {};
  if (data.categoryId) {
    const [category] = await tx
      .select({ id: serviceCategories.id })
      .from(serviceCategories)
      .where(and(eq(serviceCategories.companyId, companyId), eq(serviceCategories.id, data.categoryId)));
    if (!category) errors.categoryId = "uuid";
  }
  const branchId = data.branchId ?? null;
  if (branchId) {
    const [branch] = await tx
      .select({ deletedAt: branches.deletedAt })
      .from(branches)
      .where(and(eq(branches.companyId, companyId), eq(branches.id, branchId)));
    if (!branch || (branch.deletedAt && current?.branchId !== branchId)) errors.branchId = "uuid";
  }
  if (!errors.branchId && !mayChange(scope, branchId)) errors.branchId = "outOfScope";
  return errors;
}
