import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { type CompanyContext, type Tx, withCompany } from "@/db";
import { branches, staff, workingHours } from "@/db/schema";
import { localToday } from "./local-time";
import { additionalBranchIds, type StaffScope, staffInScope } from "./queries";
import { isUuid, type Week, WEEKDAYS } from "./schemas";

// A staff member's weekly schedules at one branch. The table holds one row per shift (weekday,
// start, end, breaks) with a validity range; a "schedule" is the set of rows sharing one range
// (valid_from … valid_to, null = open-ended), and no two schedules of a staff member at a branch
// are valid on the same day (set-working-hours.ts keeps it so). The availability engine reads the
// rows as they are (lib/scheduling/load.ts): every row valid on a date counts, breaks are cut out.

export type ScheduleStatus = "current" | "future" | "past";
export type Schedule = { validFrom: string; validTo: string | null; days: Week; status: ScheduleStatus };

const clock = (time: string) => time.slice(0, 5);
const emptyWeek = (): Week => Object.fromEntries(WEEKDAYS.map((d) => [d, []])) as unknown as Week;

export type ScheduleRow = { weekday: number; startTime: string; endTime: string; breaks: { start: string; end: string }[]; validFrom: string; validTo: string | null };

/** Rows → schedules, ordered by valid-from (shifts of a day by start). */
export function groupSchedules(rows: readonly ScheduleRow[], today: string): Schedule[] {
  const byRange = new Map<string, Schedule>();
  for (const row of rows) {
    const key = `${row.validFrom}|${row.validTo ?? ""}`;
    let schedule = byRange.get(key);
    if (!schedule) {
      const status: ScheduleStatus = row.validFrom > today ? "future" : row.validTo !== null && row.validTo < today ? "past" : "current";
      schedule = { validFrom: row.validFrom, validTo: row.validTo, days: emptyWeek(), status };
      byRange.set(key, schedule);
    }
    const day = String(row.weekday) as keyof Week;
    schedule.days[day]?.push({ start: clock(row.startTime), end: clock(row.endTime), breaks: row.breaks.map((b) => ({ start: clock(b.start), end: clock(b.end) })) });
  }
  const out = [...byRange.values()].sort((a, b) => (a.validFrom < b.validFrom ? -1 : a.validFrom > b.validFrom ? 1 : 0));
  for (const s of out) for (const day of WEEKDAYS) s.days[day].sort((a, b) => (a.start < b.start ? -1 : 1));
  return out;
}

/** The rows of one staff member at one branch. */
export async function scheduleRows(tx: Tx, companyId: string, staffId: string, branchId: string): Promise<(ScheduleRow & { id: string })[]> {
  return tx
    .select({
      id: workingHours.id,
      weekday: workingHours.weekday,
      startTime: workingHours.startTime,
      endTime: workingHours.endTime,
      breaks: workingHours.breaks,
      validFrom: workingHours.validFrom,
      validTo: workingHours.validTo,
    })
    .from(workingHours)
    .where(and(eq(workingHours.companyId, companyId), eq(workingHours.staffId, staffId), eq(workingHours.branchId, branchId)))
    .orderBy(asc(workingHours.validFrom), asc(workingHours.weekday), asc(workingHours.startTime));
}

export type BranchSchedules = { branchId: string; branchName: string; timeZone: string; today: string; schedules: Schedule[] };

/**
 * The schedules of a staff member at each branch they may work at (home branch first). Empty for
 * a staff member outside the company or the scope.
 */
export async function listSchedules(
  companyId: string,
  staffId: string,
  scope?: StaffScope,
  options: { now?: Date; context?: CompanyContext } = {},
): Promise<BranchSchedules[]> {
  if (!isUuid(staffId)) return [];
  return withCompany(
    companyId,
    async (tx) => {
      const [member] = await tx
        .select({ id: staff.id, branchId: staff.branchId })
        .from(staff)
        .where(and(eq(staff.companyId, companyId), eq(staff.id, staffId), staffInScope(tx, scope)));
      if (!member) return [];
      const ids = [member.branchId, ...(await additionalBranchIds(tx, companyId, member.id)).filter((id) => id !== member.branchId)];
      const out: BranchSchedules[] = [];
      for (const branchId of ids) {
        const [branch] = await tx.select({ name: branches.name, timeZone: branches.timeZone }).from(branches).where(and(eq(branches.companyId, companyId), eq(branches.id, branchId)));
        if (!branch) continue;
        const today = localToday(branch.timeZone, options.now ?? new Date());
        out.push({ branchId, branchName: branch.name, timeZone: branch.timeZone, today, schedules: groupSchedules(await scheduleRows(tx, companyId, member.id, branchId), today) });
      }
      return out;
    },
    options.context,
  );
}
