import "server-only";
import { and, asc, eq, gt, inArray, isNull, lt, ne, or, sql } from "drizzle-orm";
import { type CompanyContext, type Tx, withCompany } from "@/db";
import { anyUuid } from "@/db/prepared";
import type { OpeningHours } from "@/db/schema/companies";
import {
  appointments,
  branchClosures,
  branches,
  services,
  staff,
  staffAbsences,
  staffBranches,
  staffServices,
  workingHours,
} from "@/db/schema";
import { ACTIVE_APPOINTMENT_STATUSES } from "@/lib/appointments/status";
import { type AvailabilityRequest, findSlots, SLOT_STEPS, type Slot, type SlotStep, type StaffSchedule } from "./availability";

// Reads what the availability engine needs for one branch and service from the database, inside
// one transaction of the company (RLS keeps it to that company), and asks the engine.

const DAY = 86_400_000;
const MINUTE = 60_000;
export const DEFAULT_SLOT_STEP: SlotStep = 15;
/** The longest window one call may ask for. */
export const MAX_WINDOW_DAYS = 62;

export type SlotQuery = {
  branchId: string;
  serviceId: string;
  /** One staff member only; otherwise every eligible one. */
  staffId?: string | null;
  from: Date;
  to: Date;
  now?: Date;
  stepMinutes?: SlotStep;
  /** An appointment being moved: its own time does not count as busy. */
  excludeAppointmentId?: string;
};

export class SlotQueryError extends Error {
  override name = "SlotQueryError";
  constructor(readonly code: "branch_not_found" | "service_not_found" | "service_not_offered" | "staff_not_eligible" | "invalid_window") {
    super(code);
  }
}

/** Free slots for a service at a branch; throws SlotQueryError for what the caller got wrong. */
export async function availableSlots(companyId: string, query: SlotQuery, context?: CompanyContext): Promise<Slot[]> {
  const request = await loadAvailabilityRequest(companyId, query, context);
  return findSlots(request);
}

export async function loadAvailabilityRequest(
  companyId: string,
  query: SlotQuery,
  context?: CompanyContext,
): Promise<AvailabilityRequest> {
  return withCompany(companyId, (tx) => readAvailability(tx, query), context);
}

/** The engine's inputs, read inside a transaction the caller already holds for the company. */
export async function readAvailability(tx: Tx, query: SlotQuery): Promise<AvailabilityRequest> {
  checkWindow(query.from, query.to);
  const setup = await readAvailabilitySetup(tx, query);
  return readAvailabilityWindow(tx, setup, query);
}

/**
 * What does not depend on the window: the branch's zone, hours and slot step, the service's
 * duration, buffers and notice, and who may perform it there. A caller that searches several
 * windows (check_availability: the day asked for, then the days after) reads this once.
 */
export type AvailabilitySetup = {
  branchId: string;
  branch: { timeZone: string; openingHours: OpeningHours; settings: Record<string, unknown> };
  service: AvailabilityRequest["service"];
  /** Performs the service, works at the branch, active; by id. */
  eligible: readonly { staffId: string; durationMinutes: number | null }[];
  stepMinutes?: SlotStep;
  /** An appointment being moved: its own time does not count as busy. */
  excludeAppointmentId?: string;
};

function checkWindow(from: Date, to: Date) {
  if (!(to.getTime() > from.getTime()) || to.getTime() - from.getTime() > MAX_WINDOW_DAYS * DAY) throw new SlotQueryError("invalid_window");
}

export async function readAvailabilitySetup(tx: Tx, query: Omit<SlotQuery, "from" | "to" | "now">): Promise<AvailabilitySetup> {
  // Branch and service go down the connection together (one round trip).
  const [[branch], [service]] = await Promise.all([
    tx
      .select({ timeZone: branches.timeZone, openingHours: branches.openingHours, settings: branches.settings })
      .from(branches)
      .where(and(eq(branches.id, query.branchId), isNull(branches.deletedAt), eq(branches.isActive, true))),
    tx
      .select({
        branchId: services.branchId,
        durationMinutes: services.durationMinutes,
        bufferBeforeMinutes: services.bufferBeforeMinutes,
        bufferAfterMinutes: services.bufferAfterMinutes,
        minNoticeMinutes: services.minNoticeMinutes,
      })
      .from(services)
      .where(and(eq(services.id, query.serviceId), isNull(services.deletedAt), eq(services.isActive, true))),
  ]);
  if (!branch) throw new SlotQueryError("branch_not_found");
  if (!service) throw new SlotQueryError("service_not_found");
  if (service.branchId && service.branchId !== query.branchId) throw new SlotQueryError("service_not_offered");

  const eligible = await readEligibleStaff(tx, query);
  if (query.staffId && eligible.length === 0) throw new SlotQueryError("staff_not_eligible");
  const { branchId: _, ...serviceRules } = service;
  return {
    branchId: query.branchId,
    branch,
    service: serviceRules,
    eligible: eligible.map((e) => ({ staffId: e.id, durationMinutes: e.durationMinutes })).sort((a, b) => (a.staffId < b.staffId ? -1 : a.staffId > b.staffId ? 1 : 0)),
    ...(query.stepMinutes ? { stepMinutes: query.stepMinutes } : {}),
    ...(query.excludeAppointmentId ? { excludeAppointmentId: query.excludeAppointmentId } : {}),
  };
}

