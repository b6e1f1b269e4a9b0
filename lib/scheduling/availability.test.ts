import { TZDate } from "@date-fns/tz";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { OpeningHours } from "@/db/schema/companies";
import { type AvailabilityRequest, findSlots, SLOT_STEPS, type StaffSchedule, type WorkingHoursRule } from "./availability";

const MINUTE = 60_000;
const at = (iso: string) => new Date(iso);
const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

function weekdays(rule: Omit<WorkingHoursRule, "weekday">, days = [1, 2, 3, 4, 5]): WorkingHoursRule[] {
  return days.map((weekday) => ({ ...rule, weekday }));
}

const nineToSix = weekdays({ startTime: "09:00", endTime: "18:00", breaks: [{ start: "12:00", end: "13:00" }], validFrom: "2000-01-01", validTo: null });

function request(overrides: Partial<AvailabilityRequest> = {}): AvailabilityRequest {
  return {
    timeZone: "Europe/Berlin",
    from: at("2026-11-30T00:00:00+01:00"),
    to: at("2026-12-01T00:00:00+01:00"),
    now: at("2026-01-01T00:00:00Z"),
    stepMinutes: 30,
    service: { durationMinutes: 60, bufferBeforeMinutes: 0, bufferAfterMinutes: 0, minNoticeMinutes: 0 },
    staff: [{ staffId: "s1", workingHours: nineToSix, absences: [], busy: [] }],
    ...overrides,
  };
}

const localTimes = (slots: { startsAt: Date }[], timeZone = "Europe/Berlin") =>
  slots.map((s) => {
    const d = new TZDate(s.startsAt.getTime(), timeZone);
    return `${hhmm(d.getHours() * 60 + d.getMinutes())}`;
  });

