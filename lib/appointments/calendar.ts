import "server-only";
import { TZDate } from "@date-fns/tz";
import { and, asc, eq, gt, inArray, isNull, lt, or } from "drizzle-orm";
import { z } from "zod";
import { type CompanyContext, withCompany } from "@/db";
import { appointments, type AppointmentStatus, branches, customers, services, staff, staffBranches, staffServices, workingHours } from "@/db/schema";
import { localDay, localInterval, minutesOf } from "@/lib/scheduling/local-time";

// The week calendar of one branch (optionally one staff member): its seven local days, the staff
// who work there, and every appointment of the week placed by local wall-clock minutes — all in
// the branch's time zone, whatever the viewer's. Read under the company's RLS; a branch outside
// the viewer's branch scope is treated as absent.

const DAY = 86_400_000;

export const calendarParamsSchema = z.object({
  branch: z.guid().optional().catch(undefined),
  staff: z.guid().optional().catch(undefined),
  /** Any local date of the wanted week ("YYYY-MM-DD"); the week starts on its Monday. */
  week: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)))
    .optional()
    .catch(undefined),
});
export type CalendarParams = z.infer<typeof calendarParamsSchema>;

export type CalendarAppointment = {
  id: string;
  staffId: string | null;
  status: AppointmentStatus;
  startsAt: Date;
  endsAt: Date;
  /** Index into days; minutes after local midnight (end capped at the day's end). */
  day: number;
  startMinute: number;
  endMinute: number;
  customerName: string;
  serviceName: string;
};

export type CalendarWeek = {
  branch: { id: string; name: string; timeZone: string };
  branches: { id: string; name: string }[];
  staff: { id: string; name: string; color: string }[];
  staffId: string | null;
  days: { date: string; weekday: number }[];
  previousWeek: string;
  nextWeek: string;
  /** Shown hour range: working hours of the week, widened by appointments outside them. */
  firstHour: number;
  lastHour: number;
  /** Per staff member and day: working intervals in local minutes (for shading). */
  working: { staffId: string; day: number; from: number; to: number }[];
  appointments: CalendarAppointment[];
};

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The Monday (local date) of the week holding `date`. */
export function mondayOf(date: string): string {
  const ms = Date.parse(`${date}T00:00:00Z`);
  const weekday = (new Date(ms).getUTCDay() + 6) % 7; // 0 = Monday
  return isoDate(ms - weekday * DAY);
}

/** Today's local date in a zone. */
export function localToday(timeZone: string, now = new Date()): string {
  const t = new TZDate(now.getTime(), timeZone);
  return `${t.getFullYear()}-${String(t.getMonth() + 1).padStart(2, "0")}-${String(t.getDate()).padStart(2, "0")}`;
}

/**
 * The week for the calendar page, or null when the company has no branch the viewer may see.
 * branchIds: the viewer's branch scope (null = all of the company's).
 */
