import type { OpeningHours } from "@/db/schema/companies";
import { containing, type Interval, intersect, normalize, subtract } from "./intervals";
import { localDatesBetween, localDay, localInterval, minutesOf } from "./local-time";

// The availability engine: free slots for one service at one branch, per eligible staff member,
// inside a window — from working hours (with breaks and validity ranges), the branch's opening
// hours and closing days, absences, existing appointments, the service's duration and buffers,
// minimum notice and a slot step. Local rules (working hours, breaks, opening hours, closing
// days, the slot grid) are read in the branch's time zone; everything else is instants, and so
// is the answer. Pure: lib/scheduling/load.ts reads the inputs from the database.
//
// A slot starting at t is free for a staff member when the whole block
// [t − buffer before, t + duration + buffer after) lies in their free time: working hours minus
// breaks, minus absences, minus the busy time of their active appointments (each already widened
// by its own service's buffers), inside opening hours, not on a closing day. Slot starts lie on
// the local grid of the step (minute of the local day divisible by it: 09:00, 09:15, …) and at
// or after now + minimum notice.

const MINUTE = 60_000;

/** Steps that divide a day, so the local grid is the same every day. */
export const SLOT_STEPS = [5, 10, 15, 20, 30, 60] as const;
export type SlotStep = (typeof SLOT_STEPS)[number];

export type WorkingHoursRule = {
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number;
  startTime: string;
  endTime: string;
  breaks: readonly { start: string; end: string }[];
  /** Local dates, inclusive; validTo null = open-ended. */
  validFrom: string;
  validTo: string | null;
};

export type StaffSchedule = {
  staffId: string;
  /** The staff member's own duration for the service (staff_services), else the service's. */
  durationMinutes?: number | null;
  workingHours: readonly WorkingHoursRule[];
  absences: readonly { startsAt: Date; endsAt: Date }[];
  /** Active appointments, each as [start − its buffer before, end + its buffer after). */
  busy: readonly { startsAt: Date; endsAt: Date }[];
};

export type AvailabilityRequest = {
  timeZone: string;
  /** Slot starts in [from, to). */
  from: Date;
  to: Date;
  now: Date;
  stepMinutes: SlotStep;
  service: { durationMinutes: number; bufferBeforeMinutes: number; bufferAfterMinutes: number; minNoticeMinutes: number };
  /** Empty = no restriction; otherwise a weekday without intervals is closed. */
  openingHours?: OpeningHours;
  /** Local dates the branch is closed (holidays). */
  closedDates?: readonly string[];
  /** Only the staff who may perform the service at the branch. */
  staff: readonly StaffSchedule[];
};

export type Slot = { staffId: string; startsAt: Date; endsAt: Date };

/**
 * Free slots of every staff member, ordered by start, then staff id. With `distinctStarts`, one
 * slot per start time — that of the first staff member (by id) free then — without building the
 * others (a branch with many staff has tens of thousands of slots a week, and an agent offering
 * times only needs the distinct ones).
 */
export function findSlots(request: AvailabilityRequest, options: { distinctStarts?: boolean } = {}): Slot[] {
  const from = request.from.getTime();
  const to = request.to.getTime();
  if (!(to > from)) return [];
  const earliest = Math.max(from, request.now.getTime() + request.service.minNoticeMinutes * MINUTE);
  const before = request.service.bufferBeforeMinutes * MINUTE;
  const after = request.service.bufferAfterMinutes * MINUTE;
  const step = request.stepMinutes * MINUTE;
  // Blocks may reach before `from` (buffer) and past `to` (duration): look a day further each way.
  const dates = localDatesBetween(request.timeZone, from - 86_400_000, to + 86_400_000);
  const closed = new Set(request.closedDates ?? []);
  const opening = openingTime(request, dates, closed);

  // The constant-offset pieces of those days, once per request (not per free interval: the zone's
  // offset lookups are the engine's most expensive step).
  const pieces = dates.flatMap((date) => localDay(request.timeZone, date).segments);

  const slots: Slot[] = [];
  const byStart = options.distinctStarts ? new Map<number, Slot>() : null;
  for (const member of request.staff) {
    const duration = (member.durationMinutes ?? request.service.durationMinutes) * MINUTE;
    const { free } = staffTime(request, member, dates, closed, opening);
    for (const [start, end] of free) {
      // Grid instants inside this free interval, per constant-offset piece of it.
      for (const segment of pieces) {
        if (segment.end <= start) continue;
        if (segment.start >= end) break;
        const pieceStart = Math.max(start, segment.start);
        const pieceEnd = Math.min(end, segment.end);
        const offset = segment.offsetMinutes * MINUTE;
        const first = Math.max(pieceStart, start + before, earliest);
        let t = Math.ceil((first + offset) / step) * step - offset;
        for (; t < pieceEnd && t < to; t += step) {
          if (containing(free, t - before, t + duration + after) === -1) continue;
          if (byStart) {
            const held = byStart.get(t);
            if (held && held.staffId < member.staffId) continue;
            byStart.set(t, { staffId: member.staffId, startsAt: new Date(t), endsAt: new Date(t + duration) });
            continue;
          }
          slots.push({ staffId: member.staffId, startsAt: new Date(t), endsAt: new Date(t + duration) });
        }
      }
    }
  }
  if (byStart) slots.push(...byStart.values());
  return slots.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || (a.staffId < b.staffId ? -1 : a.staffId > b.staffId ? 1 : 0));
}

