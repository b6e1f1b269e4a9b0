import type { AppointmentSource, AppointmentStatus, NewAppointment } from "@/db/schema";
import { newId } from "@/db/schema/_columns";
import { CANCELLATION_REASONS } from "./names";
import type { Rng } from "./random";
import { localDay, localInstant, type LocalDay, minuteOnDay, type MinuteRange, subtractRanges } from "./time";
import type { PlannedCustomer, PlannedService, PlannedShift, StaffPlan } from "./world";

// Fills each staff member's calendar day by day: only inside their working hours in the branch's
// zone, around breaks and absences, one appointment after another (so never overlapping), with
// the service's buffers kept free before and after. Statuses follow the clock: what is over is
// mostly completed, what lies ahead is booked or confirmed.

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const GRID = 15;

export type AppointmentRow = NewAppointment & { id: string };
export type AppointmentNoteRow = { id: string; companyId: string; appointmentId: string; authorUserId: string | null; body: string; createdAt: Date };

export type GenerateInput = {
  companyId: string;
  staff: StaffPlan[];
  customers: PlannedCustomer[];
  sources: Record<Exclude<AppointmentSource, "calcom">, number>;
  bookingNotes: string[];
  internalNotes: string[];
  noteAuthorId: string | null;
  now: Date;
  rng: Rng;
  pastDays?: number;
  futureDays?: number;
};

export function generateAppointments(input: GenerateInput): { appointments: AppointmentRow[]; notes: AppointmentNoteRow[] } {
  const { now, rng } = input;
  const pastDays = input.pastDays ?? 28;
  const futureDays = input.futureDays ?? 21;
  const appointments: AppointmentRow[] = [];
  const notes: AppointmentNoteRow[] = [];
  const customerBusy = new Map<string, { start: number; end: number }[]>();
  const sources = Object.entries(input.sources) as [Exclude<AppointmentSource, "calcom">, number][];

  const isFree = (customerId: string, start: Date, end: Date) =>
    !(customerBusy.get(customerId) ?? []).some((b) => b.start < end.getTime() && start.getTime() < b.end);

  const pickCustomer = (staffId: string, service: PlannedService, start: Date, end: Date) => {
    for (let attempt = 0; attempt < 6; attempt++) {
      const ownRegulars = rng.chance(0.6);
      const candidate = rng.weighted(input.customers, (c) => {
        let w = c.weight;
        if (ownRegulars && c.preferredStaffId !== staffId) w *= 0.1;
        if (service.audience && c.gender !== service.audience) w *= 0.08;
        return w;
      });
      if (isFree(candidate.id, start, end)) return candidate;
    }
    return null;
  };

  const book = (plan: StaffPlan, shift: PlannedShift, service: PlannedService, customer: PlannedCustomer, startsAt: Date, endsAt: Date, earliestCreatedAt: number) => {
    let source = rng.weighted(sources, ([, weight]) => weight)[0];
    if (source === "online" && !service.bookableOnline) source = "phone";
    // Booked at least min-notice ahead, at the latest a moment ago.
    const latest = Math.min(startsAt.getTime() - service.minNotice * MINUTE, now.getTime() - rng.int(1, 240) * MINUTE);
    const leadDays = rng.chance(0.5) ? rng.next() * 4 : 4 + rng.next() * 24;
    const createdAt = new Date(Math.max(earliestCreatedAt, Math.min(latest, startsAt.getTime() - service.minNotice * MINUTE - leadDays * DAY)));
    if (createdAt.getTime() > latest) return null;
    const status = pickStatus(rng, startsAt, endsAt, now, source, earliestCreatedAt > 0);
    const row: AppointmentRow = {
      id: newId(),
      companyId: input.companyId,
      branchId: shift.branchId,
      staffId: plan.staffId,
      serviceId: service.serviceId,
      customerId: customer.id,
      startsAt,
      endsAt,
      status,
      source,
      priceCents: service.priceCents,
      currency: "EUR",
      notes: rng.chance(0.07) ? rng.pick(input.bookingNotes) : null,
      createdAt,
      updatedAt: createdAt,
    };
    const settledAt = Math.min(now.getTime(), startsAt.getTime());
    if (status === "cancelled") {
      row.cancelledAt = new Date(createdAt.getTime() + rng.next() * (settledAt - createdAt.getTime()));
      row.cancellationReason = rng.pick(CANCELLATION_REASONS);
      row.updatedAt = row.cancelledAt;
    } else if (status === "completed" || status === "no_show") {
      row.updatedAt = new Date(Math.min(now.getTime(), endsAt.getTime() + rng.int(2, 90) * MINUTE));
    } else if (status === "confirmed") {
      row.updatedAt = new Date(createdAt.getTime() + rng.next() * (settledAt - createdAt.getTime()));
    }
    appointments.push(row);
    if (status !== "cancelled") {
      const busy = customerBusy.get(customer.id) ?? [];
      busy.push({ start: startsAt.getTime(), end: endsAt.getTime() });
      customerBusy.set(customer.id, busy);
    }
    if (status === "completed" && rng.chance(0.04)) {
      notes.push({
        id: newId(),
        companyId: input.companyId,
        appointmentId: row.id,
        authorUserId: input.noteAuthorId,
        body: rng.pick(input.internalNotes),
        createdAt: new Date(Math.min(now.getTime(), endsAt.getTime() + rng.int(1, 30) * MINUTE)),
      });
    }
    return row;
  };

  for (let offset = -pastDays; offset <= futureDays; offset++) {
    for (const plan of input.staff) {
      for (const shift of plan.shifts) {
        const day = localDay(now, shift.timeZone, offset);
        if (day.weekday !== shift.weekday) continue;
        const fill = fillRate(offset, day.weekday);
        for (const range of freeRanges(day, shift, plan)) {
          let cursor = range.start;
          while (cursor < range.end) {
            if (!rng.chance(fill)) {
              cursor += rng.pick([15, 30, 30, 45, 60]);
              continue;
            }
            const fits = (s: PlannedService) => alignUp(cursor + s.bufferBefore) + s.duration + s.bufferAfter <= range.end;
            const candidates = plan.services.filter(fits);
            if (candidates.length === 0) break;
            const service = rng.weighted(candidates, (s) => s.weight);
            const start = alignUp(cursor + service.bufferBefore);
            const startsAt = localInstant(day, start, shift.timeZone);
            const endsAt = localInstant(day, start + service.duration, shift.timeZone);
            const customer = pickCustomer(plan.staffId, service, startsAt, endsAt);
            if (!customer) {
              cursor += GRID;
              continue;
            }
            const row = book(plan, shift, service, customer, startsAt, endsAt, 0);
            // A slot freed by a cancellation is often taken again by someone else.
            if (row?.status === "cancelled" && row.cancelledAt && rng.chance(0.4)) {
              const other = pickCustomer(plan.staffId, service, startsAt, endsAt);
              if (other && other.id !== customer.id) book(plan, shift, service, other, startsAt, endsAt, row.cancelledAt.getTime() + MINUTE);
            }
            cursor = start + service.duration + service.bufferAfter;
          }
        }
      }
    }
  }
  return { appointments, notes };
}