export async function getCalendarWeek(
  companyId: string,
  params: CalendarParams,
  branchIds: readonly string[] | null,
  context: CompanyContext = {},
): Promise<CalendarWeek | null> {
  return withCompany(
    companyId,
    async (tx) => {
      const visible = await tx
        .select({ id: branches.id, name: branches.name, timeZone: branches.timeZone })
        .from(branches)
        .where(and(isNull(branches.deletedAt), branchIds === null ? undefined : inArray(branches.id, branchIds.length ? [...branchIds] : ["00000000-0000-0000-0000-000000000000"])))
        .orderBy(asc(branches.name), asc(branches.id));
      const branch = visible.find((b) => b.id === params.branch) ?? visible[0];
      if (!branch) return null;

      const monday = mondayOf(params.week ?? localToday(branch.timeZone));
      const days = Array.from({ length: 7 }, (_, i) => {
        const date = isoDate(Date.parse(`${monday}T00:00:00Z`) + i * DAY);
        return { date, day: localDay(branch.timeZone, date) };
      });
      const weekStart = days[0]!.day.segments[0]!.start;
      const weekEnd = days[6]!.day.segments.at(-1)!.end;

      const members = await tx
        .selectDistinct({ id: staff.id, name: staff.displayName, color: staff.color })
        .from(staff)
        .leftJoin(staffBranches, and(eq(staffBranches.staffId, staff.id), eq(staffBranches.branchId, branch.id)))
        .where(and(isNull(staff.deletedAt), eq(staff.isActive, true), or(eq(staff.branchId, branch.id), eq(staffBranches.branchId, branch.id))))
        .orderBy(asc(staff.displayName), asc(staff.id));
      const staffId = members.some((m) => m.id === params.staff) ? params.staff! : null;
      const shown = staffId ? members.filter((m) => m.id === staffId) : members;
      const shownIds = shown.map((m) => m.id);

      const [hours, rows] = await Promise.all([
        shownIds.length
          ? tx
              .select({
                staffId: workingHours.staffId,
                weekday: workingHours.weekday,
                startTime: workingHours.startTime,
                endTime: workingHours.endTime,
                validFrom: workingHours.validFrom,
                validTo: workingHours.validTo,
              })
              .from(workingHours)
              .where(and(eq(workingHours.branchId, branch.id), inArray(workingHours.staffId, shownIds)))
          : Promise.resolve([]),
        tx
          .select({
            id: appointments.id,
            staffId: appointments.staffId,
            status: appointments.status,
            startsAt: appointments.startsAt,
            endsAt: appointments.endsAt,
            firstName: customers.firstName,
            lastName: customers.lastName,
            serviceName: services.name,
          })
          .from(appointments)
          .innerJoin(customers, and(eq(customers.companyId, appointments.companyId), eq(customers.id, appointments.customerId)))
          .innerJoin(services, and(eq(services.companyId, appointments.companyId), eq(services.id, appointments.serviceId)))
          .where(
            and(
              eq(appointments.branchId, branch.id),
              isNull(appointments.deletedAt),
              lt(appointments.startsAt, new Date(weekEnd)),
              gt(appointments.endsAt, new Date(weekStart)),
              staffId ? eq(appointments.staffId, staffId) : undefined,
            ),
          )
          .orderBy(asc(appointments.startsAt), asc(appointments.id))
          .limit(2_000),
      ]);

      const working: CalendarWeek["working"] = [];
      days.forEach(({ date, day }, index) => {
        for (const h of hours) {
          if (h.weekday !== day.weekday || date < h.validFrom || (h.validTo !== null && date > h.validTo)) continue;
          working.push({ staffId: h.staffId, day: index, from: minutesOf(h.startTime), to: minutesOf(h.endTime) });
        }
      });

      const placed: CalendarAppointment[] = [];
      for (const row of rows) {
        const start = new TZDate(row.startsAt.getTime(), branch.timeZone);
        const date = isoDate(Date.UTC(start.getFullYear(), start.getMonth(), start.getDate()));
        const index = days.findIndex((d) => d.date === date);
        if (index === -1) continue;
        const startMinute = start.getHours() * 60 + start.getMinutes();
        const duration = Math.round((row.endsAt.getTime() - row.startsAt.getTime()) / 60_000);
        placed.push({
          id: row.id,
          staffId: row.staffId,
          status: row.status,
          startsAt: row.startsAt,
          endsAt: row.endsAt,
          day: index,
          startMinute,
          endMinute: Math.min(1440, startMinute + duration),
          customerName: `${row.firstName} ${row.lastName}`.trim(),
          serviceName: row.serviceName,
        });
      }

      const minutes = [...working.flatMap((w) => [w.from, w.to]), ...placed.flatMap((a) => [a.startMinute, a.endMinute])];
      const firstHour = minutes.length ? Math.max(0, Math.floor(Math.min(...minutes) / 60)) : 8;
      const lastHour = minutes.length ? Math.min(24, Math.ceil(Math.max(...minutes) / 60)) : 18;

      return {
        branch,
        branches: visible.map(({ id, name }) => ({ id, name })),
        staff: members,
        staffId,
        days: days.map(({ date, day }) => ({ date, weekday: day.weekday })),
        previousWeek: isoDate(Date.parse(`${monday}T00:00:00Z`) - 7 * DAY),
        nextWeek: isoDate(Date.parse(`${monday}T00:00:00Z`) + 7 * DAY),
        firstHour: Math.min(firstHour, 8),
        lastHour: Math.max(lastHour, Math.min(24, firstHour + 8)),
        working,
        appointments: placed,
      };
    },
    context,
  );
}

