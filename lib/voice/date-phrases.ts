import { tzOffset } from "@date-fns/tz";
import { isValidTimeZone } from "@/lib/scheduling/local-time";
import { type Said, type SaidTime, scanPhrase, SUSPICIOUS_LEFTOVER } from "@/lib/voice/date-phrase-scan";
import { PART_OF_DAY_RANGES, type PartOfDay } from "@/lib/voice/date-phrase-words";

/**
 * Natural date/time phrases as callers say them (German and English, mixed freely), resolved in
 * a branch's time zone against an injectable `now`. Used by the voice tools (check_availability,
 * opening_hours, reschedule, callbacks):
 *
 *   parseDatePhrase("nächsten Dienstag um 10", { now, timeZone: "Europe/Berlin" })
 *   → { ok: true, from, to, exact, time: "10:00" }      (from/to/exact are instants, Date)
 *   → { ok: false, error: "unparseable" | "in_the_past" }
 *
 * Result:
 * - `[from, to)` is the search window; it never starts before `now`. A day is local midnight to
 *   midnight (23 or 25 hours on DST switch days), a part of the day narrows it (morning 06–12,
 *   noon 11:30–14, afternoon 12–18, evening 17–22), "ab 15 Uhr" / "bis 12" / "zwischen 14 und
 *   16 Uhr" narrow it to a clock range.
 * - `exact`: the requested start when a clock time was said for one day; it lies in the window
 *   (the window is then the whole rest of that day, for alternatives).
 * - `time` ("HH:MM"): the clock time said, also for multi-day windows ("nächste Woche um 10").
 * - `daily` ({from, to} "HH:MM"): the clock range preferred on each day (part of day or bounds);
 *   already applied to the window when it is a single day.
 *
 * Rules (document changes here; the agent speaks the resolved date back, so the caller can correct):
 * - A bare hour 1–7 means p.m. ("um 3", "halb drei" → 14:30, "Viertel nach 7" → 19:15), since
 *   callers mean business hours; 8–12 stay as said. "am/pm", "morgens/früh" (as said),
 *   "nachmittags/abends" (+12), "nachts" (as said up to 5, else +12) override it, as does a
 *   leading zero ("07:30") or a 24-hour time.
 *   Minutes before the hour count from the hour named: "Viertel vor 8" → 07:45.
 * - A time without a day is its next occurrence (today if still ahead, else tomorrow); so is a
 *   part of the day or a clock range alone.
 * - A bare weekday ("Dienstag", "am Dienstag", "diesen/kommenden Dienstag", "Friday") is the next such day
 *   after today (today's weekday → in 7 days; callers say "heute" for today). "nächsten Dienstag"
 *   / "next Tuesday" is the Tuesday of next calendar week (Monday–Sunday), "übernächsten" the one
 *   after. With a week ("Dienstag nächste Woche") the weekday of that week.
 * - "diese Woche" = now … Sunday; "nächste Woche" = Monday … Sunday; Anfang = Mon–Tue, Mitte =
 *   Tue–Thu, Ende = Thu–Sat; Wochenende/weekend = Sat–Sun. A date without a year is the next such
 *   date (today included). "im Dezember" = the month; Anfang/Mitte/Ende = days 1–10/11–20/21–end.
 *   "so bald wie möglich" / "asap" = the next 14 days.
 * - If both a date and a weekday are said and disagree, the date wins (then the relative day,
 *   then the weekday).
 * - A local time that does not exist (the skipped hour in March) moves forward by the gap; a
 *   repeated one (October) is its first occurrence.
 * - "unparseable": nothing recognised, leftover digits, or two alternatives ("Dienstag oder
 *   Mittwoch"). "in_the_past": a past date or time, "gestern", "letzten Dienstag".
 *
 * Throws RangeError only for an invalid `timeZone` (branch zones are validated when saved).
 */

export type { PartOfDay };
export type DatePhraseOptions = { now: Date | number; timeZone: string };
export type DatePhraseError = "unparseable" | "in_the_past";
export type DatePhrase = {
  ok: true;
  from: Date;
  to: Date;
  exact?: Date;
  time?: string;
  partOfDay?: PartOfDay;
  daily?: { from: string; to: string };
};
export type DatePhraseResult = DatePhrase | { ok: false; error: DatePhraseError };

const MINUTE = 60_000;
const DAY = 86_400_000;
const MAX_PHRASE = 200;
const SOON_DAYS = 14;

