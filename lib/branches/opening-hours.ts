import { z } from "zod";
import type { OpeningHours, OpeningInterval } from "@/db/schema/companies";
import { clockTimeSchema } from "@/lib/forms/fields";

// A branch's weekly opening hours (branches.opening_hours): ISO weekday "1" (Monday) … "7"
// (Sunday) → local intervals "HH:MM"–"HH:MM" in the branch's time zone. The availability engine
// (lib/scheduling) reads them as they are stored, so this is where they are checked: each close
// after its open ("24:00" may close a day), at most MAX_INTERVALS per day, no two intervals of a
// day overlapping (touching is fine: 09:00–12:00 and 12:00–18:00). Field errors keep the
// submitted positions ("1.0.close"); what is stored is sorted, without empty days.
//
// Note the engine's rule: no interval on any day means "no restriction" (only working hours
// limit bookings), not "closed all week". The editor says so.

export const WEEKDAYS = ["1", "2", "3", "4", "5", "6", "7"] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const MAX_INTERVALS = 3;

const CLOCK = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

/** "09:30" → 570. */
export const minutesOfClock = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

const intervalSchema = z.object({ open: clockTimeSchema, close: clockTimeSchema }, { error: "openingHours" });

const daySchema = z
  .array(intervalSchema, { error: "openingHours" })
  .max(MAX_INTERVALS, { error: "tooManyIntervals" })
  .superRefine((intervals, ctx) => {
    const valid: { index: number; open: number; close: number }[] = [];
    intervals.forEach((interval, index) => {
      if (!CLOCK.test(interval?.open ?? "") || !CLOCK.test(interval?.close ?? "")) return;
      const open = minutesOfClock(interval.open);
      const close = minutesOfClock(interval.close);
      if (close <= open) {
        ctx.addIssue({ code: "custom", message: "endBeforeStart", path: [index, "close"] });
        return;
      }
      valid.push({ index, open, close });
    });
    // Sorted by open, an interval overlaps when it opens before the latest close so far; the
    // error goes to the later one in the list as the user sees it.
    valid.sort((a, b) => a.open - b.open || a.index - b.index);
    let latest: (typeof valid)[number] | undefined;
    for (const current of valid) {
      if (latest && current.open < latest.close) {
        ctx.addIssue({ code: "custom", message: "overlap", path: [Math.max(current.index, latest.index), "open"] });
      }
      if (!latest || current.close > latest.close) latest = current;
    }
  });

export const openingHoursSchema = z
  .partialRecord(z.enum(WEEKDAYS, { error: "weekday" }), daySchema, { error: "openingHours" })
  .transform((hours): OpeningHours => {
    const out: OpeningHours = {};
    for (const day of WEEKDAYS) {
      const intervals = hours[day];
      if (!intervals || intervals.length === 0) continue;
      out[day] = [...intervals]
        .sort((a, b) => minutesOfClock(a.open) - minutesOfClock(b.open))
        .map(({ open, close }): OpeningInterval => ({ open, close }));
    }
    return out;
  });

/** True when no day has an interval (the engine then does not restrict by opening hours). */
export const hasNoOpeningHours = (hours: OpeningHours) => WEEKDAYS.every((day) => !hours[day]?.length);

/** What a new branch starts with: Monday to Friday 09:00–18:00. */
export const DEFAULT_OPENING_HOURS: OpeningHours = Object.fromEntries(
  WEEKDAYS.slice(0, 5).map((day) => [day, [{ open: "09:00", close: "18:00" }]]),
);
