import "server-only";
import { z } from "zod";
import { toolTransaction } from "./transaction";
import type { OpeningHours } from "@/db/schema";
import { parseDatePhrase } from "@/lib/voice/date-phrases";
import { localParts, spokenLocalDate, spokenOpeningIntervals, type VoiceLocale, weekdayName } from "@/lib/voice/speech/format";
import { phrasesFor } from "@/lib/voice/speech/phrases";
import { optionalArg } from "./args";
import { hoursOn, readBranch, readClosures, spokenDayHours } from "./branch";
import { fail, ok } from "./result";
import { defineTool } from "./types";

// opening_hours: the week ("Montag bis Freitag von 9 bis 18 Uhr; Samstag …"), or one day the
// caller names ("morgen", "am 24. Dezember"), closing days included. A phrase covering several
// days ("nächste Woche") answers with the week and lists the closing days inside it.

const WEEK = [1, 2, 3, 4, 5, 6, 7] as const;

/** Consecutive weekdays with the same hours in one part: "Montag bis Freitag von 9 bis 18 Uhr". */
export function spokenWeek(hours: OpeningHours, locale: VoiceLocale): string[] {
  const p = phrasesFor(locale);
  const of = (d: number) => spokenOpeningIntervals(hours[String(d) as keyof OpeningHours] ?? [], locale);
  const parts: string[] = [];
  for (let i = 0; i < WEEK.length; ) {
    let j = i;
    while (j + 1 < WEEK.length && of(WEEK[j + 1]!) === of(WEEK[i]!)) j++;
    const days = i === j ? weekdayName(WEEK[i]!, locale) : p.dayRange(weekdayName(WEEK[i]!, locale), weekdayName(WEEK[j]!, locale));
    parts.push(`${days} ${of(WEEK[i]!)}`);
    i = j + 1;
  }
  return parts;
}

const weekData = (hours: OpeningHours) =>
  Object.fromEntries(WEEK.map((d) => [String(d), hours[String(d) as keyof OpeningHours] ?? []]));

export const openingHoursTool = defineTool({
  name: "opening_hours",
  args: z.object({ date_phrase: optionalArg() }),
  run: (args, ctx) =>
    toolTransaction(ctx, async (tx) => {
      const p = phrasesFor(ctx.locale);
      const branch = await readBranch(tx, ctx.companyId, ctx.branchId);
      if (!branch || !branch.isActive) return fail("branch_unavailable", p.branchUnavailable);
      const unrestricted = !Object.values(branch.openingHours).some((i) => i && i.length > 0);

      if (args.date_phrase) {
        const parsed = parseDatePhrase(args.date_phrase, { now: ctx.now, timeZone: ctx.timeZone });
        if (!parsed.ok) return parsed.error === "in_the_past" ? fail("in_the_past", p.inThePast) : fail("unparseable_date", p.unparseableDate);
        const first = localParts(parsed.from, ctx.timeZone);
        const last = localParts(new Date(parsed.to.getTime() - 1), ctx.timeZone);
        const closures = await readClosures(tx, ctx.companyId, ctx.branchId, first.date, last.date);
        if (first.date === last.date) {
          const day = hoursOn(branch.openingHours, closures, first.date, first.weekday);
          const spokenDay = spokenLocalDate(first.date, ctx.locale);
          const hours = spokenDayHours(day, ctx.locale);
          const message = hours === null ? p.noFixedHours : p.hoursOnDay(spokenDay, hours, day.kind === "closed" ? day.reason : null);
          return ok(message, { date: first.date, open: day.kind !== "closed", hours: day.kind === "open" ? day.intervals : [], closure: day.kind === "closed" ? { reason: day.reason } : null });
        }
        const closed = closures.map((c) => p.hoursOnDay(spokenLocalDate(c.date, ctx.locale), spokenOpeningIntervals([], ctx.locale), c.reason));
        const week = unrestricted ? p.noFixedHours : p.hoursWeek(spokenWeek(branch.openingHours, ctx.locale));
        return ok([week, ...closed].join(" "), { from: first.date, to: last.date, week: weekData(branch.openingHours), closures });
      }

      if (unrestricted) return ok(p.noFixedHours, { week: weekData(branch.openingHours), closures: [] });
      return ok(p.hoursWeek(spokenWeek(branch.openingHours, ctx.locale)), { week: weekData(branch.openingHours) });
    }),
});