// ── Local dates ("YYYY-MM-DD" as a UTC-midnight number) and wall time → instants ────────────

const offsetMs = (timeZone: string, instant: number) => tzOffset(timeZone, new Date(instant)) * MINUTE;

/** The instant at local `minute` of the local day `day` (UTC midnight of that date). */
function instantAt(timeZone: string, day: number, minute: number): number {
  const wall = day + minute * MINUTE;
  // The offsets in force around this wall time; a valid reading t satisfies offset(t) = wall − t.
  const before = offsetMs(timeZone, wall - DAY / 2);
  const after = offsetMs(timeZone, wall + DAY / 2);
  const valid = [before, after].map((o) => wall - o).filter((t) => offsetMs(timeZone, t) === wall - t);
  if (valid.length > 0) return Math.min(...valid);
  return wall - before; // in a gap: shift forward by its length
}

function localToday(timeZone: string, now: number) {
  const wall = now + offsetMs(timeZone, now);
  const day = Math.floor(wall / DAY) * DAY;
  return { day, minute: Math.floor((wall - day) / MINUTE) };
}

const weekdayOfDay = (day: number) => ((new Date(day).getUTCDay() + 6) % 7) + 1;
const validDate = (y: number, m: number, d: number) => {
  const t = Date.UTC(y, m - 1, d);
  const date = new Date(t);
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? t : undefined;
};
const hhmm = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;

// ── Clock times ─────────────────────────────────────────────────────────────────────────────

/** Minutes after midnight of a said time, by the rules above; undefined if impossible. */
function minuteOf(time: SaidTime, part: PartOfDay | undefined, night = false): number | undefined {
  let { hour } = time;
  const { minute, spoken } = time;
  if (!(spoken >= 0 && spoken <= 24 && minute >= 0 && minute < 60 && hour >= -1)) return undefined;
  if (hour === -1) hour = 23; // "Viertel vor 0"
  if (time.meridiem === "pm" && hour < 12) hour += 12;
  else if (time.meridiem === "am" && hour === 12) hour = 0;
  else if (!time.meridiem && !time.literal) {
    if (night) {
      if (hour >= 6 && hour < 12) hour += 12;
    } else if (part === "afternoon" || part === "evening") {
      if (hour < 12) hour += 12;
    } else if (part === "noon") {
      if (spoken >= 1 && spoken <= 3) hour += 12;
    } else if (part !== "morning" && spoken >= 1 && spoken <= 7 && hour < 12) {
      hour += 12;
    }
  }
  if (hour === 24 && minute === 0 && time.spoken === 24) return undefined;
  return hour >= 0 && hour < 24 ? hour * 60 + minute : undefined;
}

// ── Which local days ────────────────────────────────────────────────────────────────────────

type Days = { first: number; last: number } | "invalid" | undefined;

function daysOf(said: Said, today: number): Days {
  const single = (day: number | undefined): Days => (day === undefined ? "invalid" : { first: day, last: day });
  const todayDate = new Date(today);
  const [ty, tm] = [todayDate.getUTCFullYear(), todayDate.getUTCMonth() + 1];
  if (said.date) {
    const { year, month, day } = said.date;
    if (year !== undefined) return single(validDate(year, month, day));
    const thisYear = validDate(ty, month, day);
    if (thisYear !== undefined && thisYear >= today) return single(thisYear);
    return single(validDate(ty + 1, month, day) ?? (month === 2 && day === 29 ? validDate(ty + 4 - (ty % 4), 2, 29) : undefined));
  }
  if (said.dayOfMonth !== undefined) {
    const d = said.dayOfMonth;
    if (!(d >= 1 && d <= 31)) return "invalid";
    for (let i = 0; i < 3; i++) {
      const t = validDate(ty + Math.floor((tm - 1 + i) / 12), ((tm - 1 + i) % 12) + 1, d);
      if (t !== undefined && t >= today) return single(t);
    }
    return "invalid";
  }
  if (said.offset !== undefined) return single(today + said.offset * DAY);
  const monday = today - (weekdayOfDay(today) - 1) * DAY;
  if (said.weekday) {
    const { day, weeks } = said.weekday;
    if (said.week) return single(monday + said.week.weeks * 7 * DAY + (day - 1) * DAY);
    if (weeks !== undefined) return single(monday + weeks * 7 * DAY + (day - 1) * DAY);
    const ahead = (day - weekdayOfDay(today) + 7) % 7 || 7;
    return single(today + ahead * DAY);
  }
  if (said.week) {
    const start = monday + said.week.weeks * 7 * DAY;
    const [a, b] = { start: [0, 1], middle: [1, 3], end: [3, 5], weekend: [5, 6], all: [0, 6] }[said.week.part ?? "all"] as [number, number];
    return { first: start + a * DAY, last: start + b * DAY };
  }
  if (said.month) {
    const { month, part } = said.month;
    const year = said.month.year ?? (month < tm ? ty + 1 : ty);
    const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
    const [a, b] = { start: [1, 10], middle: [11, 20], end: [21, lastDay], all: [1, lastDay] }[part ?? "all"] as [number, number];
    const first = validDate(year, month, a);
    const last = validDate(year, month, b);
    return first === undefined || last === undefined ? "invalid" : { first, last };
  }
  if (said.soon) return { first: today, last: today + (SOON_DAYS - 1) * DAY };
  return undefined;
}