describe("availability engine: examples", () => {
  it("a Monday 09:00–18:00 with a lunch break, a 60-minute service on a 30-minute grid", () => {
    expect(localTimes(findSlots(request()))).toEqual([
      "09:00", "09:30", "10:00", "10:30", "11:00",
      "13:00", "13:30", "14:00", "14:30", "15:00", "15:30", "16:00", "16:30", "17:00",
    ]);
  });

  it("returns instants: 09:00 in Berlin is 08:00Z in winter and 07:00Z in summer", () => {
    const winter = findSlots(request())[0]!;
    expect(winter.startsAt.toISOString()).toBe("2026-11-30T08:00:00.000Z");
    expect(winter.endsAt.toISOString()).toBe("2026-11-30T09:00:00.000Z");
    const summer = findSlots(request({ from: at("2026-06-01T00:00:00+02:00"), to: at("2026-06-02T00:00:00+02:00") }))[0]!;
    expect(summer.startsAt.toISOString()).toBe("2026-06-01T07:00:00.000Z");
  });

  it("an existing appointment, an absence, buffers and minimum notice take their time away", () => {
    const slots = findSlots(
      request({
        now: at("2026-11-30T09:10:00+01:00"),
        service: { durationMinutes: 60, bufferBeforeMinutes: 15, bufferAfterMinutes: 15, minNoticeMinutes: 60 },
        staff: [
          {
            staffId: "s1",
            workingHours: nineToSix,
            busy: [{ startsAt: at("2026-11-30T14:00:00+01:00"), endsAt: at("2026-11-30T15:00:00+01:00") }],
            absences: [{ startsAt: at("2026-11-30T16:30:00+01:00"), endsAt: at("2026-12-05T00:00:00+01:00") }],
          },
        ],
      }),
    );
    // Earliest 10:10 (notice). Each block is start − 15 … start + 75 min. Morning 09:00–12:00: starts
    // 09:15…10:45, on the grid and after 10:10: 10:30. 13:00–14:00 (appointment at 14:00) is too
    // short; 15:00–16:30 (absence from 16:30) fits only 15:15, which is off the 30-minute grid.
    expect(localTimes(slots)).toEqual(["10:30"]);
  });

  it("the branch's closing days and opening hours close what working hours would open", () => {
    const openingHours: OpeningHours = { "1": [{ open: "10:00", close: "14:00" }] };
    expect(localTimes(findSlots(request({ openingHours })))).toEqual(["10:00", "10:30", "11:00", "13:00"]);
    expect(findSlots(request({ closedDates: ["2026-11-30"] }))).toEqual([]);
  });

  it("a staff member's own duration for the service wins over the service's", () => {
    const slots = findSlots(request({ staff: [{ staffId: "s1", durationMinutes: 180, workingHours: nineToSix, absences: [], busy: [] }] }));
    expect(localTimes(slots)).toEqual(["09:00", "13:00", "13:30", "14:00", "14:30", "15:00"]);
    expect(slots[0]!.endsAt.getTime() - slots[0]!.startsAt.getTime()).toBe(180 * MINUTE);
  });

  it("validity ranges decide which working hours apply on a date", () => {
    const rules = [
      ...weekdays({ startTime: "09:00", endTime: "10:00", breaks: [], validFrom: "2026-01-01", validTo: "2026-11-29" }),
      ...weekdays({ startTime: "15:00", endTime: "16:00", breaks: [], validFrom: "2026-11-30", validTo: null }),
    ];
    expect(localTimes(findSlots(request({ staff: [{ staffId: "s1", workingHours: rules, absences: [], busy: [] }] })))).toEqual(["15:00"]);
  });

  it("several staff members: ordered by time, then staff id", () => {
    const slots = findSlots(
      request({
        staff: [
          { staffId: "b", workingHours: weekdays({ startTime: "09:00", endTime: "10:00", breaks: [], validFrom: "2000-01-01", validTo: null }), absences: [], busy: [] },
          { staffId: "a", workingHours: weekdays({ startTime: "09:00", endTime: "10:30", breaks: [], validFrom: "2000-01-01", validTo: null }), absences: [], busy: [] },
        ],
      }),
    );
    expect(slots.map((s) => `${s.staffId}@${localTimes([s])[0]}`)).toEqual(["a@09:00", "b@09:00", "a@09:30"]);
  });

  it("the night of the March switch: 01:00–04:00 holds two real hours, 02:xx does not exist", () => {
    const rules = weekdays({ startTime: "01:00", endTime: "04:00", breaks: [], validFrom: "2000-01-01", validTo: null }, [7]);
    const slots = findSlots(
      request({
        from: at("2026-03-29T00:00:00+01:00"),
        to: at("2026-03-30T00:00:00+02:00"),
        stepMinutes: 60,
        service: { durationMinutes: 60, bufferBeforeMinutes: 0, bufferAfterMinutes: 0, minNoticeMinutes: 0 },
        staff: [{ staffId: "s1", workingHours: rules, absences: [], busy: [] }],
      }),
    );
    expect(slots.map((s) => s.startsAt.toISOString())).toEqual(["2026-03-29T00:00:00.000Z", "2026-03-29T01:00:00.000Z"]);
  });

  it("the night of the October switch: 01:00–04:00 holds four real hours, 02:00 comes twice", () => {
    const rules = weekdays({ startTime: "01:00", endTime: "04:00", breaks: [], validFrom: "2000-01-01", validTo: null }, [7]);
    const slots = findSlots(
      request({
        from: at("2026-10-25T00:00:00+02:00"),
        to: at("2026-10-26T00:00:00+01:00"),
        stepMinutes: 60,
        staff: [{ staffId: "s1", workingHours: rules, absences: [], busy: [] }],
      }),
    );
    expect(slots.map((s) => s.startsAt.toISOString())).toEqual([
      "2026-10-24T23:00:00.000Z",
      "2026-10-25T00:00:00.000Z",
      "2026-10-25T01:00:00.000Z",
      "2026-10-25T02:00:00.000Z",
    ]);
  });

  it("a buffer may reach back across the October switch (02:00 the second time is a slot)", () => {
    const rules = weekdays({ startTime: "01:00", endTime: "04:00", breaks: [], validFrom: "2000-01-01", validTo: null }, [7]);
    const slots = findSlots(
      request({
        from: at("2026-10-25T00:00:00+02:00"),
        to: at("2026-10-26T00:00:00+01:00"),
        stepMinutes: 60,
        service: { durationMinutes: 60, bufferBeforeMinutes: 15, bufferAfterMinutes: 0, minNoticeMinutes: 0 },
        staff: [{ staffId: "s1", workingHours: rules, absences: [], busy: [] }],
      }),
    );
    expect(slots.map((s) => s.startsAt.toISOString())).toEqual([
      "2026-10-25T00:00:00.000Z",
      "2026-10-25T01:00:00.000Z",
      "2026-10-25T02:00:00.000Z",
    ]);
  });

  it("an empty or inverted window has no slots", () => {
    expect(findSlots(request({ to: at("2026-11-30T00:00:00+01:00") }))).toEqual([]);
    expect(findSlots(request({ staff: [] }))).toEqual([]);
  });
});

