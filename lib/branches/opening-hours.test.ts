import { describe, expect, it } from "vitest";
import { fieldErrorsOf } from "@/lib/forms/form-state";
import { DEFAULT_OPENING_HOURS, hasNoOpeningHours, openingHoursSchema } from "./opening-hours";

// The opening-hours rules on their own (no database).

const errorsOf = (value: unknown) => {
  const result = openingHoursSchema.safeParse(value);
  return result.success ? null : fieldErrorsOf(result.error);
};

describe("openingHoursSchema", () => {
  it("stores sorted intervals without empty days; touching intervals and 24:00 are fine", () => {
    const result = openingHoursSchema.parse({
      "1": [
        { open: "14:00", close: "24:00" },
        { open: "09:00", close: "14:00" },
      ],
      "2": [],
      "6": [{ open: "10:00", close: "14:00" }],
    });
    expect(result).toEqual({
      "1": [
        { open: "09:00", close: "14:00" },
        { open: "14:00", close: "24:00" },
      ],
      "6": [{ open: "10:00", close: "14:00" }],
    });
    expect(hasNoOpeningHours(openingHoursSchema.parse({ "3": [] }))).toBe(true);
    expect(hasNoOpeningHours(DEFAULT_OPENING_HOURS)).toBe(false);
  });

  it("refuses a close before or at its open, at the interval's close", () => {
    expect(errorsOf({ "1": [{ open: "10:00", close: "09:00" }] })).toEqual({ "1.0.close": "endBeforeStart" });
    expect(errorsOf({ "2": [{ open: "09:00", close: "18:00" }, { open: "19:00", close: "19:00" }] })).toEqual({ "2.1.close": "endBeforeStart" });
  });

  it("refuses overlapping intervals of one day at the later interval, whatever the order", () => {
    expect(errorsOf({ "3": [{ open: "09:00", close: "13:00" }, { open: "12:00", close: "18:00" }] })).toEqual({ "3.1.open": "overlap" });
    expect(errorsOf({ "3": [{ open: "12:00", close: "18:00" }, { open: "09:00", close: "13:00" }] })).toEqual({ "3.1.open": "overlap" });
    // Contained in an earlier, longer interval.
    expect(errorsOf({ "4": [{ open: "08:00", close: "20:00" }, { open: "12:00", close: "13:00" }, { open: "14:00", close: "15:00" }] })).toEqual({
      "4.1.open": "overlap",
      "4.2.open": "overlap",
    });
    // The same hours on different days do not overlap.
    expect(errorsOf({ "1": [{ open: "09:00", close: "18:00" }], "2": [{ open: "09:00", close: "18:00" }] })).toBeNull();
  });

  it("allows at most three intervals a day", () => {
    const four = ["08", "10", "12", "14"].map((h) => ({ open: `${h}:00`, close: `${h}:30` }));
    expect(errorsOf({ "5": four })).toEqual({ "5": "tooManyIntervals" });
    expect(errorsOf({ "5": four.slice(0, 3) })).toBeNull();
  });

  it("refuses malformed times, unknown weekdays and other shapes", () => {
    expect(errorsOf({ "1": [{ open: "9:00", close: "25:00" }] })).toEqual({ "1.0.open": "time", "1.0.close": "time" });
    expect(errorsOf({ "1": [{ open: "24:00", close: "24:00" }] })).toEqual({ "1.0.close": "endBeforeStart" });
    expect(errorsOf({ "8": [] })).not.toBeNull();
    expect(errorsOf("Mo–Fr 9–18")).toEqual({ _form: "openingHours" });
    expect(errorsOf({ "1": "09:00-18:00" })).toEqual({ "1": "openingHours" });
  });
});