export type EligibleStaff = { id: string; displayName: string; firstName: string; lastName: string; durationMinutes: number | null };

/**
 * Who may perform the service at the branch: performs it (staff_services, with their own duration
 * if set), works there (home branch or staff_branches), active. By display name; one member only
 * with `staffId`.
 */
export function readEligibleStaff(tx: Tx, query: { branchId: string; serviceId: string; staffId?: string | null }): Promise<EligibleStaff[]> {
  return tx
    .selectDistinct({
      id: staff.id,
      displayName: staff.displayName,
      firstName: staff.firstName,
      lastName: staff.lastName,
      durationMinutes: staffServices.durationMinutes,
    })
    .from(staffServices)
    .innerJoin(staff, and(eq(staff.companyId, staffServices.companyId), eq(staff.id, staffServices.staffId)))
    .leftJoin(staffBranches, and(eq(staffBranches.staffId, staff.id), eq(staffBranches.branchId, query.branchId)))
    .where(
      and(
        eq(staffServices.serviceId, query.serviceId),
        isNull(staff.deletedAt),
        eq(staff.isActive, true),
        or(eq(staff.branchId, query.branchId), eq(staffBranches.branchId, query.branchId)),
        query.staffId ? eq(staff.id, query.staffId) : undefined,
      ),
    )
    .orderBy(asc(staff.displayName), asc(staff.id));
}

/** The longest an appointment lasts and the longest buffer a service has (both: a day; see migration 0026). */
const MAX_APPOINTMENT = DAY;
const MAX_BUFFER = DAY;

