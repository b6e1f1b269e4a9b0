import "server-only";
import { z } from "zod";
import { getCompanyForPlatformAdmin, type PlatformCompanyRow, searchCompaniesForPlatformAdmin } from "@/db/platform";
import { type CappedCount, cappedOf } from "@/lib/data-table/count";
import { decodeCursor, encodeCursor } from "@/lib/data-table/cursor";
import { enumList, listStateBase } from "@/lib/data-table/state";
import { COMPANY_STATUSES, companyIdSchema } from "./schemas";

// The platform's companies list (/companies). A platform has tens to hundreds of tenants, so the
// pages are plain offsets (carried in the kit's opaque cursors) over app_platform_search_companies.

export const COMPANY_SORTS = ["name.asc", "name.desc", "created.desc", "created.asc"] as const;
export type CompanySort = (typeof COMPANY_SORTS)[number];

export const companyListStateSchema = z.object({
  ...listStateBase(COMPANY_SORTS, "name.asc"),
  status: enumList(COMPANY_STATUSES),
  archived: z.boolean().catch(false),
});

export type CompanyListInput = Partial<Record<keyof z.output<typeof companyListStateSchema>, unknown>>;

export type CompanyListRow = Omit<PlatformCompanyRow, "createdAt" | "deletedAt"> & { createdAt: string; deletedAt: string | null };

export type CompanyListPage = { rows: CompanyListRow[]; nextCursor: string | null; prevCursor: string | null; total: CappedCount };

const offsetCursor = z.tuple([z.number().int().min(0).max(1_000_000)]);

export async function listCompanies(platformAdminId: string, input: CompanyListInput): Promise<CompanyListPage> {
  const state = companyListStateSchema.parse(input);
  const offset = (decodeCursor(state.after ?? state.before, offsetCursor) ?? [0])[0];
  const { rows, total } = await searchCompaniesForPlatformAdmin(platformAdminId, {
    q: state.q,
    statuses: state.status,
    includeArchived: state.archived || state.status.includes("archived"),
    sort: state.sort,
    limit: state.size,
    offset,
  });
  return {
    rows: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), deletedAt: r.deletedAt?.toISOString() ?? null })),
    nextCursor: offset + rows.length < total ? encodeCursor([offset + state.size]) : null,
    prevCursor: offset > 0 ? encodeCursor([Math.max(0, offset - state.size)]) : null,
    total: cappedOf(total),
  };
}

/** One company for the edit page; null for a malformed or unknown id. */
export async function getCompany(platformAdminId: string, companyId: string): Promise<PlatformCompanyRow | null> {
  if (!companyIdSchema.safeParse(companyId).success) return null;
  return getCompanyForPlatformAdmin(platformAdminId, companyId);
}
