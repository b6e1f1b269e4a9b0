import "server-only";
import { and, asc, desc, eq, exists, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import { type CompanyContext, type Tx, withCompany } from "@/db";
import { branches, services, type Staff, staff, staffAbsences, staffBranches, staffServices } from "@/db/schema";
import { isUuid } from "./schemas";

// Reads of one staff member and what their page offers, under the company (RLS) and, for
// branch-limited roles, their branches only: a staff member is in scope when their home branch or
// one of the branches they also work at is one of the actor's (null = all of the company's).

export type StaffScope = readonly string[] | null | undefined;
export type StaffWriteOptions = { context?: CompanyContext; scope?: StaffScope };

/** Limits a staff lookup to the actor's branches. */
export function staffInScope(tx: Tx, scope: StaffScope): SQL | undefined {
  if (!scope) return undefined;
  if (scope.length === 0) return sql`false`;
  const ids = [...scope];
  return or(
    inArray(staff.branchId, ids),
    exists(
      tx
        .select({ one: sql`1` })
        .from(staffBranches)
        .where(and(eq(staffBranches.staffId, staff.id), inArray(staffBranches.branchId, ids))),
    ),
  );
}

/** The company's staff member (deleted ones too) within the scope, locked for the rest of the transaction. */
export async function lockStaff(tx: Tx, companyId: string, id: string, scope?: StaffScope): Promise<Staff | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await tx
    .select()
    .from(staff)
    .where(and(eq(staff.companyId, companyId), eq(staff.id, id), staffInScope(tx, scope)))
    .for("update");
  return row;
}

/** The branches a staff member also works at (besides the home branch). */
export async function additionalBranchIds(tx: Tx, companyId: string, staffId: string): Promise<string[]> {
  const rows = await tx
    .select({ branchId: staffBranches.branchId })
    .from(staffBranches)
    .where(and(eq(staffBranches.companyId, companyId), eq(staffBranches.staffId, staffId)));
  return rows.map((r) => r.branchId);
}

export type StaffServiceRow = { serviceId: string; durationMinutes: number | null; priceCents: number | null };
export type StaffDetail = Staff & { branchIds: string[]; services: StaffServiceRow[] };

/** One staff member with their branches and services, or null (another company's, out of scope, malformed id). */
export async function getStaff(companyId: string, id: string, scope?: StaffScope, context?: CompanyContext): Promise<StaffDetail | null> {
  if (!isUuid(id)) return null;
  return withCompany(
    companyId,
    async (tx) => {
      const [row] = await tx
        .select()
        .from(staff)
        .where(and(eq(staff.companyId, companyId), eq(staff.id, id), staffInScope(tx, scope)));
      if (!row) return null;
      const [branchIds, performed] = await Promise.all([
        additionalBranchIds(tx, companyId, row.id),
        tx
          .select({ serviceId: staffServices.serviceId, durationMinutes: staffServices.durationMinutes, priceCents: staffServices.priceCents })
          .from(staffServices)
          .where(and(eq(staffServices.companyId, companyId), eq(staffServices.staffId, row.id))),
      ]);
      return { ...row, branchIds, services: performed };
    },
    context,
  );
}

export type BranchOption = { id: string; name: string; timeZone: string; isActive: boolean };
export type ServiceOption = { id: string; name: string; durationMinutes: number; priceCents: number; currency: string; branchId: string | null; isActive: boolean };

/** The company's live branches and services, for the staff forms. */
export async function staffFormOptions(companyId: string, context?: CompanyContext): Promise<{ branches: BranchOption[]; services: ServiceOption[] }> {
  return withCompany(
    companyId,
    async (tx) => {
      const [branchRows, serviceRows] = await Promise.all([
        tx
          .select({ id: branches.id, name: branches.name, timeZone: branches.timeZone, isActive: branches.isActive })
          .from(branches)
          .where(and(eq(branches.companyId, companyId), isNull(branches.deletedAt)))
          .orderBy(asc(branches.name), asc(branches.id)),
        tx
          .select({
            id: services.id,
            name: services.name,
            durationMinutes: services.durationMinutes,
            priceCents: services.priceCents,
            currency: services.currency,
            branchId: services.branchId,
            isActive: services.isActive,
          })
          .from(services)
          .where(and(eq(services.companyId, companyId), isNull(services.deletedAt)))
          .orderBy(asc(services.sortOrder), asc(services.name), asc(services.id)),
      ]);
      return { branches: branchRows, services: serviceRows };
    },
    context,
  );
}

export type AbsenceRow = { id: string; kind: "vacation" | "sick" | "training" | "other"; startsAt: Date; endsAt: Date; note: string | null };
const ABSENCES_SHOWN = 100;

/** A staff member's absences, latest first (empty for one outside the company or the scope). */
export async function listAbsences(companyId: string, staffId: string, scope?: StaffScope, context?: CompanyContext): Promise<AbsenceRow[]> {
  if (!isUuid(staffId)) return [];
  return withCompany(
    companyId,
    async (tx) => {
      const [row] = await tx.select({ id: staff.id }).from(staff).where(and(eq(staff.companyId, companyId), eq(staff.id, staffId), staffInScope(tx, scope)));
      if (!row) return [];
      return tx
        .select({ id: staffAbsences.id, kind: staffAbsences.kind, startsAt: staffAbsences.startsAt, endsAt: staffAbsences.endsAt, note: staffAbsences.note })
        .from(staffAbsences)
        .where(and(eq(staffAbsences.companyId, companyId), eq(staffAbsences.staffId, row.id)))
        .orderBy(desc(staffAbsences.startsAt))
        .limit(ABSENCES_SHOWN);
    },
    context,
  );
}
