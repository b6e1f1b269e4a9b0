import "server-only";
import { and, count, eq, gt, gte, inArray, isNull, lt, type SQL, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { appointments } from "@/db/schema";
import { ACTIVE_APPOINTMENT_STATUSES } from "./status";

// How many active appointments (pending, booked, confirmed; not deleted) a branch or a staff
// member has in some span of time. One definition of "active" for every rule that asks:
// - a branch or staff member with upcoming ones is not soft-deleted (the appointments would point
//   at something nobody sees or books any more): ./delete-branch.ts, lib/staff/delete-staff.ts;
// - a new closing day or absence warns about the ones it covers: ./add-closure.ts,
//   lib/staff/save-absence.ts.

export type AppointmentsOf = { branchId: string } | { staffId: string };

/** The refusal a delete answers with when appointments are still ahead. */
export type HasUpcomingAppointments = { ok: false; reason: "has_appointments"; count: number };

/** Active, not deleted appointments of the branch or staff member that also match `when`. */
export async function countActiveAppointments(tx: Tx, companyId: string, of: AppointmentsOf, when: SQL | undefined): Promise<number> {
  const [row] = await tx
    .select({ value: count() })
    .from(appointments)
    .where(
      and(
        eq(appointments.companyId, companyId),
        "branchId" in of ? eq(appointments.branchId, of.branchId) : eq(appointments.staffId, of.staffId),
        inArray(appointments.status, [...ACTIVE_APPOINTMENT_STATUSES]),
        isNull(appointments.deletedAt),
        when,
      ),
    );
  return Number(row?.value ?? 0);
}

/** Those that end at `now` or later. */
export const countUpcomingAppointments = (tx: Tx, companyId: string, of: AppointmentsOf, now: Date = new Date()) =>
  countActiveAppointments(tx, companyId, of, gte(appointments.endsAt, now));

/** Those that overlap [startsAt, endsAt). */
export const countAppointmentsInside = (tx: Tx, companyId: string, of: AppointmentsOf, startsAt: Date, endsAt: Date) =>
  countActiveAppointments(tx, companyId, of, and(lt(appointments.startsAt, endsAt), gt(appointments.endsAt, startsAt)));

/** Those that start on a local date (YYYY-MM-DD) in the time zone. */
export const countAppointmentsStartingOn = (tx: Tx, companyId: string, of: AppointmentsOf, timeZone: string, date: string) =>
  countActiveAppointments(tx, companyId, of, sql`(${appointments.startsAt} at time zone ${timeZone})::date = ${date}::date`);