// --- properties: the engine equals a minute-by-minute oracle --------------------------------
// The oracle reads every minute's local wall clock with TZDate (instant → local, never the other
// way) and asks the rules directly; a slot is free when every minute of its block is. Equality
// means both: no returned slot overlaps a busy interval or leaves working hours, and no free
// stretch long enough for a block is missed.

type Case = { request: AvailabilityRequest };

function oracle(req: AvailabilityRequest): string[] {
  const from = req.from.getTime();
  const to = req.to.getTime();
  const before = req.service.bufferBeforeMinutes;
  const after = req.service.bufferAfterMinutes;
  const lo = from - (before + 2) * MINUTE;
  const earliest = Math.max(from, req.now.getTime() + req.service.minNoticeMinutes * MINUTE);
  const out: string[] = [];
  const opening = req.openingHours ?? {};
  const restricted = Object.values(opening).some((x) => x && x.length > 0);
  const closed = new Set(req.closedDates ?? []);
  for (const member of req.staff) {
    const duration = member.durationMinutes ?? req.service.durationMinutes;
    const hi = to + (duration + after + 2) * MINUTE;
    const minutes = Math.round((hi - lo) / MINUTE);
    const free = new Uint8Array(minutes);
    for (let i = 0; i < minutes; i++) {
      const t = lo + i * MINUTE;
      const local = new TZDate(t, req.timeZone);
      const date = `${local.getFullYear()}-${String(local.getMonth() + 1).padStart(2, "0")}-${String(local.getDate()).padStart(2, "0")}`;
      const weekday = ((local.getDay() + 6) % 7) + 1;
      const minute = local.getHours() * 60 + local.getMinutes();
      const toMin = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));
      if (closed.has(date)) continue;
      if (restricted && !(opening[String(weekday) as keyof OpeningHours] ?? []).some((o) => minute >= toMin(o.open) && minute < toMin(o.close))) continue;
      const working = member.workingHours.some(
        (r) =>
          r.weekday === weekday &&
          date >= r.validFrom &&
          (r.validTo === null || date <= r.validTo) &&
          minute >= toMin(r.startTime) &&
          minute < toMin(r.endTime) &&
          !r.breaks.some((b) => minute >= toMin(b.start) && minute < toMin(b.end)),
      );
      if (!working) continue;
      const blocked = [...member.absences, ...member.busy].some((b) => t >= b.startsAt.getTime() && t < b.endsAt.getTime());
      if (!blocked) free[i] = 1;
    }
    const prefix = new Int32Array(minutes + 1);
    for (let i = 0; i < minutes; i++) prefix[i + 1] = prefix[i]! + free[i]!;
    for (let t = Math.ceil(earliest / MINUTE) * MINUTE; t < to; t += MINUTE) {
      const local = new TZDate(t, req.timeZone);
      if ((local.getHours() * 60 + local.getMinutes()) % req.stepMinutes !== 0) continue;
      const a = Math.round((t - before * MINUTE - lo) / MINUTE);
      const b = Math.round((t + (duration + after) * MINUTE - lo) / MINUTE);
      if (prefix[b]! - prefix[a]! === b - a) out.push(`${member.staffId}@${new Date(t).toISOString()}`);
    }
  }
  return out.sort();
}

