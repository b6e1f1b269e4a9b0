import "server-only";
import { TZDate } from "@date-fns/tz";
import { addDays, startOfDay } from "date-fns";
import { and, asc, count, eq, gte, inArray, isNull, lt, ne, sql } from "drizzle-orm";
import { withCompany } from "@/db";
import { appointments, branches, customers, services, staff, staffBranches, type AppointmentStatus } from "@/db/schema";

/** A capped count: "10,000+" instead of an unbounded count(*) over a big table (design.md §7). */
export const COUNT_CAP = 10_000;

export type CappedCount = { value: number; capped: boolean };

export type UpcomingAppointment = {
  id: string;
  startsAt: Date;
  endsAt: Date;
  status: AppointmentStatus;
  customerName: string;
  serviceName: string;
  staffName: string | null;
  branchName: string;
  /** Times are shown in the branch's zone, which may differ from the company's. */
  branchTimeZone: string;
};

export type DashboardSummary = {
  appointmentsToday: number;
  appointmentsNext7Days: number;
  activeCustomers: CappedCount;
  activeStaff: number;
  upcoming: UpcomingAppointment[];
};

const UPCOMING_STATUSES = ["pending", "booked", "confirmed"] as const satisfies readonly AppointmentStatus[];

/**
 * Local-day boundaries as instants: "today" is the calendar day in the company's zone, so a
 * Berlin salon's day starts at 22:00 or 23:00 UTC depending on daylight-saving time.
 */
export function dayWindow(now: Date, timeZone: string) {
  const local = new TZDate(now.getTime(), timeZone);
  const todayStart = startOfDay(local);
  return {
    todayStart: new Date(todayStart.getTime()),
    tomorrowStart: new Date(addDays(todayStart, 1).getTime()),
    weekEnd: new Date(addDays(todayStart, 7).getTime()),
  };
}

/**
 * The figures on the dashboard, read under the company's row-level security. With
 * `upcoming: false` (the card is switched off by its feature flag) the upcoming list is not
 * queried at all and comes back empty. `branchIds` (from branchScope for dashboard:read) limits
 * appointments and staff to those branches — null means all of the company's; customers belong
 * to the company and are counted company-wide, as customers:read allows every role.
 */
export async function getDashboardSummary(
  companyId: string,
  timeZone: string,
  now: Date = new Date(),
  options: { upcoming?: boolean; branchIds?: readonly string[] | null } = {},
): Promise<DashboardSummary> {
  const { todayStart, tomorrowStart, weekEnd } = dayWindow(now, timeZone);
  const branchIds = options.branchIds ?? null;
  // An empty scope matches nothing (a branch role without branches sees no appointments).
  const inBranches = branchIds === null ? undefined : branchIds.length ? inArray(appointments.branchId, [...branchIds]) : sql`false`;
  const staffInBranches =
    branchIds === null
      ? undefined
      : branchIds.length
        ? sql`(${inArray(staff.branchId, [...branchIds])} or exists (select 1 from ${staffBranches}
               where ${staffBranches.staffId} = ${staff.id} and ${inArray(staffBranches.branchId, [...branchIds])}))`
        : sql`false`;

  return withCompany(companyId, async (tx) => {
    // Cancelled appointments do not fill a day; no-shows and completed ones did take the slot.
    const live = and(eq(appointments.companyId, companyId), isNull(appointments.deletedAt), ne(appointments.status, "cancelled"), inBranches);

    const [[counts], [customerRow], [staffRow], upcoming] = await Promise.all([
      tx
        .select({
          // lt() binds the Date through the column's encoder; a bare Date in sql`` breaks postgres.js.
          today: sql<number>`count(*) filter (where ${lt(appointments.startsAt, tomorrowStart)})`.mapWith(Number),
          week: count(),
        })
        .from(appointments)
        .where(and(live, gte(appointments.startsAt, todayStart), lt(appointments.startsAt, weekEnd))),
      tx
        .select({ value: count() })
        .from(
          tx
            .select({ one: sql`1` })
            .from(customers)
            .where(and(eq(customers.companyId, companyId), isNull(customers.deletedAt)))
            .limit(COUNT_CAP + 1)
            .as("c"),
        ),
      tx
        .select({ value: count() })
        .from(staff)
        .where(and(eq(staff.companyId, companyId), eq(staff.isActive, true), isNull(staff.deletedAt), staffInBranches)),
      options.upcoming === false
        ? Promise.resolve([])
        : tx
            .select({
              id: appointments.id,
              startsAt: appointments.startsAt,
              endsAt: appointments.endsAt,
              status: appointments.status,
              customerFirstName: customers.firstName,
              customerLastName: customers.lastName,
              serviceName: services.name,
              staffName: staff.displayName,
              branchName: branches.name,
              branchTimeZone: branches.timeZone,
            })
            .from(appointments)
            .innerJoin(customers, eq(customers.id, appointments.customerId))
            .innerJoin(services, eq(services.id, appointments.serviceId))
            .innerJoin(branches, eq(branches.id, appointments.branchId))
            .leftJoin(staff, eq(staff.id, appointments.staffId))
            .where(
              and(
                eq(appointments.companyId, companyId),
                isNull(appointments.deletedAt),
                inArray(appointments.status, UPCOMING_STATUSES),
                gte(appointments.startsAt, now),
                inBranches,
              ),
            )
            .orderBy(asc(appointments.startsAt), asc(appointments.id))
            .limit(5),
    ]);

    const customerCount = customerRow?.value ?? 0;
    return {
      appointmentsToday: counts?.today ?? 0,
      appointmentsNext7Days: counts?.week ?? 0,
      activeCustomers: { value: Math.min(customerCount, COUNT_CAP), capped: customerCount > COUNT_CAP },
      activeStaff: staffRow?.value ?? 0,
      upcoming: upcoming.map((row) => ({
        id: row.id,
        startsAt: row.startsAt,
        endsAt: row.endsAt,
        status: row.status,
        customerName: `${row.customerFirstName} ${row.customerLastName}`.trim(),
        serviceName: row.serviceName,
        staffName: row.staffName,
        branchName: row.branchName,
        branchTimeZone: row.branchTimeZone,
      })),
    };
  });
}
