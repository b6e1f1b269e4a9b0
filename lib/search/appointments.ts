import "server-only";
import { and, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/db";
import { appointments, branches, customers, services, staff } from "@/db/schema";
import { type AppointmentHit, SEARCH_GROUP_LIMIT } from "./types";

// Appointments for the search palette: those of the customers found (the next ones first, then
// the most recent past ones), and the one whose id the query is. Both only in the viewer's
// branches. Served by appointments (company_id, customer_id, starts_at) for at most
// SEARCH_GROUP_LIMIT customers, and by the primary key.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (text: string) => UUID.test(text);

/** null = every branch of the company; [] = none. */
type BranchIds = readonly string[] | null;

function inBranches(branchIds: BranchIds): SQL | undefined {
  if (branchIds === null) return undefined;
  return branchIds.length > 0 ? inArray(appointments.branchId, [...branchIds]) : sql`false`;
}

function selectHits(tx: Tx, companyId: string, where: SQL, branchIds: BranchIds) {
  return tx
    .select({
      id: appointments.id,
      startsAt: appointments.startsAt,
      status: appointments.status,
      branchTimeZone: branches.timeZone,
      customerFirstName: customers.firstName,
      customerLastName: customers.lastName,
      serviceName: services.name,
      staffName: staff.displayName,
    })
    .from(appointments)
    .innerJoin(customers, eq(customers.id, appointments.customerId))
    .innerJoin(services, eq(services.id, appointments.serviceId))
    .innerJoin(branches, eq(branches.id, appointments.branchId))
    .leftJoin(staff, eq(staff.id, appointments.staffId))
    .where(and(eq(appointments.companyId, companyId), isNull(appointments.deletedAt), inBranches(branchIds), where));
}

type Row = Awaited<ReturnType<typeof selectHits>>[number];

const toHit = (row: Row): AppointmentHit => ({
  id: row.id,
  startsAt: row.startsAt.toISOString(),
  branchTimeZone: row.branchTimeZone,
  status: row.status,
  customerName: `${row.customerFirstName} ${row.customerLastName}`.trim(),
  serviceName: row.serviceName,
  staffName: row.staffName,
});

/**
 * The appointments of these customers (next first, then the latest past ones) and, if the query
 * is an appointment id, that one in front: at most SEARCH_GROUP_LIMIT.
 */
export async function findAppointments(
  tx: Tx,
  companyId: string,
  input: { query: string; customerIds: readonly string[]; branchIds: BranchIds; now?: Date },
): Promise<AppointmentHit[]> {
  const { query, customerIds, branchIds } = input;
  if (branchIds !== null && branchIds.length === 0) return [];
  const now = (input.now ?? new Date()).toISOString();
  const upcoming = sql`${appointments.startsAt} >= ${now}::timestamptz`;
  const [byId, ofCustomers] = await Promise.all([
    isUuid(query) ? selectHits(tx, companyId, eq(appointments.id, query.toLowerCase()), branchIds).limit(1) : Promise.resolve([]),
    customerIds.length > 0
      ? selectHits(tx, companyId, inArray(appointments.customerId, [...customerIds]), branchIds)
          .orderBy(
            sql`case when ${upcoming} then 0 else 1 end`,
            sql`case when ${upcoming} then ${appointments.startsAt} end asc`,
            sql`${appointments.startsAt} desc`,
            appointments.id,
          )
          .limit(SEARCH_GROUP_LIMIT)
      : Promise.resolve([]),
  ]);
  const unique = new Map<string, Row>();
  for (const row of [...byId, ...ofCustomers]) if (!unique.has(row.id)) unique.set(row.id, row);
  return [...unique.values()].slice(0, SEARCH_GROUP_LIMIT).map(toHit);
}
