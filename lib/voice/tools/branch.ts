import "server-only";
import { and, asc, between, eq, isNull } from "drizzle-orm";
import type { Tx } from "@/db";
import { branchClosures, branches, companies, type OpeningHours, type OpeningInterval } from "@/db/schema";
import { localParts, spokenOpeningIntervals, type VoiceLocale } from "@/lib/voice/speech/format";

// The called branch as the agent talks about it: name, company name, weekly opening hours and
// closing days. Read inside the company's transaction (RLS), so a branch id of another company
// reads as missing.

export type BranchFacts = {
  name: string;
  companyName: string;
  openingHours: OpeningHours;
  isActive: boolean;
  /** For the availability engine (lib/scheduling/load.ts AvailabilitySetup). */
  timeZone: string;
  settings: Record<string, unknown>;
};

export async function readBranch(tx: Tx, companyId: string, branchId: string): Promise<BranchFacts | null> {
  const [row] = await tx
    .select({
      name: branches.name,
      openingHours: branches.openingHours,
      isActive: branches.isActive,
      companyName: companies.name,
      timeZone: branches.timeZone,
      settings: branches.settings,
    })
    .from(branches)
    .innerJoin(companies, eq(companies.id, branches.companyId))
    .where(and(eq(branches.companyId, companyId), eq(branches.id, branchId), isNull(branches.deletedAt)));
  return row ?? null;
}

export type Closure = { date: string; reason: string | null };

/** Closing days of the branch between two local dates (inclusive). */
export function readClosures(tx: Tx, companyId: string, branchId: string, fromDate: string, toDate: string): Promise<Closure[]> {
  return tx
    .select({ date: branchClosures.date, reason: branchClosures.reason })
    .from(branchClosures)
    .where(and(eq(branchClosures.companyId, companyId), eq(branchClosures.branchId, branchId), between(branchClosures.date, fromDate, toDate)))
    .orderBy(asc(branchClosures.date));
}

/** No interval on any day means "no restriction" (the availability engine's rule), not "closed". */
export type DayHours = { kind: "unrestricted" } | { kind: "open"; intervals: OpeningInterval[] } | { kind: "closed"; reason: string | null };

export function hoursOn(hours: OpeningHours, closures: readonly Closure[], date: string, weekday: number): DayHours {
  const closure = closures.find((c) => c.date === date);
  if (closure) return { kind: "closed", reason: closure.reason };
  if (!Object.values(hours).some((intervals) => intervals && intervals.length > 0)) return { kind: "unrestricted" };
  const intervals = hours[String(weekday) as keyof OpeningHours] ?? [];
  return intervals.length ? { kind: "open", intervals } : { kind: "closed", reason: null };
}

/** Today's local date and weekday in the zone. */
export const localDayOf = (now: Date, timeZone: string) => {
  const p = localParts(now, timeZone);
  return { date: p.date, weekday: p.weekday };
};

/** A day's hours as a phrase: "von 9 bis 18 Uhr" / "geschlossen" / null when unrestricted. */
export const spokenDayHours = (day: DayHours, locale: VoiceLocale): string | null =>
  day.kind === "unrestricted" ? null : spokenOpeningIntervals(day.kind === "open" ? day.intervals : [], locale);