const alignUp = (minute: number) => Math.ceil(minute / GRID) * GRID;

/** How full a day's calendar is: the past was busy, the far future is still filling up. */
function fillRate(offset: number, weekday: number): number {
  const base = offset <= 0 ? 0.78 : offset < 7 ? 0.72 - offset * 0.03 : offset < 14 ? 0.42 : 0.22;
  return Math.min(0.92, weekday === 6 ? base + 0.1 : base);
}

/** Working time of one shift on one day, less its breaks and any absence touching the day. */
function freeRanges(day: LocalDay, shift: PlannedShift, plan: StaffPlan): MinuteRange[] {
  const blocked = plan.absences.map((a) => ({
    start: minuteOnDay(day, a.startsAt, shift.timeZone),
    end: minuteOnDay(day, a.endsAt, shift.timeZone),
  }));
  return subtractRanges([{ start: shift.start, end: shift.end }], [...shift.breaks, ...blocked]);
}

function pickStatus(rng: Rng, startsAt: Date, endsAt: Date, now: Date, source: AppointmentSource, isRebooking: boolean): AppointmentStatus {
  const r = rng.next();
  if (endsAt.getTime() <= now.getTime()) {
    if (isRebooking) return r < 0.93 ? "completed" : "no_show";
    return r < 0.84 ? "completed" : r < 0.9 ? "no_show" : "cancelled";
  }
  if (startsAt.getTime() <= now.getTime()) return r < 0.7 ? "confirmed" : "booked";
  if (!isRebooking && r < 0.07) return "cancelled";
  if (source === "online" && r > 0.93) return "pending";
  const soon = startsAt.getTime() - now.getTime() < 2 * DAY;
  return rng.chance(soon ? 0.7 : 0.2) ? "confirmed" : "booked";
}
