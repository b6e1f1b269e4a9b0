import { describe, expect, it } from "vitest";
import { formatAppointmentWhen, formatLongDate, knownTimeZone } from "./format";

const berlin = { timeZone: "Europe/Berlin", companyTimeZone: "Europe/Berlin" };

describe("formatAppointmentWhen", () => {
  const now = new Date("2026-03-28T21:30:00Z"); // Saturday 22:30 in Berlin, the night of the DST switch

  it("says today and tomorrow by the branch's calendar, not UTC's", () => {
    const late = formatAppointmentWhen(new Date("2026-03-28T22:30:00Z"), new Date("2026-03-28T22:55:00Z"), {
      ...berlin,
      locale: "de-DE",
      now,
    });
    expect(late).toEqual({ day: { kind: "today" }, time: "23:30–23:55" });
    const sunday = formatAppointmentWhen(new Date("2026-03-29T08:00:00Z"), new Date("2026-03-29T08:45:00Z"), {
      ...berlin,
      locale: "de-DE",
      now,
    });
    expect(sunday).toEqual({ day: { kind: "tomorrow" }, time: "10:00–10:45" }); // CEST from 02:00
  });

  it("formats later dates in the UI language", () => {
    const start = new Date("2026-04-01T07:30:00Z");
    const end = new Date("2026-04-01T08:15:00Z");
    expect(formatAppointmentWhen(start, end, { ...berlin, locale: "de-DE", now })).toEqual({
      day: { kind: "date", label: "Mi., 1. Apr." },
      time: "09:30–10:15",
    });
    const en = formatAppointmentWhen(start, end, { ...berlin, locale: "en-GB", now });
    expect(en.day).toEqual({ kind: "date", label: "Wed 1 Apr" });
    expect(en.time).toBe("09:30–10:15");
  });

  it("names the zone when the branch's differs from the company's", () => {
    const when = formatAppointmentWhen(new Date("2026-04-01T07:30:00Z"), new Date("2026-04-01T08:15:00Z"), {
      locale: "en-GB",
      timeZone: "Europe/London",
      companyTimeZone: "Europe/Berlin",
      now,
    });
    expect(when.time).toBe("08:30–09:15 BST");
  });
});

describe("formatLongDate", () => {
  it("uses the zone's calendar day", () => {
    expect(formatLongDate(new Date("2026-03-28T23:30:00Z"), "de-DE", "Europe/Berlin")).toBe("Sonntag, 29. März 2026");
    expect(formatLongDate(new Date("2026-03-28T23:30:00Z"), "en-GB", "Europe/Berlin")).toBe("Sunday, 29 March 2026");
  });
});

describe("knownTimeZone", () => {
  it("keeps a real IANA zone and replaces an unknown one", () => {
    expect(knownTimeZone("Europe/Vienna")).toBe("Europe/Vienna");
    expect(knownTimeZone("Mars/Olympus")).toBe("Europe/Berlin");
    expect(knownTimeZone(null)).toBe("Europe/Berlin");
  });
});
