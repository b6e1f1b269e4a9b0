// The German public holidays every federal state keeps (the branch's quick "add public holidays"
// action). Regional ones (Heilige Drei Könige, Fronleichnam, Reformationstag, Frauentag in
// Berlin, …) differ by state and are left to the user. Movable feasts follow Easter Sunday
// (Gregorian computus: the anonymous algorithm of Meeus/Jones/Butcher). Dates are calendar days,
// computed in UTC so no time zone can shift them.

export const GERMAN_HOLIDAYS = [
  "newYear",
  "goodFriday",
  "easterMonday",
  "labourDay",
  "ascension",
  "whitMonday",
  "germanUnity",
  "christmasDay",
  "boxingDay",
] as const;
export type GermanHoliday = (typeof GERMAN_HOLIDAYS)[number];

/** Easter Sunday of a Gregorian year as "YYYY-MM-DD". */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return iso(Date.UTC(year, month - 1, day));
}

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const DAY = 86_400_000;

/** The nationwide public holidays of a year, in date order. */
export function germanPublicHolidays(year: number): { date: string; holiday: GermanHoliday }[] {
  const easter = Date.parse(`${easterSunday(year)}T00:00:00Z`);
  const fixed = (month: number, day: number) => iso(Date.UTC(year, month - 1, day));
  const list: { date: string; holiday: GermanHoliday }[] = [
    { date: fixed(1, 1), holiday: "newYear" },
    { date: iso(easter - 2 * DAY), holiday: "goodFriday" },
    { date: iso(easter + DAY), holiday: "easterMonday" },
    { date: fixed(5, 1), holiday: "labourDay" },
    { date: iso(easter + 39 * DAY), holiday: "ascension" },
    { date: iso(easter + 50 * DAY), holiday: "whitMonday" },
    { date: fixed(10, 3), holiday: "germanUnity" },
    { date: fixed(12, 25), holiday: "christmasDay" },
    { date: fixed(12, 26), holiday: "boxingDay" },
  ];
  return list.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
}
