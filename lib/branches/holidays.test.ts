import { describe, expect, it } from "vitest";
import { easterSunday, germanPublicHolidays } from "./holidays";

describe("German public holidays", () => {
  it("finds Easter Sunday (known dates, including the earliest and latest possible)", () => {
    expect(easterSunday(2000)).toBe("2000-04-23");
    expect(easterSunday(2008)).toBe("2008-03-23");
    expect(easterSunday(2019)).toBe("2019-04-21");
    expect(easterSunday(2024)).toBe("2024-03-31");
    expect(easterSunday(2025)).toBe("2025-04-20");
    expect(easterSunday(2026)).toBe("2026-04-05");
    expect(easterSunday(2027)).toBe("2027-03-28");
    expect(easterSunday(1818)).toBe("1818-03-22");
    expect(easterSunday(2038)).toBe("2038-04-25");
  });

  it("lists the nationwide holidays of a year in date order", () => {
    expect(germanPublicHolidays(2026)).toEqual([
      { date: "2026-01-01", holiday: "newYear" },
      { date: "2026-04-03", holiday: "goodFriday" },
      { date: "2026-04-06", holiday: "easterMonday" },
      { date: "2026-05-01", holiday: "labourDay" },
      { date: "2026-05-14", holiday: "ascension" },
      { date: "2026-05-25", holiday: "whitMonday" },
      { date: "2026-10-03", holiday: "germanUnity" },
      { date: "2026-12-25", holiday: "christmasDay" },
      { date: "2026-12-26", holiday: "boxingDay" },
    ]);
    const y2025 = Object.fromEntries(germanPublicHolidays(2025).map((h) => [h.holiday, h.date]));
    expect(y2025).toMatchObject({ goodFriday: "2025-04-18", easterMonday: "2025-04-21", ascension: "2025-05-29", whitMonday: "2025-06-09" });
    // 2008: Ascension fell on Labour Day (both listed; adding them skips the second).
    expect(germanPublicHolidays(2008).filter((h) => h.date === "2008-05-01").map((h) => h.holiday).sort()).toEqual(["ascension", "labourDay"]);
  });
});