const zones = ["Europe/Berlin", "Europe/Berlin", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "UTC"] as const;
// Windows around the Berlin switches (29 March and 25 October 2026) and ordinary days.
const anchors = ["2026-03-28T12:00:00Z", "2026-10-24T12:00:00Z", "2026-11-30T00:00:00Z", "2026-03-07T12:00:00Z", "2026-11-01T00:00:00Z"];

const time = (max = 1440) => fc.integer({ min: 0, max: max / 5 }).map((n) => n * 5);
const ruleArb: fc.Arbitrary<WorkingHoursRule> = fc
  .record({
    weekday: fc.integer({ min: 1, max: 7 }),
    a: time(1435),
    len: fc.integer({ min: 1, max: 200 }).map((n) => n * 5),
    breakAt: fc.option(fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 1, max: 12 })), { nil: undefined }),
    validFromDays: fc.integer({ min: -3, max: 2 }),
    validToDays: fc.option(fc.integer({ min: 0, max: 4 }), { nil: null }),
  })
  .map(({ weekday, a, len, breakAt, validFromDays, validToDays }) => {
    const end = Math.min(1440, a + len);
    const breaks = breakAt ? [{ start: hhmm(Math.min(end - 5, a + breakAt[0] * 5)), end: hhmm(Math.min(end, a + breakAt[0] * 5 + breakAt[1] * 5)) }] : [];
    const day = (offset: number) => new Date(Date.UTC(2026, 9, 24) + offset * 86_400_000).toISOString().slice(0, 10);
    return {
      weekday,
      startTime: hhmm(a),
      endTime: hhmm(Math.max(a + 5, end)),
      breaks: breaks.filter((b) => b.end > b.start),
      validFrom: validFromDays < -2 ? "2000-01-01" : day(validFromDays),
      validTo: validToDays === null ? null : day(validFromDays + validToDays + 400),
    };
  });