// ── The parser ──────────────────────────────────────────────────────────────────────────────

export function parseDatePhrase(text: string, options: DatePhraseOptions): DatePhraseResult {
  const { timeZone } = options;
  if (!isValidTimeZone(timeZone)) throw new RangeError(`invalid time zone: ${timeZone}`);
  const now = Number(options.now);
  const fail = (error: DatePhraseError) => ({ ok: false, error }) as const;
  if (typeof text !== "string" || text.length > MAX_PHRASE || !Number.isFinite(now)) return fail("unparseable");

  const { said, found, leftover } = scanPhrase(text);
  if (!found || SUSPICIOUS_LEFTOVER.test(leftover)) return fail("unparseable");
  if (said.past) return fail("in_the_past");

  const part = said.part;
  // An ISO instant with an offset: its clock time is read in the branch's zone.
  const time = said.instant !== undefined ? localToday(timeZone, said.instant).minute : said.time ? minuteOf(said.time, part, said.night) : undefined;
  const after = said.after ? minuteOf(said.after, part, said.night) : undefined;
  const before = said.before ? minuteOf(said.before, part, said.night) : undefined;
  if ((said.time && time === undefined) || (said.after && after === undefined) || (said.before && before === undefined)) return fail("unparseable");

  // The preferred clock range of a day: part of the day, narrowed by "ab …" / "bis …".
  const partRange = part ? PART_OF_DAY_RANGES[part] : undefined;
  const daily =
    partRange || after !== undefined || before !== undefined
      ? ([Math.max(after ?? 0, partRange?.[0] ?? 0), Math.min(before ?? 1440, partRange?.[1] ?? 1440)] as const)
      : undefined;
  if (daily && daily[0] >= daily[1]) return fail("unparseable");

  const { day: today } = localToday(timeZone, now);
  let days = daysOf(said, today);
  if (days === "invalid") return fail("unparseable");

  let exact: number | undefined = said.instant;
  if (exact !== undefined) {
    const local = localToday(timeZone, exact);
    days = { first: local.day, last: local.day };
  }
  if (!days) {
    // Only a time of day: its next occurrence.
    if (time !== undefined) {
      const day = instantAt(timeZone, today, time) >= now ? today : today + DAY;
      days = { first: day, last: day };
    } else if (daily) {
      const day = instantAt(timeZone, today, daily[1]) > now ? today : today + DAY;
      days = { first: day, last: day };
    } else {
      return fail("unparseable");
    }
  }

  const single = days.first === days.last;
  if (single && time !== undefined) exact ??= instantAt(timeZone, days.first, time);
  if (exact !== undefined && exact < now) return fail("in_the_past");

  const dayStart = instantAt(timeZone, days.first, 0);
  const dayEnd = instantAt(timeZone, days.last + DAY, 0);
  let from = Math.max(now, dayStart);
  let to = dayEnd;
  if (single && exact === undefined && daily) {
    from = Math.max(now, instantAt(timeZone, days.first, daily[0]));
    to = daily[1] >= 1440 ? dayEnd : instantAt(timeZone, days.first, daily[1]);
  }
  if (to <= from) return fail("in_the_past");

  return {
    ok: true,
    from: new Date(from),
    to: new Date(to),
    ...(exact !== undefined ? { exact: new Date(exact) } : {}),
    ...(time !== undefined ? { time: hhmm(time) } : {}),
    ...(part ? { partOfDay: part } : {}),
    ...(daily ? { daily: { from: hhmm(daily[0]), to: hhmm(daily[1]) } } : {}),
  };
}
