import { TZDate } from "@date-fns/tz";

// Local calendar arithmetic in a branch's IANA zone. Working hours are wall-clock times
// ("09:00"–"18:00" stays that across daylight-saving switches), so every instant is built from
// a local date and a local minute of the day, never by adding hours to a UTC timestamp.

export type LocalDay = {
  year: number;
  /** 0-11, as in Date. */
  month: number;
  day: number;
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** "YYYY-MM-DD". */
  key: string;
};

const pad = (n: number) => String(n).padStart(2, "0");

function toLocalDay(date: TZDate): LocalDay {
  const year = date.getFullYear();
  const month = date.getMonth();
  const day = date.getDate();
  return { year, month, day, weekday: date.getDay() || 7, key: `${year}-${pad(month + 1)}-${pad(day)}` };
}

/** The local calendar day `offset` days after the one that contains `now` in `timeZone`. */
export function localDay(now: Date, timeZone: string, offset = 0): LocalDay {
  const today = new TZDate(now.getTime(), timeZone);
  // Noon never falls into a daylight-saving gap, so the date arithmetic cannot slip a day.
  return toLocalDay(new TZDate(today.getFullYear(), today.getMonth(), today.getDate() + offset, 12, 0, timeZone));
}

/** The instant of a local minute of the day ("09:30" → 570) on a local day. */
export function localInstant(day: LocalDay, minuteOfDay: number, timeZone: string): Date {
  const t = new TZDate(day.year, day.month, day.day, Math.floor(minuteOfDay / 60), minuteOfDay % 60, timeZone);
  return new Date(t.getTime());
}

/** "09:30" → 570. */
export function parseHm(value: string): number {
  const match = /^(\d{2}):(\d{2})(?::\d{2})?$/.exec(value);
  if (!match) throw new RangeError(`not a time of day: ${value}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** Where an instant falls on a local day, in minutes, clamped to [0, 1440]. */
export function minuteOnDay(day: LocalDay, instant: Date, timeZone: string): number {
  const local = toLocalDay(new TZDate(instant.getTime(), timeZone));
  if (local.key < day.key) return 0;
  if (local.key > day.key) return 24 * 60;
  const t = new TZDate(instant.getTime(), timeZone);
  return t.getHours() * 60 + t.getMinutes();
}

export type MinuteRange = { start: number; end: number };

/** Removes the blocked ranges from the free ones; both in minutes of one day. */
export function subtractRanges(free: MinuteRange[], blocked: MinuteRange[]): MinuteRange[] {
  let result = free;
  for (const b of blocked) {
    result = result.flatMap((f) => {
      if (b.end <= f.start || b.start >= f.end) return [f];
      const parts: MinuteRange[] = [];
      if (b.start > f.start) parts.push({ start: f.start, end: b.start });
      if (b.end < f.end) parts.push({ start: b.end, end: f.end });
      return parts;
    });
  }
  return result;
}
