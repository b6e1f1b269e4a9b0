import { describe, expect, it } from "vitest";
import {
  localIso,
  spokenDate,
  spokenDateTime,
  spokenDuration,
  spokenList,
  spokenOpeningIntervals,
  spokenPrice,
  spokenSlots,
  spokenTime,
  voiceLocale,
} from "./format";
import { phrasesFor } from "./phrases";

const BERLIN = "Europe/Berlin";

describe("spoken dates and times", () => {
  it("says a date and time in the branch's zone, German and English", () => {
    const at = new Date("2026-12-03T13:30:00Z"); // Thursday 14:30 in Berlin (CET)
    expect(spokenDateTime(at, BERLIN, "de")).toBe("Donnerstag, 3. Dezember um 14:30 Uhr");
    expect(spokenDateTime(at, BERLIN, "en")).toBe("Thursday, December 3 at 2:30 pm");
    expect(spokenDate(new Date("2026-12-01T23:30:00Z"), BERLIN, "de")).toBe("Mittwoch, 2. Dezember");
  });

  it("drops :00 on the full hour and speaks 12-hour English", () => {
    expect(spokenTime(14, 0, "de")).toBe("14 Uhr");
    expect(spokenTime(9, 5, "de")).toBe("9:05 Uhr");
    expect(spokenTime(0, 0, "en")).toBe("12 am");
    expect(spokenTime(12, 0, "en")).toBe("12 pm");
    expect(spokenTime(9, 30, "en")).toBe("9:30 am");
    expect(spokenTime(18, 0, "en")).toBe("6 pm");
  });

  it("reads summer time after the March switch", () => {
    expect(spokenDateTime(new Date("2027-03-29T08:00:00Z"), BERLIN, "de")).toBe("Montag, 29. März um 10 Uhr");
    expect(localIso(new Date("2027-03-29T08:00:00Z"), BERLIN)).toBe("2027-03-29T10:00:00+02:00");
    expect(localIso(new Date("2027-03-26T09:00:00Z"), BERLIN)).toBe("2027-03-26T10:00:00+01:00");
    expect(localIso(new Date("2027-03-26T09:00:00Z"), "America/New_York")).toBe("2027-03-26T05:00:00-04:00");
  });

  it("groups several slots by day", () => {
    const slots = ["2026-12-03T13:00:00Z", "2026-12-03T13:30:00Z", "2026-12-04T09:00:00Z"].map((s) => new Date(s));
    expect(spokenSlots(slots, BERLIN, "de")).toBe("Donnerstag, 3. Dezember um 14 Uhr oder 14:30 Uhr oder Freitag, 4. Dezember um 10 Uhr");
    expect(spokenSlots(slots.slice(0, 1), BERLIN, "en")).toBe("Thursday, December 3 at 2 pm");
  });
});

describe("spoken prices, durations, lists, opening hours", () => {
  it("says prices as people do", () => {
    expect(spokenPrice(3550, "EUR", "de")).toBe("35 Euro 50");
    expect(spokenPrice(3500, "EUR", "de")).toBe("35 Euro");
    expect(spokenPrice(50, "EUR", "de")).toBe("50 Cent");
    expect(spokenPrice(0, "EUR", "de")).toBe("kostenlos");
    expect(spokenPrice(3550, "EUR", "en")).toBe("35 euros 50");
    expect(spokenPrice(100, "EUR", "en")).toBe("1 euro");
    expect(spokenPrice(1, "EUR", "en")).toBe("1 cent");
    expect(spokenPrice(2000, "CHF", "de")).toBe("20 Franken");
    expect(spokenPrice(2000, "SEK", "en")).toBe("20 SEK");
  });

  it("says durations", () => {
    expect(spokenDuration(30, "de")).toBe("30 Minuten");
    expect(spokenDuration(60, "de")).toBe("1 Stunde");
    expect(spokenDuration(90, "de")).toBe("1 Stunde 30 Minuten");
    expect(spokenDuration(120, "en")).toBe("2 hours");
    expect(spokenDuration(61, "en")).toBe("1 hour 1 minute");
  });

  it("joins lists and opening intervals", () => {
    expect(spokenList(["A"], "de")).toBe("A");
    expect(spokenList(["A", "B", "C"], "de")).toBe("A, B und C");
    expect(spokenList(["A", "B"], "en", "or")).toBe("A or B");
    expect(spokenOpeningIntervals([{ open: "09:00", close: "18:00" }], "de")).toBe("von 9 bis 18 Uhr");
    expect(
      spokenOpeningIntervals(
        [
          { open: "09:30", close: "12:00" },
          { open: "13:00", close: "18:30" },
        ],
        "en",
      ),
    ).toBe("from 9:30 am to 12 pm and from 1 pm to 6:30 pm");
    expect(spokenOpeningIntervals([], "de")).toBe("geschlossen");
    expect(spokenOpeningIntervals([], "en")).toBe("closed");
  });

  it("speaks German unless the branch is English", () => {
    expect(voiceLocale("en")).toBe("en");
    expect(voiceLocale("fr")).toBe("de");
    expect(voiceLocale(undefined)).toBe("de");
  });

  it("has the same phrases in both languages", () => {
    expect(Object.keys(phrasesFor("de")).sort()).toEqual(Object.keys(phrasesFor("en")).sort());
    expect(Object.keys(phrasesFor("de").argLabels).sort()).toEqual(Object.keys(phrasesFor("en").argLabels).sort());
    expect(phrasesFor("de").missingArgs(["die gewünschte Leistung", "den gewünschten Tag"])).toBe(
      "Dafür brauche ich noch die gewünschte Leistung und den gewünschten Tag.",
    );
  });
});
