// Spoken forms for the voice agent, German and English: what the agent reads out must sound like
// a receptionist, not like a form ("Dienstag, 3. Dezember um 14:30 Uhr", "35 Euro 50"). Own name
// tables instead of Intl: the text must not depend on the server's ICU data, and TTS reads these
// forms best. Times are always local to the branch (its zone), never UTC.

export type VoiceLocale = "de" | "en";

const WEEKDAYS: Record<VoiceLocale, readonly string[]> = {
  de: ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"],
  en: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
};
const MONTHS: Record<VoiceLocale, readonly string[]> = {
  de: ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"],
  en: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
};

/** A branch locale as one of ours (anything else speaks German, the default). */
export const voiceLocale = (locale: unknown): VoiceLocale => (locale === "en" ? "en" : "de");

/** ISO weekday 1 (Monday) … 7 (Sunday) by name. */
export const weekdayName = (weekday: number, locale: VoiceLocale) => WEEKDAYS[locale][(weekday - 1 + 7) % 7]!;

const partsFormat = new Map<string, Intl.DateTimeFormat>();

/** Local date ("YYYY-MM-DD"), ISO weekday and wall clock of an instant in a zone. */
export function localParts(instant: Date, timeZone: string): { date: string; weekday: number; hour: number; minute: number } {
  let format = partsFormat.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    partsFormat.set(timeZone, format);
  }
  const p = Object.fromEntries(format.formatToParts(instant).map((part) => [part.type, part.value]));
  const date = `${p.year}-${p.month}-${p.day}`;
  return { date, weekday: isoWeekday(date), hour: Number(p.hour), minute: Number(p.minute) };
}

/** ISO weekday of a local date "YYYY-MM-DD". */
export const isoWeekday = (date: string) => ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;

/** A clock time: "14 Uhr", "14:30 Uhr" / "2 pm", "2:30 pm". */
export function spokenTime(hour: number, minute: number, locale: VoiceLocale): string {
  const mm = String(minute).padStart(2, "0");
  if (locale === "de") return minute === 0 ? `${hour} Uhr` : `${hour}:${mm} Uhr`;
  const h = hour % 12 === 0 ? 12 : hour % 12;
  const suffix = hour < 12 || hour === 24 ? "am" : "pm";
  return minute === 0 ? `${h} ${suffix}` : `${h}:${mm} ${suffix}`;
}

/** A stored clock "HH:MM" spoken. */
export const spokenClock = (clock: string, locale: VoiceLocale) => spokenTime(Number(clock.slice(0, 2)), Number(clock.slice(3, 5)), locale);

/** A local date "YYYY-MM-DD": "Dienstag, 3. Dezember" / "Tuesday, December 3". */
export function spokenLocalDate(date: string, locale: VoiceLocale): string {
  const [, month, day] = date.split("-").map(Number) as [number, number, number];
  const weekday = weekdayName(isoWeekday(date), locale);
  const monthName = MONTHS[locale][month - 1];
  return locale === "de" ? `${weekday}, ${day}. ${monthName}` : `${weekday}, ${monthName} ${day}`;
}

/** The local date of an instant in a zone, spoken. */
export const spokenDate = (instant: Date, timeZone: string, locale: VoiceLocale) => spokenLocalDate(localParts(instant, timeZone).date, locale);

/** "Dienstag, 3. Dezember um 14:30 Uhr" / "Tuesday, December 3 at 2:30 pm". */
export function spokenDateTime(instant: Date, timeZone: string, locale: VoiceLocale): string {
  const p = localParts(instant, timeZone);
  return `${spokenLocalDate(p.date, locale)} ${locale === "de" ? "um" : "at"} ${spokenTime(p.hour, p.minute, locale)}`;
}

const CURRENCY_NAMES: Record<string, Record<VoiceLocale, [one: string, many: string]>> = {
  EUR: { de: ["Euro", "Euro"], en: ["euro", "euros"] },
  CHF: { de: ["Franken", "Franken"], en: ["franc", "francs"] },
  USD: { de: ["Dollar", "Dollar"], en: ["dollar", "dollars"] },
  GBP: { de: ["Pfund", "Pfund"], en: ["pound", "pounds"] },
};

