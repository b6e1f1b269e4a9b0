import "server-only";
import { and, eq, ne, sql } from "drizzle-orm";
import type { CompanyContext, Tx } from "@/db";
import { type ServiceCategory, serviceCategories } from "@/db/schema";
import type { ServiceScope } from "./queries";
import { isUuid } from "./schemas";

// What the category use cases share. Categories are the company's, not a branch's: only a
// company-wide write scope (company admin, platform admin) changes them; a branch manager picks
// from them. Names are unique per company, ignoring case, so the list and the voice agent never
// show two "Färben".

export type CategoryNotFound = { ok: false; reason: "not_found" };
export type CategoryForbidden = { ok: false; reason: "forbidden" };

export type CategoryWriteOptions = { context?: CompanyContext; branchIds?: ServiceScope };

export const mayManageCategories = (scope: ServiceScope) => !scope;

/** The company's category, locked for the rest of the transaction. */
export async function lockCategory(tx: Tx, companyId: string, id: string): Promise<ServiceCategory | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await tx
    .select()
    .from(serviceCategories)
    .where(and(eq(serviceCategories.companyId, companyId), eq(serviceCategories.id, id)))
    .for("update");
  return row;
}

/** Whether another category of the company has this name (case-insensitive). */
export async function nameTaken(tx: Tx, companyId: string, name: string, exceptId?: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: serviceCategories.id })
    .from(serviceCategories)
    .where(
      and(
        eq(serviceCategories.companyId, companyId),
        sql`lower(${serviceCategories.name}) = lower(${name})`,
        exceptId ? ne(serviceCategories.id, exceptId) : undefined,
      ),
    )
    .limit(1);
  return Boolean(row);
}