/** The window's part of the engine's inputs: working hours, absences, appointments, closing days. */
export async function readAvailabilityWindow(
  tx: Tx,
  setup: AvailabilitySetup,
  window: { from: Date; to: Date; now?: Date },
): Promise<AvailabilityRequest> {
  checkWindow(window.from, window.to);
  const from = window.from.getTime();
  const to = window.to.getTime();
  const staffIds = setup.eligible.map((e) => e.staffId);
  // A day of margin each way for what is read by local date (the engine looks a day further).
  const lo = new Date(from - DAY);
  const hi = new Date(to + DAY);
  // The time a slot's block can touch: [from − buffer before, to + longest duration + buffer after).
  const longest = Math.max(setup.service.durationMinutes, ...setup.eligible.map((e) => e.durationMinutes ?? 0)) * MINUTE;
  const busyFrom = from - setup.service.bufferBeforeMinutes * MINUTE;
  const busyTo = to + longest + setup.service.bufferAfterMinutes * MINUTE;
  const [hours, absences, busy, closures] = staffIds.length
    ? await Promise.all([
        tx
          .select({
            staffId: workingHours.staffId,
            weekday: workingHours.weekday,
            startTime: workingHours.startTime,
            endTime: workingHours.endTime,
            breaks: workingHours.breaks,
            validFrom: workingHours.validFrom,
            validTo: workingHours.validTo,
          })
          .from(workingHours)
          .where(and(anyUuid(workingHours.staffId, staffIds), eq(workingHours.branchId, setup.branchId))),
        tx
          .select({ staffId: staffAbsences.staffId, startsAt: staffAbsences.startsAt, endsAt: staffAbsences.endsAt })
          .from(staffAbsences)
          .where(and(anyUuid(staffAbsences.staffId, staffIds), lt(staffAbsences.startsAt, hi), gt(staffAbsences.endsAt, lo))),
        // Every active appointment of these staff members (at any branch: a person is in one place)
        // whose time widened by its own service's buffers reaches into [busyFrom, busyTo): one row
        // per staff member with the intervals as epoch-millisecond arrays (a busy week of a large
        // branch is thousands of appointments; rows of their own would cost more to decode than the
        // engine takes to compute). The start range is what makes it an index range scan instead
        // of a walk through each staff member's history: an appointment lasts at most a day, a
        // buffer is at most a day (migration 0026).
        tx
          .select({
            staffId: appointments.staffId,
            starts: sql<number[]>`array_agg(round(extract(epoch from ${appointments.startsAt} - make_interval(mins => ${services.bufferBeforeMinutes})) * 1000)::float8 order by ${appointments.startsAt})`.mapWith(epochMillis),
            ends: sql<number[]>`array_agg(round(extract(epoch from ${appointments.endsAt} + make_interval(mins => ${services.bufferAfterMinutes})) * 1000)::float8 order by ${appointments.startsAt})`.mapWith(epochMillis),
          })
          .from(appointments)
          .innerJoin(services, and(eq(services.companyId, appointments.companyId), eq(services.id, appointments.serviceId)))
          .where(
            and(
              anyUuid(appointments.staffId, staffIds),
              inArray(appointments.status, [...ACTIVE_APPOINTMENT_STATUSES]),
              isNull(appointments.deletedAt),
              gt(appointments.startsAt, new Date(busyFrom - MAX_BUFFER - MAX_APPOINTMENT)),
              lt(appointments.startsAt, new Date(busyTo + MAX_BUFFER)),
              gt(appointments.endsAt, new Date(busyFrom - MAX_BUFFER)),
              sql`${appointments.startsAt} - make_interval(mins => ${services.bufferBeforeMinutes}) < ${new Date(busyTo).toISOString()}::timestamptz`,
              sql`${appointments.endsAt} + make_interval(mins => ${services.bufferAfterMinutes}) > ${new Date(busyFrom).toISOString()}::timestamptz`,
              setup.excludeAppointmentId ? ne(appointments.id, setup.excludeAppointmentId) : undefined,
            ),
          )
          .groupBy(appointments.staffId),
        tx
          .select({ date: branchClosures.date })
          .from(branchClosures)
          .where(
            and(
              eq(branchClosures.branchId, setup.branchId),
              // ISO text, not a Date: postgres.js cannot bind a bare Date inside sql``.
              sql`${branchClosures.date} between (${lo.toISOString()}::timestamptz at time zone ${setup.branch.timeZone})::date
                                           and (${hi.toISOString()}::timestamptz at time zone ${setup.branch.timeZone})::date`,
            ),
          ),
      ])
    : [[], [], [], []];

  const hoursOf = groupByStaff(hours);
  const absencesOf = groupByStaff(absences);
  const busyOf = new Map(
    busy.map((b) => [b.staffId, b.starts.map((start, i) => ({ startsAt: new Date(start), endsAt: new Date(b.ends[i]!) }))]),
  );
  const schedules: StaffSchedule[] = setup.eligible.map((e) => ({
    staffId: e.staffId,
    durationMinutes: e.durationMinutes,
    workingHours: hoursOf.get(e.staffId) ?? [],
    absences: absencesOf.get(e.staffId) ?? [],
    busy: busyOf.get(e.staffId) ?? [],
  }));

  return {
    timeZone: setup.branch.timeZone,
    from: window.from,
    to: window.to,
    now: window.now ?? new Date(),
    stepMinutes: setup.stepMinutes ?? branchStep(setup.branch.settings),
    service: setup.service,
    openingHours: setup.branch.openingHours,
    closedDates: closures.map((c) => c.date),
    staff: schedules,
  };
}

function groupByStaff<T extends { staffId: string }>(rows: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(row.staffId);
    if (group) group.push(row);
    else groups.set(row.staffId, [row]);
  }
  return groups;
}

/** A float8[] of epoch milliseconds as numbers, whether the driver parsed the array or not. */
function epochMillis(value: unknown): number[] {
  const items = typeof value === "string" ? (value === "{}" ? [] : value.slice(1, -1).split(",")) : (value as unknown[]);
  return items.map(Number);
}

/** settings.slotStepMinutes of the branch when it is one of the allowed steps. */
function branchStep(settings: Record<string, unknown>): SlotStep {
  const step = settings.slotStepMinutes;
  return (SLOT_STEPS as readonly unknown[]).includes(step) ? (step as SlotStep) : DEFAULT_SLOT_STEP;
}
