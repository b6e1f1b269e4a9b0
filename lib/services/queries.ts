import "server-only";
import { and, asc, count, eq, isNull, sql } from "drizzle-orm";
import { type CompanyContext, type Tx, withCompany } from "@/db";
import { branches, companies, type Service, type ServiceCategory, serviceCategories, services, staff, staffServices } from "@/db/schema";
import { isUuid } from "./schemas";

// Reads of one service, the categories and the branch choices, under the company (RLS). The
// catalogue is read company-wide by every role (services:read); writes are limited by the write
// scope (branchScope of services:create/update/delete: null = the whole company, else branch ids).

/** null/undefined: the whole company; otherwise the branches the actor may change services of. */
export type ServiceScope = readonly string[] | null | undefined;

/**
 * Whether the actor may change a service of this branch. A company-wide service (branch null)
 * belongs to the company: only a company-wide scope may change it.
 */
export function mayChange(scope: ServiceScope, branchId: string | null): boolean {
  if (!scope) return true;
  return branchId !== null && scope.includes(branchId);
}

/** The company's service (deleted ones too), locked for the rest of the transaction. */
export async function lockService(tx: Tx, companyId: string, id: string): Promise<Service | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await tx
    .select()
    .from(services)
    .where(and(eq(services.companyId, companyId), eq(services.id, id)))
    .for("update");
  return row;
}

export type ServiceDetail = Service & { categoryName: string | null; branchName: string | null; staffCount: number };

/** Live staff members who perform a service. */
const staffCountOf = sql<number>`(
  select count(*)::int from ${staffServices}
  join ${staff} on ${staff.companyId} = ${staffServices.companyId} and ${staff.id} = ${staffServices.staffId}
  where ${staffServices.companyId} = ${services.companyId} and ${staffServices.serviceId} = ${services.id}
    and ${staff.deletedAt} is null
)`;

/** One service of the company (deleted ones too) with its category, branch and staff count, or null. */
export async function getService(companyId: string, id: string, context?: CompanyContext): Promise<ServiceDetail | null> {
  if (!isUuid(id)) return null;
  const [row] = await withCompany(
    companyId,
    (tx) =>
      tx
        .select({ service: services, categoryName: serviceCategories.name, branchName: branches.name, staffCount: staffCountOf })
        .from(services)
        .leftJoin(serviceCategories, and(eq(serviceCategories.companyId, services.companyId), eq(serviceCategories.id, services.categoryId)))
        .leftJoin(branches, and(eq(branches.companyId, services.companyId), eq(branches.id, services.branchId)))
        .where(and(eq(services.companyId, companyId), eq(services.id, id))),
    context,
  );
  if (!row) return null;
  return { ...row.service, categoryName: row.categoryName, branchName: row.branchName, staffCount: Number(row.staffCount) };
}

export type CategoryRow = ServiceCategory & { serviceCount: number };

/** The company's categories in their order, each with its number of (not deleted) services. */
export async function listCategories(companyId: string, context?: CompanyContext): Promise<CategoryRow[]> {
  const rows = await withCompany(
    companyId,
    (tx) =>
      tx
        .select({ category: serviceCategories, serviceCount: count(services.id) })
        .from(serviceCategories)
        .leftJoin(
          services,
          and(eq(services.companyId, serviceCategories.companyId), eq(services.categoryId, serviceCategories.id), isNull(services.deletedAt)),
        )
        .where(eq(serviceCategories.companyId, companyId))
        .groupBy(serviceCategories.id)
        .orderBy(asc(serviceCategories.sortOrder), asc(serviceCategories.name), asc(serviceCategories.id)),
    context,
  );
  return rows.map((r) => ({ ...r.category, serviceCount: Number(r.serviceCount) }));
}

export type Option = { id: string; name: string };

/** The company's branches (not deleted) to offer a service in, by name. */
export async function listBranchOptions(companyId: string, context?: CompanyContext): Promise<Option[]> {
  return withCompany(
    companyId,
    (tx) =>
      tx
        .select({ id: branches.id, name: branches.name })
        .from(branches)
        .where(and(eq(branches.companyId, companyId), isNull(branches.deletedAt)))
        .orderBy(asc(branches.name), asc(branches.id)),
    context,
  );
}

/** The company's currency (new services are priced in it). */
export async function companyCurrency(tx: Tx, companyId: string): Promise<string> {
  const [row] = await tx.select({ currency: companies.currency }).from(companies).where(eq(companies.id, companyId));
  return row?.currency ?? "EUR";
}

/** The company's currency, for a form that is about to price a new service. */
export async function getCompanyCurrency(companyId: string, context?: CompanyContext): Promise<string> {
  return withCompany(companyId, (tx) => companyCurrency(tx, companyId), context);
}
