import "server-only";
import { and, eq } from "drizzle-orm";
import { type Tx, withCompany } from "@/db";
import { branches, type Staff, staffAbsences } from "@/db/schema";
import { newId } from "@/db/schema/_columns";
import { countAppointmentsInside } from "@/lib/appointments/active-appointments";
import { localDateTimeInstant, localInstant, nextDate } from "./local-time";
import { lockStaff, type StaffWriteOptions } from "./queries";
import { absenceInputSchema, isUuid, type StaffFieldErrors, staffFieldErrors } from "./schemas";

// A staff member's absences (vacation, sick, training, other): whole days ("from 3 to 7 August",
// from the first day's local midnight to the midnight after the last) or from a local date-time to
// another, both read in the home branch's time zone and stored as instants. The availability
// engine offers no slots inside them. Appointments already booked inside are NOT cancelled: the
// answer counts them (active ones), so the user can move them.

export type AbsenceResult =
  | { ok: true; id: string; startsAt: Date; endsAt: Date; appointmentsInside: number }
  | { ok: false; reason: "invalid"; fieldErrors: StaffFieldErrors }
  | { ok: false; reason: "not_found" };

async function instantsOf(tx: Tx, companyId: string, member: Staff, input: unknown) {
  const parsed = absenceInputSchema.safeParse(input ?? {});
  if (!parsed.success) return { ok: false as const, fieldErrors: staffFieldErrors(parsed.error) };
  const data = parsed.data;
  const [home] = await tx.select({ timeZone: branches.timeZone }).from(branches).where(and(eq(branches.companyId, companyId), eq(branches.id, member.branchId)));
  const timeZone = home?.timeZone ?? "Europe/Berlin";
  const startsAt = data.allDay ? localInstant(timeZone, data.startDate) : localDateTimeInstant(timeZone, data.startsAt);
  const endsAt = data.allDay ? localInstant(timeZone, nextDate(data.endDate)) : localDateTimeInstant(timeZone, data.endsAt);
  // A local end inside the skipped hour may land on the start: still "end before start".
  if (endsAt <= startsAt) return { ok: false as const, fieldErrors: { [data.allDay ? "endDate" : "endsAt"]: "endBeforeStart" } };
  return { ok: true as const, kind: data.kind, note: data.note ?? null, startsAt, endsAt };
}

/** Adds an absence (id absent) or changes one of the staff member's absences. */
export async function saveAbsence(companyId: string, staffId: string, absenceId: string | null, input: unknown, options: StaffWriteOptions = {}): Promise<AbsenceResult> {
  return withCompany(
    companyId,
    async (tx): Promise<AbsenceResult> => {
      const member = await lockStaff(tx, companyId, staffId, options.scope);
      if (!member || member.deletedAt) return { ok: false, reason: "not_found" };
      if (absenceId !== null && !isUuid(absenceId)) return { ok: false, reason: "not_found" };
      const checked = await instantsOf(tx, companyId, member, input);
      if (!checked.ok) return { ok: false, reason: "invalid", fieldErrors: checked.fieldErrors };
      const values = { kind: checked.kind, note: checked.note, startsAt: checked.startsAt, endsAt: checked.endsAt };
      let id: string;
      if (absenceId === null) {
        id = newId();
        await tx.insert(staffAbsences).values({ id, companyId, staffId: member.id, ...values });
      } else {
        const [row] = await tx
          .update(staffAbsences)
          .set(values)
          .where(and(eq(staffAbsences.companyId, companyId), eq(staffAbsences.staffId, member.id), eq(staffAbsences.id, absenceId)))
          .returning({ id: staffAbsences.id });
        if (!row) return { ok: false, reason: "not_found" };
        id = row.id;
      }
      const inside = await countAppointmentsInside(tx, companyId, { staffId: member.id }, checked.startsAt, checked.endsAt);
      return { ok: true, id, startsAt: checked.startsAt, endsAt: checked.endsAt, appointmentsInside: inside };
    },
    options.context,
  );
}