const caseArb: fc.Arbitrary<Case> = fc
  .record({
    zone: fc.constantFrom(...zones),
    anchor: fc.constantFrom(...anchors),
    startShiftMinutes: fc.integer({ min: -720, max: 720 }),
    lengthHours: fc.integer({ min: 1, max: 40 }),
    nowShiftMinutes: fc.integer({ min: -600, max: 1200 }),
    step: fc.constantFrom(...SLOT_STEPS),
    duration: fc.integer({ min: 1, max: 36 }).map((n) => n * 5),
    before: fc.constantFrom(0, 0, 5, 10, 15, 30),
    after: fc.constantFrom(0, 0, 5, 10, 15, 30),
    notice: fc.constantFrom(0, 0, 30, 120, 1440),
    opening: fc.option(fc.tuple(fc.integer({ min: 1, max: 7 }), time(720), time(720)), { nil: undefined }),
    closedOffset: fc.option(fc.integer({ min: -1, max: 2 }), { nil: undefined }),
    staff: fc.array(
      fc.record({
        rules: fc.array(ruleArb, { minLength: 1, maxLength: 8 }),
        own: fc.option(fc.integer({ min: 1, max: 24 }).map((n) => n * 5), { nil: null }),
        blocks: fc.array(fc.tuple(fc.integer({ min: -1500, max: 3000 }), fc.integer({ min: 1, max: 300 })), { maxLength: 6 }),
        absences: fc.array(fc.tuple(fc.integer({ min: -1500, max: 3000 }), fc.integer({ min: 1, max: 900 })), { maxLength: 2 }),
      }),
      { minLength: 1, maxLength: 3 },
    ),
  })
  .map((c) => {
    const base = new Date(c.anchor).getTime() + c.startShiftMinutes * MINUTE;
    const from = new Date(base);
    const to = new Date(base + c.lengthHours * 60 * MINUTE);
    const closedDates =
      c.closedOffset === undefined ? [] : [new Date(Date.UTC(2026, 9, 24) + c.closedOffset * 86_400_000).toISOString().slice(0, 10)];
    const openingHours: OpeningHours | undefined = c.opening
      ? { [String(c.opening[0])]: [{ open: hhmm(c.opening[1]), close: hhmm(Math.min(1440, c.opening[1] + c.opening[2] + 5)) }] }
      : undefined;
    const staff: StaffSchedule[] = c.staff.map((s, i) => ({
      staffId: `s${i}`,
      durationMinutes: s.own,
      workingHours: s.rules,
      busy: s.blocks.map(([m, len]) => ({ startsAt: new Date(base + m * MINUTE), endsAt: new Date(base + (m + len) * MINUTE) })),
      absences: s.absences.map(([m, len]) => ({ startsAt: new Date(base + m * MINUTE), endsAt: new Date(base + (m + len) * MINUTE) })),
    }));
    return {
      request: {
        timeZone: c.zone,
        from,
        to,
        now: new Date(base + c.nowShiftMinutes * MINUTE),
        stepMinutes: c.step,
        service: { durationMinutes: c.duration, bufferBeforeMinutes: c.before, bufferAfterMinutes: c.after, minNoticeMinutes: c.notice },
        openingHours,
        closedDates,
        staff,
      },
    };
  });

describe("availability engine: properties over random schedules and the DST switches", () => {
  it("returns exactly the grid starts whose whole block is free (minute-by-minute oracle)", () => {
    fc.assert(
      fc.property(caseArb, ({ request: req }) => {
        const got = findSlots(req).map((s) => `${s.staffId}@${s.startsAt.toISOString()}`).sort();
        expect(got).toEqual(oracle(req));
      }),
      { numRuns: 150 },
    );
  });

  it("distinctStarts: per start time exactly the first slot of the full list (same staff member, same end)", () => {
    fc.assert(
      fc.property(caseArb, ({ request: req }) => {
        const firstPerStart = new Map<number, string>();
        for (const s of findSlots(req)) if (!firstPerStart.has(s.startsAt.getTime())) firstPerStart.set(s.startsAt.getTime(), `${s.staffId}@${s.startsAt.toISOString()}–${s.endsAt.toISOString()}`);
        const distinct = findSlots(req, { distinctStarts: true }).map((s) => `${s.staffId}@${s.startsAt.toISOString()}–${s.endsAt.toISOString()}`);
        expect(distinct).toEqual([...firstPerStart.values()]);
      }),
      { numRuns: 150 },
    );
  });

  it("no returned slot overlaps a busy interval or an absence, or starts before the notice", () => {
    fc.assert(
      fc.property(caseArb, ({ request: req }) => {
        const earliest = req.now.getTime() + req.service.minNoticeMinutes * MINUTE;
        for (const slot of findSlots(req)) {
          const member = req.staff.find((s) => s.staffId === slot.staffId)!;
          const s = slot.startsAt.getTime() - req.service.bufferBeforeMinutes * MINUTE;
          const e = slot.endsAt.getTime() + req.service.bufferAfterMinutes * MINUTE;
          for (const b of [...member.busy, ...member.absences]) {
            expect(s < b.endsAt.getTime() && b.startsAt.getTime() < e).toBe(false);
          }
          expect(slot.startsAt.getTime()).toBeGreaterThanOrEqual(Math.max(earliest, req.from.getTime()));
          expect(slot.startsAt.getTime()).toBeLessThan(req.to.getTime());
        }
      }),
      { numRuns: 100 },
    );
  });
});
