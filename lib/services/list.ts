import "server-only";
import { and, asc, desc, eq, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { type CompanyContext, withCompany } from "@/db";
import { branches, serviceCategories, services, staff, staffServices } from "@/db/schema";
import type { CappedCount } from "@/lib/data-table/count";
import { containsPattern, offsetPage, pickedStatuses, recordStatusOf } from "@/lib/data-table/in-memory";
import { enumList, listStateBase, stringList } from "@/lib/data-table/state";
import {
  ALL_BRANCHES,
  DEFAULT_SERVICE_SORT,
  isBranchFilterValue,
  isCategoryFilterValue,
  NO_CATEGORY,
  SERVICE_CHANNELS,
  SERVICE_SORTS,
  SERVICE_STATUSES,
  type ServiceChannel,
  type ServiceStatus,
} from "./list-options";

// The services list and its CSV export. A company offers tens of services, a few hundred at most,
// so this reads every service matching the search in one query (capped at MAX_ROWS), filters in
// memory and cuts the page there: the kit's cursors are plain row offsets here. Filtering in
// memory also gives each facet its counts under the other filters at no extra query.
//
// Filters: category (ids, or "none"), branch (ids, or "all" = company-wide services), status
// (active / inactive / deleted; none picked = every service that is not deleted), channel (phone /
// online: bookable through any of those picked). Search: substring of the name.

const MAX_ROWS = 2000;

const filterList = (valid: (value: string) => boolean, max: number) =>
  z.preprocess(stringList, z.array(z.string().refine(valid)).max(max)).catch([]);

export const serviceListStateSchema = z.object({
  ...listStateBase(SERVICE_SORTS, DEFAULT_SERVICE_SORT),
  category: filterList(isCategoryFilterValue, 100),
  branch: filterList(isBranchFilterValue, 100),
  status: enumList(SERVICE_STATUSES),
  channel: enumList(SERVICE_CHANNELS),
});

export type ServiceListState = z.input<typeof serviceListStateSchema>;

export type ServiceListRow = {
  id: string;
  name: string;
  categoryId: string | null;
  categoryName: string | null;
  branchId: string | null;
  branchName: string | null;
  durationMinutes: number;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  priceCents: number;
  currency: string;
  minNoticeMinutes: number;
  bookableByPhone: boolean;
  bookableOnline: boolean;
  isActive: boolean;
  deletedAt: Date | null;
  sortOrder: number;
  staffCount: number;
  status: ServiceStatus;
};

export type ServiceFacetCounts = {
  status: Record<ServiceStatus, number>;
  channel: Record<ServiceChannel, number>;
  category: Record<string, number>;
  branch: Record<string, number>;
};

export type ServiceListPage = {
  rows: ServiceListRow[];
  total: CappedCount;
  nextCursor: string | null;
  prevCursor: string | null;
  counts: ServiceFacetCounts;
};


function orderOf(sort: string): SQL[] {
  const [column, direction] = sort.split(".") as [string, "asc" | "desc"];
  const by = direction === "desc" ? desc : asc;
  const tail = [asc(services.sortOrder), asc(services.name), asc(services.id)];
  if (column === "name") return [by(services.name), asc(services.id)];
  if (column === "duration") return [by(services.durationMinutes), asc(services.name), asc(services.id)];
  if (column === "price") return [by(services.priceCents), asc(services.name), asc(services.id)];
  // By category: its place in the category order (services without one last either way).
  return [
    sql`${serviceCategories.sortOrder} ${sql.raw(direction === "desc" ? "desc" : "asc")} nulls last`,
    by(serviceCategories.name),
    ...tail,
  ];
}

/** Every service of the company whose name matches q, in the list's order, with status. */
async function readMatches(companyId: string, q: string, sort: string, context?: CompanyContext): Promise<ServiceListRow[]> {
  const search = q ? sql`${services.name} ilike ${containsPattern(q)}` : undefined;
  const rows = await withCompany(
    companyId,
    (tx) =>
      tx
        .select({
          id: services.id,
          name: services.name,
          categoryId: services.categoryId,
          categoryName: serviceCategories.name,
          branchId: services.branchId,
          branchName: branches.name,
          durationMinutes: services.durationMinutes,
          bufferBeforeMinutes: services.bufferBeforeMinutes,
          bufferAfterMinutes: services.bufferAfterMinutes,
          priceCents: services.priceCents,
          currency: services.currency,
          minNoticeMinutes: services.minNoticeMinutes,
          bookableByPhone: services.bookableByPhone,
          bookableOnline: services.bookableOnline,
          isActive: services.isActive,
          deletedAt: services.deletedAt,
          sortOrder: services.sortOrder,
          staffCount: sql<number>`(
            select count(*)::int from ${staffServices}
            join ${staff} on ${staff.companyId} = ${staffServices.companyId} and ${staff.id} = ${staffServices.staffId}
            where ${staffServices.companyId} = ${services.companyId} and ${staffServices.serviceId} = ${services.id}
              and ${staff.deletedAt} is null
          )`,
        })
        .from(services)
        .leftJoin(serviceCategories, and(eq(serviceCategories.companyId, services.companyId), eq(serviceCategories.id, services.categoryId)))
        .leftJoin(branches, and(eq(branches.companyId, services.companyId), eq(branches.id, services.branchId)))
        .where(and(eq(services.companyId, companyId), search))
        .orderBy(...orderOf(sort))
        .limit(MAX_ROWS),
    context,
  );
  return rows.map((row) => ({ ...row, staffCount: Number(row.staffCount), status: recordStatusOf(row) }));
}

type Filters = z.output<typeof serviceListStateSchema>;
type FacetKey = "status" | "channel" | "category" | "branch";

/** Whether a row passes each facet; `skip` leaves one out (for that facet's own counts). */
function passes(row: ServiceListRow, f: Filters, skip?: FacetKey): boolean {
  if (skip !== "status") {
    const statuses = pickedStatuses<ServiceStatus>(f.status);
    if (!statuses.includes(row.status)) return false;
  }
  if (skip !== "channel" && f.channel.length) {
    const phone = f.channel.includes("phone") && row.bookableByPhone;
    const online = f.channel.includes("online") && row.bookableOnline;
    if (!phone && !online) return false;
  }
  if (skip !== "category" && f.category.length && !f.category.includes(row.categoryId ?? NO_CATEGORY)) return false;
  if (skip !== "branch" && f.branch.length && !f.branch.includes(row.branchId ?? ALL_BRANCHES)) return false;
  return true;
}

function countFacets(rows: ServiceListRow[], f: Filters): ServiceFacetCounts {
  const counts: ServiceFacetCounts = { status: { active: 0, inactive: 0, deleted: 0 }, channel: { phone: 0, online: 0 }, category: {}, branch: {} };
  for (const row of rows) {
    if (passes(row, f, "status")) counts.status[row.status]++;
    if (passes(row, f, "channel")) {
      if (row.bookableByPhone) counts.channel.phone++;
      if (row.bookableOnline) counts.channel.online++;
    }
    if (passes(row, f, "category")) {
      const key = row.categoryId ?? NO_CATEGORY;
      counts.category[key] = (counts.category[key] ?? 0) + 1;
    }
    if (passes(row, f, "branch")) {
      const key = row.branchId ?? ALL_BRANCHES;
      counts.branch[key] = (counts.branch[key] ?? 0) + 1;
    }
  }
  return counts;
}

export async function listServices(companyId: string, input: ServiceListState, context?: CompanyContext): Promise<ServiceListPage> {
  const state = serviceListStateSchema.parse(input);
  const all = await readMatches(companyId, state.q, state.sort, context);
  const matching = all.filter((row) => passes(row, state));

  return { ...offsetPage(matching, state), counts: countFacets(all, state) };
}

const EXPORT_BATCH = 500;

/** Every service the list's state selects (no paging), in batches for the CSV stream. */
export async function* exportServices(companyId: string, input: ServiceListState, context?: CompanyContext): AsyncGenerator<ServiceListRow[]> {
  const state = serviceListStateSchema.parse(input);
  const matching = (await readMatches(companyId, state.q, state.sort, context)).filter((row) => passes(row, state));
  for (let i = 0; i < matching.length; i += EXPORT_BATCH) yield matching.slice(i, i + EXPORT_BATCH);
}
