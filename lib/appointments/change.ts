import "server-only";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { type CompanyContext, withCompany } from "@/db";
import { type Appointment, type AppointmentStatus, appointments } from "@/db/schema";
import { SQLSTATE, sqlStateOf } from "@/db/errors";
import { checkStart, type StartProblem } from "@/lib/scheduling/availability";
import { readAvailability, SlotQueryError } from "@/lib/scheduling/load";
import { ACTIVE_APPOINTMENT_STATUSES, canTransition } from "./status";

// Changing an appointment after it was booked — move it (time and/or staff member), cancel it,
// or move it along the state machine (confirm, complete, no-show) — one use case each, shared
// by the portal, the REST API and the voice agent. Every change runs in one transaction of the
// company with the acting user and request for the audit trail; a move is checked against the
// availability engine (working hours, breaks, absences, closing days, buffers; minimum notice
// unless an operator overrides it) with the appointment's own time not counting as busy, and the
// exclusion constraint (drizzle/0017) settles a race with a concurrent booking.

const DAY = 86_400_000;
const UUID = z.guid();

export const rescheduleSchema = z.object({
  startsAt: z.iso.datetime({ offset: true, error: "datetime" }),
  staffId: z.guid({ error: "uuid" }).optional(),
});

export const cancelSchema = z.object({
  reason: z.string().trim().max(500, { error: "tooLong" }).optional(),
});

type NotFound = { ok: false; reason: "not_found" };
type NotChangeable = { ok: false; reason: "not_changeable"; status: AppointmentStatus };

export type RescheduleResult =
  | { ok: true; appointment: Appointment }
  | { ok: false; reason: "invalid"; fieldErrors: Partial<Record<"startsAt" | "staffId", string>> }
  | NotFound
  | NotChangeable
  | { ok: false; reason: "staff_not_eligible" }
  | ({ ok: false } & StartProblem);

export type ChangeOptions = {
  context?: CompanyContext;
  now?: Date;
  /** Operators may book closer than the service's minimum notice; callers and the API may not. */
  enforceNotice?: boolean;
  /** The actor's branch scope (branchScope): an appointment of another branch is not found. */
  branchIds?: readonly string[] | null;
};

/** Limits a lookup to the actor's branches (null/undefined = all of the company's). */
function inScope(branchIds: readonly string[] | null | undefined) {
  if (!branchIds) return undefined;
  return branchIds.length ? inArray(appointments.branchId, [...branchIds]) : sql`false`;
}

export async function rescheduleAppointment(
  companyId: string,
  appointmentId: string,
  input: unknown,
  options: ChangeOptions = {},
): Promise<RescheduleResult> {
  const parsed = rescheduleSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Partial<Record<"startsAt" | "staffId", string>> = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as "startsAt" | "staffId" | undefined;
      if (field && !fieldErrors[field]) fieldErrors[field] = issue.message;
    }
    return { ok: false, reason: "invalid", fieldErrors };
  }
  if (!UUID.safeParse(appointmentId).success) return { ok: false, reason: "not_found" };
  const startsAt = new Date(parsed.data.startsAt);
  const now = options.now ?? new Date();

  try {
    return await withCompany(
      companyId,
      async (tx): Promise<RescheduleResult> => {
        const [current] = await tx
          .select()
          .from(appointments)
          .where(and(eq(appointments.id, appointmentId), isNull(appointments.deletedAt), inScope(options.branchIds)))
          .for("update");
        if (!current) return { ok: false, reason: "not_found" };
        if (!(ACTIVE_APPOINTMENT_STATUSES as readonly string[]).includes(current.status)) {
          return { ok: false, reason: "not_changeable", status: current.status };
        }
        const staffId = parsed.data.staffId ?? current.staffId;
        if (!staffId) return { ok: false, reason: "staff_not_eligible" };

        let request;
        try {
          request = await readAvailability(tx, {
            branchId: current.branchId,
            serviceId: current.serviceId,
            staffId,
            from: new Date(startsAt.getTime() - DAY),
            to: new Date(startsAt.getTime() + DAY),
            now,
            excludeAppointmentId: current.id,
          });
        } catch (error) {
          if (error instanceof SlotQueryError) return { ok: false, reason: "staff_not_eligible" };
          throw error;
        }
        const check = checkStart(request, staffId, startsAt, { enforceNotice: options.enforceNotice ?? true });
        if (!check.ok) {
          const { ok: _, ...problem } = check;
          return { ok: false, ...problem };
        }
        const [row] = await tx
          .update(appointments)
          .set({ startsAt, endsAt: check.endsAt, staffId })
          .where(eq(appointments.id, current.id))
          .returning();
        return { ok: true, appointment: row! };
      },
      options.context,
    );
  } catch (error) {
    // A concurrent booking took the time between the check and the update.
    if (sqlStateOf(error) === SQLSTATE.exclusionViolation) return { ok: false, reason: "slot_taken", clash: { startsAt, endsAt: startsAt } };
    throw error;
  }
}

export type StatusChangeResult = { ok: true; appointment: Appointment } | NotFound | { ok: false; reason: "invalid_transition"; from: AppointmentStatus; to: AppointmentStatus } | { ok: false; reason: "invalid"; fieldErrors: { reason?: string } };

/** Cancels a pending, booked or confirmed appointment; the time becomes free at once. */
export async function cancelAppointment(
  companyId: string,
  appointmentId: string,
  input: unknown,
  options: ChangeOptions = {},
): Promise<StatusChangeResult> {
  const parsed = cancelSchema.safeParse(input ?? {});
  if (!parsed.success) return { ok: false, reason: "invalid", fieldErrors: { reason: parsed.error.issues[0]?.message } };
  return changeStatus(companyId, appointmentId, "cancelled", options, {
    cancelledAt: options.now ?? new Date(),
    cancellationReason: parsed.data.reason || null,
  });
}

/** Moves an appointment along the state machine (lib/appointments/status.ts), e.g. booked → confirmed. */
export async function transitionAppointment(
  companyId: string,
  appointmentId: string,
  to: Exclude<AppointmentStatus, "cancelled">,
  options: ChangeOptions = {},
): Promise<StatusChangeResult> {
  return changeStatus(companyId, appointmentId, to, options, {});
}

async function changeStatus(
  companyId: string,
  appointmentId: string,
  to: AppointmentStatus,
  options: ChangeOptions,
  extra: Partial<typeof appointments.$inferInsert>,
): Promise<StatusChangeResult> {
  if (!UUID.safeParse(appointmentId).success) return { ok: false, reason: "not_found" };
  return withCompany(
    companyId,
    async (tx): Promise<StatusChangeResult> => {
      const [current] = await tx
        .select({ id: appointments.id, status: appointments.status })
        .from(appointments)
        .where(and(eq(appointments.id, appointmentId), isNull(appointments.deletedAt), inScope(options.branchIds)))
        .for("update");
      if (!current) return { ok: false, reason: "not_found" };
      if (!canTransition(current.status, to)) return { ok: false, reason: "invalid_transition", from: current.status, to };
      const [row] = await tx
        .update(appointments)
        .set({ status: to, ...extra })
        .where(eq(appointments.id, current.id))
        .returning();
      return { ok: true, appointment: row! };
    },
    options.context,
  );
}
