import { tzOffset } from "@date-fns/tz";

// Local wall-clock time → instants, exactly, across daylight-saving switches. A local day is split
// into segments of constant UTC offset (one, or two on a switch day); a local interval such as
// "09:00–18:00" is the set of instants whose wall-clock time lies in it — computed per segment, so
// a skipped hour (March) is simply missing and a repeated hour (October) counts twice.

const MINUTE = 60_000;
const DAY = 86_400_000;

export type DaySegment = { start: number; end: number; offsetMinutes: number };
export type LocalDay = {
  /** "YYYY-MM-DD" */
  date: string;
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** Local midnight read as if it were UTC (epoch ms): local minute m ↔ wallMidnight + m·60 000. */
  wallMidnight: number;
  segments: DaySegment[];
};

/** Zones found valid (a handful in practice; checking one builds an Intl formatter, which is slow). */
const validZones = new Set<string>();

export function isValidTimeZone(timeZone: string): boolean {
  if (validZones.has(timeZone)) return true;
  if (!timeZone || timeZone.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone });
    if (!Number.isFinite(tzOffset(timeZone, new Date(0)))) return false;
  } catch {
    return false;
  }
  if (validZones.size < 1_000) validZones.add(timeZone);
  return true;
}

const offsetMs = (timeZone: string, instant: number) => tzOffset(timeZone, new Date(instant)) * MINUTE;

/** The first instant whose wall clock reads `wall` or later (wall as local-read-as-UTC ms). */
function instantOfWall(timeZone: string, wall: number): number {
  let t = wall - offsetMs(timeZone, wall);
  t = wall - offsetMs(timeZone, t);
  return t;
}

const cache = new Map<string, LocalDay>();

/** The segments of one local day (cached: days repeat across staff and calls). */
export function localDay(timeZone: string, date: string): LocalDay {
  const key = `${timeZone}|${date}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const wallMidnight = Date.UTC(y, m - 1, d);
  const start = instantOfWall(timeZone, wallMidnight);
  const end = instantOfWall(timeZone, wallMidnight + DAY);
  const segments: DaySegment[] = [];
  const startOffset = offsetMs(timeZone, start);
  const endOffset = offsetMs(timeZone, end - 1);
  if (startOffset === endOffset) {
    segments.push({ start, end, offsetMinutes: startOffset / MINUTE });
  } else {
    // One switch inside the day: find it to the minute (zones switch on whole minutes).
    let lo = start;
    let hi = end - 1;
    while (hi - lo > MINUTE) {
      const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
      if (offsetMs(timeZone, mid) === startOffset) lo = mid;
      else hi = mid;
    }
    const change = offsetMs(timeZone, lo) === startOffset ? lo + MINUTE : lo;
    segments.push({ start, end: change, offsetMinutes: startOffset / MINUTE });
    segments.push({ start: change, end, offsetMinutes: endOffset / MINUTE });
  }
  const weekday = ((new Date(wallMidnight).getUTCDay() + 6) % 7) + 1;
  const day = { date, weekday, wallMidnight, segments };
  if (cache.size > 5_000) cache.clear();
  cache.set(key, day);
  return day;
}

/** Instants whose local wall-clock time on `day` lies in [fromMinute, toMinute) of that day. */
export function localInterval(day: LocalDay, fromMinute: number, toMinute: number): [number, number][] {
  const out: [number, number][] = [];
  for (const segment of day.segments) {
    const offset = segment.offsetMinutes * MINUTE;
    const s = Math.max(segment.start, day.wallMidnight + fromMinute * MINUTE - offset);
    const e = Math.min(segment.end, day.wallMidnight + toMinute * MINUTE - offset);
    if (s < e) out.push([s, e]);
  }
  return out;
}

/** The local dates ("YYYY-MM-DD") whose days touch the instant range [from, to). */
export function localDatesBetween(timeZone: string, from: number, to: number): string[] {
  const dates: string[] = [];
  const firstWall = from + offsetMs(timeZone, from);
  const lastWall = to - 1 + offsetMs(timeZone, to - 1);
  for (let day = Math.floor(firstWall / DAY) * DAY; day <= lastWall; day += DAY) {
    dates.push(new Date(day).toISOString().slice(0, 10));
  }
  return dates;
}

/** "HH:MM" or "HH:MM:SS" → minutes after midnight; "24:00" is the end of the day. */
export function minutesOf(time: string): number {
  const match = /^(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(time);
  if (!match) throw new RangeError(`not a time of day: ${time}`);
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  if (minutes > 1440 || Number(match[2]) > 59) throw new RangeError(`not a time of day: ${time}`);
  return minutes;
}