/** A price: "35 Euro 50", "35 Euro", "50 Cent" / "35 euros 50", "1 euro", "50 cents"; 0 is "kostenlos" / "free". */
export function spokenPrice(cents: number, currency: string, locale: VoiceLocale): string {
  const whole = Math.floor(Math.abs(cents) / 100);
  const rest = Math.abs(cents) % 100;
  if (whole === 0 && rest === 0) return locale === "de" ? "kostenlos" : "free";
  const [one, many] = CURRENCY_NAMES[currency]?.[locale] ?? [currency, currency];
  if (whole === 0) return locale === "de" ? `${rest} Cent` : `${rest} ${rest === 1 ? "cent" : "cents"}`;
  const main = `${whole} ${whole === 1 ? one : many}`;
  return rest === 0 ? main : `${main} ${rest}`;
}

/** A duration: "30 Minuten", "1 Stunde", "1 Stunde 30 Minuten" / "30 minutes", "1 hour 30 minutes". */
export function spokenDuration(minutes: number, locale: VoiceLocale): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const hours = h === 0 ? "" : locale === "de" ? `${h} ${h === 1 ? "Stunde" : "Stunden"}` : `${h} ${h === 1 ? "hour" : "hours"}`;
  const mins = m === 0 ? "" : locale === "de" ? `${m} ${m === 1 ? "Minute" : "Minuten"}` : `${m} ${m === 1 ? "minute" : "minutes"}`;
  return [hours, mins].filter(Boolean).join(" ") || (locale === "de" ? "0 Minuten" : "0 minutes");
}

/** "A, B und C" / "A, B and C" (or "oder" / "or"). */
export function spokenList(items: readonly string[], locale: VoiceLocale, conjunction: "and" | "or" = "and"): string {
  const word = { de: { and: "und", or: "oder" }, en: { and: "and", or: "or" } }[locale][conjunction];
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} ${word} ${items.at(-1)}`;
}

/** One day's opening intervals: "von 9 bis 18 Uhr" / "from 9 am to 6 pm"; none → "geschlossen" / "closed". */
export function spokenOpeningIntervals(intervals: readonly { open: string; close: string }[], locale: VoiceLocale): string {
  if (intervals.length === 0) return locale === "de" ? "geschlossen" : "closed";
  const one = ({ open, close }: { open: string; close: string }) => {
    if (locale === "en") return `from ${spokenClock(open, "en")} to ${spokenClock(close, "en")}`;
    // "von 9 bis 18 Uhr": the first "Uhr" is dropped, as people say it.
    return `von ${spokenClock(open, "de").replace(/ Uhr$/, "")} bis ${spokenClock(close, "de")}`;
  };
  return spokenList(intervals.map(one), locale);
}

/**
 * Several start times, the date said once per day: "Dienstag, 3. Dezember um 14 Uhr oder
 * 14:30 Uhr oder Mittwoch, 4. Dezember um 10 Uhr" / "… at 2 pm or 2:30 pm or …".
 */
export function spokenSlots(instants: readonly Date[], timeZone: string, locale: VoiceLocale): string {
  const days: { date: string; times: string[] }[] = [];
  for (const instant of instants) {
    const p = localParts(instant, timeZone);
    const time = spokenTime(p.hour, p.minute, locale);
    const day = days.at(-1);
    if (day && day.date === p.date) day.times.push(time);
    else days.push({ date: p.date, times: [time] });
  }
  const at = locale === "de" ? "um" : "at";
  return spokenList(
    days.map((d) => `${spokenLocalDate(d.date, locale)} ${at} ${spokenList(d.times, locale, "or")}`),
    locale,
    "or",
  );
}

/** An instant as ISO 8601 with the zone's offset at that instant ("2026-03-11T14:30:00+01:00"): the agent reads local time. */
export function localIso(instant: Date, timeZone: string): string {
  const p = localParts(instant, timeZone);
  const wall = Date.parse(`${p.date}T${String(p.hour).padStart(2, "0")}:${String(p.minute).padStart(2, "0")}:00Z`);
  const seconds = instant.getUTCSeconds();
  const offset = Math.round((wall + seconds * 1000 - (instant.getTime() - instant.getUTCMilliseconds())) / 60_000);
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  const off = `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
  return `${p.date}T${String(p.hour).padStart(2, "0")}:${String(p.minute).padStart(2, "0")}:${String(seconds).padStart(2, "0")}${off}`;
}
