// Dates and times on the dashboard: in the branch's zone, in the UI language (design.md §7).

/** The calendar date (yyyy-mm-dd) of an instant in a zone. */
function localDate(instant: Date, timeZone: string): string {
  // en-CA formats as yyyy-mm-dd.
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(instant);
}

export type AppointmentWhen = {
  /** "today" / "tomorrow" for the UI to translate, or a formatted date ("Mi., 1. Apr."). */
  day: { kind: "today" | "tomorrow" } | { kind: "date"; label: string };
  /** "14:30–15:15", with the zone's short name when it differs from the company's ("14:30–15:15 MESZ"). */
  time: string;
};

export function formatAppointmentWhen(
  startsAt: Date,
  endsAt: Date,
  options: { locale: string; timeZone: string; companyTimeZone: string; now: Date },
): AppointmentWhen {
  const { locale, timeZone, companyTimeZone, now } = options;
  const startDay = localDate(startsAt, timeZone);
  const today = localDate(now, timeZone);
  const day: AppointmentWhen["day"] =
    startDay === today
      ? { kind: "today" }
      : isNextDay(today, startDay)
        ? { kind: "tomorrow" }
        : {
            kind: "date",
            label: new Intl.DateTimeFormat(locale, { timeZone, weekday: "short", day: "numeric", month: "short" }).format(
              startsAt,
            ),
          };

  const clock = new Intl.DateTimeFormat(locale, { timeZone, hour: "2-digit", minute: "2-digit" });
  let time = `${clock.format(startsAt)}–${clock.format(endsAt)}`;
  if (timeZone !== companyTimeZone) {
    const zone = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: "short" })
      .formatToParts(startsAt)
      .find((part) => part.type === "timeZoneName")?.value;
    if (zone) time = `${time} ${zone}`;
  }
  return { day, time };
}

/** Calendar arithmetic on the local dates themselves, so a 23- or 25-hour DST day is no issue. */
function isNextDay(today: string, candidate: string): boolean {
  const next = new Date(`${today}T12:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10) === candidate;
}

/** "Montag, 30. März 2026" for the page header. */
export function formatLongDate(instant: Date, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone, weekday: "long", day: "numeric", month: "long", year: "numeric" }).format(
    instant,
  );
}

/** The zone if the runtime knows it, else the fallback: one bad row must not break the page. */
export function knownTimeZone(timeZone: string | null | undefined, fallback = "Europe/Berlin"): string {
  if (!timeZone) return fallback;
  try {
    new Intl.DateTimeFormat("en", { timeZone });
    return timeZone;
  } catch {
    return fallback;
  }
}
