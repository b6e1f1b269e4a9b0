import { TZDate } from "@date-fns/tz";

// Wall-clock dates and times of a branch → instants, for absences entered as whole days or as
// local date-times. A local time that does not exist (the skipped hour in March) moves forward.

/** "YYYY-MM-DD" + minutes after midnight in a time zone → the instant. */
export function localInstant(timeZone: string, date: string, minutes = 0): Date {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d, Math.floor(minutes / 60), minutes % 60, timeZone).getTime());
}

/** "YYYY-MM-DDTHH:MM" in a time zone → the instant. */
export function localDateTimeInstant(timeZone: string, value: string): Date {
  const [date, time] = value.split("T") as [string, string];
  return localInstant(timeZone, date, Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5)));
}

/** The day after "YYYY-MM-DD". */
export function nextDate(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The day before "YYYY-MM-DD". */
export function previousDate(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** Today's date "YYYY-MM-DD" in a time zone. */
export function localToday(timeZone: string, now: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/** An instant as "YYYY-MM-DDTHH:MM" in a time zone (for a datetime-local input). */
export function localDateTimeOf(timeZone: string, instant: Date): string {
  const t = new TZDate(instant.getTime(), timeZone);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${t.getFullYear()}-${pad(t.getMonth() + 1)}-${pad(t.getDate())}T${pad(t.getHours())}:${pad(t.getMinutes())}`;
}
