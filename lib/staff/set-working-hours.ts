import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { withCompany } from "@/db";
import { workingHours } from "@/db/schema";
import { newId } from "@/db/schema/_columns";
import { previousDate } from "./local-time";
import { additionalBranchIds, lockStaff, type StaffWriteOptions } from "./queries";
import { isUuid, type StaffFieldErrors, staffFieldErrors, WEEKDAYS, workingScheduleInputSchema } from "./schemas";
import { scheduleRows } from "./working-hours";

// The weekly editor's save: "the schedule of this staff member at this branch valid from X (to Y,
// or open-ended)" — 7 days of shifts with breaks (rules in ./schemas.ts). It replaces the schedule
// that started on X (and the one being edited, when its start moved). A schedule that was
// open-ended and started before X ends the day before X: saving "from 1 March" is how a new
// weekly pattern takes over. Any other schedule still valid on a day of the new range is a
// conflict ("scheduleOverlap", with its range), so no two schedules are ever valid on one day.
// The staff row is locked first: two saves for one person run one after the other.

export type ScheduleRange = { validFrom: string; validTo: string | null };

export type SetWorkingHoursResult =
  | { ok: true; schedule: ScheduleRange; shifts: number; ended: ScheduleRange | null }
  | { ok: false; reason: "invalid"; fieldErrors: StaffFieldErrors; conflict?: ScheduleRange }
  | { ok: false; reason: "not_found" };

export async function setWorkingHours(companyId: string, staffId: string, input: unknown, options: StaffWriteOptions = {}): Promise<SetWorkingHoursResult> {
  const parsed = workingScheduleInputSchema.safeParse(input ?? {});
  if (!parsed.success) return { ok: false, reason: "invalid", fieldErrors: staffFieldErrors(parsed.error) };
  const data = parsed.data;
  return withCompany(
    companyId,
    async (tx): Promise<SetWorkingHoursResult> => {
      const member = await lockStaff(tx, companyId, staffId, options.scope);
      if (!member || member.deletedAt) return { ok: false, reason: "not_found" };
      // Only a branch the staff member may work at (another company's id is simply not one of them),
      // and for a branch role only its own branches.
      const allowed = new Set([member.branchId, ...(await additionalBranchIds(tx, companyId, member.id))]);
      if (!allowed.has(data.branchId)) return { ok: false, reason: "invalid", fieldErrors: { branchId: "branchNotAssigned" } };
      if (options.scope && !options.scope.includes(data.branchId)) return { ok: false, reason: "invalid", fieldErrors: { branchId: "branch" } };

      const rows = await scheduleRows(tx, companyId, member.id, data.branchId);
      const replaced = new Set([data.validFrom, ...(data.originalFrom ? [data.originalFrom] : [])]);
      const others = new Map<string, string | null>();
      for (const row of rows) if (!replaced.has(row.validFrom)) others.set(row.validFrom, row.validTo);

      let ended: ScheduleRange | null = null;
      for (const [from, to] of others) {
        if (to === null && from < data.validFrom) {
          ended = { validFrom: from, validTo: previousDate(data.validFrom) };
          others.set(from, ended.validTo);
        }
      }
      const newTo = data.validTo ?? null;
      for (const [from, to] of [...others].sort(([a], [b]) => (a < b ? -1 : 1))) {
        const overlaps = (newTo === null || from <= newTo) && (to === null || to >= data.validFrom);
        if (overlaps) return { ok: false, reason: "invalid", fieldErrors: { validFrom: "scheduleOverlap" }, conflict: { validFrom: from, validTo: to } };
      }

      const replacedIds = rows.filter((r) => replaced.has(r.validFrom)).map((r) => r.id);
      if (replacedIds.length) await tx.delete(workingHours).where(and(eq(workingHours.companyId, companyId), inArray(workingHours.id, replacedIds)));
      if (ended) {
        await tx
          .update(workingHours)
          .set({ validTo: ended.validTo })
          .where(
            and(
              eq(workingHours.companyId, companyId),
              eq(workingHours.staffId, member.id),
              eq(workingHours.branchId, data.branchId),
              eq(workingHours.validFrom, ended.validFrom),
            ),
          );
      }
      const values = WEEKDAYS.flatMap((day) =>
        data.days[day].map((shift) => ({
          id: newId(),
          companyId,
          staffId: member.id,
          branchId: data.branchId,
          weekday: Number(day),
          startTime: shift.start,
          endTime: shift.end,
          breaks: shift.breaks,
          validFrom: data.validFrom,
          validTo: newTo,
        })),
      );
      await tx.insert(workingHours).values(values);
      return { ok: true, schedule: { validFrom: data.validFrom, validTo: newTo }, shifts: values.length, ended };
    },
    options.context,
  );
}

export type DeleteScheduleResult = { ok: true; removed: number } | { ok: false; reason: "not_found" };

/** Removes one schedule (all its shifts) of a staff member at a branch; the one before stays as it is. */
export async function deleteSchedule(
  companyId: string,
  staffId: string,
  target: { branchId: string; validFrom: string },
  options: StaffWriteOptions = {},
): Promise<DeleteScheduleResult> {
  return withCompany(
    companyId,
    async (tx): Promise<DeleteScheduleResult> => {
      const member = await lockStaff(tx, companyId, staffId, options.scope);
      if (!member || member.deletedAt) return { ok: false, reason: "not_found" };
      if (!isUuid(target.branchId) || (options.scope && !options.scope.includes(target.branchId))) return { ok: false, reason: "not_found" };
      const rows = (await scheduleRows(tx, companyId, member.id, target.branchId)).filter((r) => r.validFrom === target.validFrom);
      if (rows.length === 0) return { ok: false, reason: "not_found" };
      await tx.delete(workingHours).where(and(eq(workingHours.companyId, companyId), inArray(workingHours.id, rows.map((r) => r.id))));
      return { ok: true, removed: rows.length };
    },
    options.context,
  );
}