/** Local wall-clock minutes → the instant, on a given local day (first occurrence). */
export function instantOf(timeZone: string, date: string, minute: number): Date {
  const [first] = localInterval(localDay(timeZone, date), minute, minute + 1);
  return new Date(first ? first[0] : Date.parse(`${date}T00:00:00Z`) + minute * 60_000);
}

export type AppointmentDetail = {
  id: string;
  status: AppointmentStatus;
  source: "admin" | "phone" | "online" | "calcom";
  startsAt: Date;
  endsAt: Date;
  priceCents: number;
  currency: string;
  notes: string | null;
  cancellationReason: string | null;
  customer: { id: string; name: string };
  service: { id: string; name: string };
  staff: { id: string; name: string } | null;
  branch: { id: string; name: string; timeZone: string };
  /** Staff who could take this appointment's service at its branch (for "move to"). */
  eligibleStaff: { id: string; name: string }[];
};

/** One appointment with its names, or null when it is not the company's or outside the viewer's branches. */
export async function getAppointmentDetail(
  companyId: string,
  id: string,
  branchIds: readonly string[] | null,
  context: CompanyContext = {},
): Promise<AppointmentDetail | null> {
  if (!z.guid().safeParse(id).success) return null;
  return withCompany(
    companyId,
    async (tx) => {
      const [row] = await tx
        .select({
          id: appointments.id,
          status: appointments.status,
          source: appointments.source,
          startsAt: appointments.startsAt,
          endsAt: appointments.endsAt,
          priceCents: appointments.priceCents,
          currency: appointments.currency,
          notes: appointments.notes,
          cancellationReason: appointments.cancellationReason,
          customerId: customers.id,
          firstName: customers.firstName,
          lastName: customers.lastName,
          serviceId: services.id,
          serviceName: services.name,
          staffId: staff.id,
          staffName: staff.displayName,
          branchId: branches.id,
          branchName: branches.name,
          timeZone: branches.timeZone,
        })
        .from(appointments)
        .innerJoin(customers, and(eq(customers.companyId, appointments.companyId), eq(customers.id, appointments.customerId)))
        .innerJoin(services, and(eq(services.companyId, appointments.companyId), eq(services.id, appointments.serviceId)))
        .innerJoin(branches, and(eq(branches.companyId, appointments.companyId), eq(branches.id, appointments.branchId)))
        .leftJoin(staff, and(eq(staff.companyId, appointments.companyId), eq(staff.id, appointments.staffId)))
        .where(
          and(
            eq(appointments.id, id),
            isNull(appointments.deletedAt),
            branchIds === null ? undefined : inArray(appointments.branchId, branchIds.length ? [...branchIds] : ["00000000-0000-0000-0000-000000000000"]),
          ),
        );
      if (!row) return null;
      const eligible = await tx
        .selectDistinct({ id: staff.id, name: staff.displayName })
        .from(staffServices)
        .innerJoin(staff, and(eq(staff.companyId, staffServices.companyId), eq(staff.id, staffServices.staffId)))
        .leftJoin(staffBranches, and(eq(staffBranches.staffId, staff.id), eq(staffBranches.branchId, row.branchId)))
        .where(
          and(
            eq(staffServices.serviceId, row.serviceId),
            isNull(staff.deletedAt),
            eq(staff.isActive, true),
            or(eq(staff.branchId, row.branchId), eq(staffBranches.branchId, row.branchId)),
          ),
        )
        .orderBy(asc(staff.displayName), asc(staff.id));
      return {
        id: row.id,
        status: row.status,
        source: row.source,
        startsAt: row.startsAt,
        endsAt: row.endsAt,
        priceCents: row.priceCents,
        currency: row.currency,
        notes: row.notes,
        cancellationReason: row.cancellationReason,
        customer: { id: row.customerId, name: `${row.firstName} ${row.lastName}`.trim() },
        service: { id: row.serviceId, name: row.serviceName },
        staff: row.staffId ? { id: row.staffId, name: row.staffName ?? "" } : null,
        branch: { id: row.branchId, name: row.branchName, timeZone: row.timeZone },
        eligibleStaff: eligible,
      };
    },
    context,
  );
}