/** Why a given start is not bookable for a staff member (see checkStart). */
export type StartProblem =
  | { reason: "outside_working_hours" }
  | { reason: "branch_closed" }
  | { reason: "staff_absent" }
  | { reason: "slot_taken"; clash: { startsAt: Date; endsAt: Date } }
  | { reason: "too_short_notice"; earliest: Date };

/**
 * Whether one staff member can take the service at exactly `startsAt` (any minute, not only the
 * grid: an operator may book 10:05). The same rule as findSlots — the whole block with buffers in
 * free time — and, when it fails, the first reason in the order an operator would fix it.
 */
export function checkStart(
  request: AvailabilityRequest,
  staffId: string,
  startsAt: Date,
  options: { enforceNotice?: boolean } = {},
): { ok: true; endsAt: Date } | ({ ok: false } & StartProblem) {
  const member = request.staff.find((s) => s.staffId === staffId);
  const duration = ((member?.durationMinutes ?? null) ?? request.service.durationMinutes) * MINUTE;
  const t = startsAt.getTime();
  const block: [number, number] = [t - request.service.bufferBeforeMinutes * MINUTE, t + duration + request.service.bufferAfterMinutes * MINUTE];
  if (options.enforceNotice !== false) {
    const earliest = request.now.getTime() + request.service.minNoticeMinutes * MINUTE;
    if (t < earliest) return { ok: false, reason: "too_short_notice", earliest: new Date(earliest) };
  }
  if (!member) return { ok: false, reason: "outside_working_hours" };
  const dates = localDatesBetween(request.timeZone, block[0] - 86_400_000, block[1] + 86_400_000);
  const closed = new Set(request.closedDates ?? []);
  const opening = openingTime(request, dates, closed);
  const time = staffTime(request, member, dates, closed, opening);
  if (containing(time.free, block[0], block[1]) !== -1) return { ok: true, endsAt: new Date(t + duration) };
  const overlaps = (b: { startsAt: Date; endsAt: Date }) => b.startsAt.getTime() < block[1] && block[0] < b.endsAt.getTime();
  const clash = member.busy.find(overlaps);
  if (clash) return { ok: false, reason: "slot_taken", clash: { startsAt: clash.startsAt, endsAt: clash.endsAt } };
  if (member.absences.some(overlaps)) return { ok: false, reason: "staff_absent" };
  const withoutClosures = staffTime(request, member, dates, new Set(), openingTime(request, dates, new Set()));
  if (containing(withoutClosures.available, block[0], block[1]) !== -1) return { ok: false, reason: "branch_closed" };
  return { ok: false, reason: "outside_working_hours" };
}

/** One staff member's time: available (working ∩ opening, minus closed days) and free (minus busy and absences). */
function staffTime(
  request: AvailabilityRequest,
  member: StaffSchedule,
  dates: readonly string[],
  closed: ReadonlySet<string>,
  opening: Interval[] | null,
) {
  const working = workingTime(request.timeZone, member.workingHours, dates, closed);
  const available = opening ? intersect(working, opening) : working;
  const free = subtract(
    available,
    normalize([...member.absences, ...member.busy].map((b) => [b.startsAt.getTime(), b.endsAt.getTime()] as const)),
  );
  return { available, free };
}

/** The earliest free slot (any eligible staff member), or null within the window. */
export function nextFreeSlot(request: AvailabilityRequest): Slot | null {
  return findSlots(request)[0] ?? null;
}

function workingTime(timeZone: string, rules: readonly WorkingHoursRule[], dates: readonly string[], closed: ReadonlySet<string>) {
  const parts: Interval[] = [];
  for (const date of dates) {
    if (closed.has(date)) continue;
    const day = localDay(timeZone, date);
    for (const rule of rules) {
      if (rule.weekday !== day.weekday || date < rule.validFrom || (rule.validTo !== null && date > rule.validTo)) continue;
      const shift = normalize(localInterval(day, minutesOf(rule.startTime), minutesOf(rule.endTime)));
      const breaks = normalize(rule.breaks.flatMap((b) => localInterval(day, minutesOf(b.start), minutesOf(b.end))));
      parts.push(...subtract(shift, breaks));
    }
  }
  return normalize(parts);
}

function openingTime(request: AvailabilityRequest, dates: readonly string[], closed: ReadonlySet<string>): Interval[] | null {
  const hours = request.openingHours ?? {};
  if (!Object.values(hours).some((intervals) => intervals && intervals.length > 0)) return null;
  const parts: Interval[] = [];
  for (const date of dates) {
    if (closed.has(date)) continue;
    const day = localDay(request.timeZone, date);
    const key = String(day.weekday) as keyof OpeningHours;
    for (const interval of hours[key] ?? []) {
      parts.push(...localInterval(day, minutesOf(interval.open), minutesOf(interval.close)));
    }
  }
  return normalize(parts);
}
