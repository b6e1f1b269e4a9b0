import "server-only";
import { and, eq, gt, inArray, isNull, lt } from "drizzle-orm";
import { z } from "zod";
import { type CompanyContext, withCompany } from "@/db";
import { SQLSTATE, sqlStateOf } from "@/db/errors";
import {
  type Appointment,
  type AppointmentSource,
  appointments,
  branches,
  customers,
  services,
  staff,
  staffBranches,
  staffServices,
} from "@/db/schema";
import { newId } from "@/db/schema/_columns";
import { ACTIVE_APPOINTMENT_STATUSES } from "./status";
import { checkStart } from "@/lib/scheduling/availability";
import { readAvailability } from "@/lib/scheduling/load";

// THE appointment-creation use case: the REST API (POST /api/v1/appointments) calls it now, the
// portal's appointment form and the voice agent will call it too, so the booking rules live here
// once. Inside one transaction of the company: every reference must be the company's and live,
// the staff member must work at the branch and perform the service, the service must be offered
// there; the end follows from the staff member's own duration for the service, else the
// service's; the start must be bookable by the availability engine's rule (working hours,
// breaks, absences, closing days, buffers, minimum notice); and the staff member must have no
// active appointment overlapping it.
//
// Concurrency: the exclusion constraint appointments_staff_no_overlap (drizzle/0017) is the
// guarantee that two active appointments of one staff member never overlap; a create that loses a
// race gets 23P01, answered as slot_taken. To name the clashing appointment in the common case,
// the staff row is also locked (SELECT … FOR UPDATE) before the overlap check: a second create for
// the same staff member waits until the first commits, then finds its appointment. Creates for
// different staff run in parallel.

export const MAX_APPOINTMENT_NOTES = 2000;
const DAY = 86_400_000;

export const createAppointmentSchema = z.object({
  branchId: z.guid({ error: "uuid" }),
  serviceId: z.guid({ error: "uuid" }),
  staffId: z.guid({ error: "uuid" }),
  customerId: z.guid({ error: "uuid" }),
  /** An instant with its UTC offset ("2026-12-01T10:00:00+01:00"): a wall time without one is ambiguous. */
  startsAt: z.iso.datetime({ offset: true, error: "datetime" }),
  notes: z.string().trim().max(MAX_APPOINTMENT_NOTES, { error: "tooLong" }).optional(),
});

export type CreateAppointmentInput = z.input<typeof createAppointmentSchema>;
export type CreateAppointmentField = keyof CreateAppointmentInput;
export type Reference = "branchId" | "serviceId" | "staffId" | "customerId";

export type CreateAppointmentResult =
  | { ok: true; appointment: Appointment }
  | { ok: false; reason: "invalid"; fieldErrors: Partial<Record<CreateAppointmentField, string>> }
  | { ok: false; reason: "not_found" | "inactive"; field: Reference }
  | { ok: false; reason: "starts_in_past" | "staff_not_at_branch" | "service_not_at_branch" | "service_not_performed" }
  /** clash: the overlapping appointment's time, when known. */
  | { ok: false; reason: "slot_taken"; clash: { startsAt: Date; endsAt: Date } | null }
  | { ok: false; reason: "outside_working_hours" | "branch_closed" | "staff_absent" }
  | { ok: false; reason: "too_short_notice"; earliest: Date };

export type CreateAppointmentOptions = {
  source: AppointmentSource;
  /**
   * The acting user and request for the audit trail (withCompany); with `tx`, the booking runs
   * as a savepoint of that transaction of the company (the voice agent's book_appointment).
   */
  context?: CompanyContext;
  /** The booking call, when the voice agent books. */
  bookedByCallId?: string;
  now?: Date;
  /**
   * The service's minimum notice binds callers, the API and online bookings; an operator in the
   * portal (source "admin") may book closer unless this says otherwise.
   */
  enforceNotice?: boolean;
};

export async function createAppointment(
  companyId: string,
  input: unknown,
  options: CreateAppointmentOptions,
): Promise<CreateAppointmentResult> {
  const parsed = createAppointmentSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Partial<Record<CreateAppointmentField, string>> = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as CreateAppointmentField | undefined;
      if (field && !fieldErrors[field]) fieldErrors[field] = issue.message;
    }
    return { ok: false, reason: "invalid", fieldErrors };
  }
  const data = parsed.data;
  const startsAt = new Date(data.startsAt);
  if (startsAt.getTime() <= (options.now ?? new Date()).getTime()) return { ok: false, reason: "starts_in_past" };

  try {
    return await insertChecked(companyId, data, startsAt, options);
  } catch (error) {
    if (sqlStateOf(error) !== SQLSTATE.exclusionViolation) throw error;
    // Lost a race the lock did not cover: the constraint refused it, the clash is not known here.
    return { ok: false, reason: "slot_taken", clash: null };
  }
}

async function insertChecked(
  companyId: string,
  data: z.output<typeof createAppointmentSchema>,
  startsAt: Date,
  options: CreateAppointmentOptions,
): Promise<CreateAppointmentResult> {
  return withCompany(
    companyId,
    async (tx): Promise<CreateAppointmentResult> => {
      // Locks the staff row first (see above), which also proves it is the company's.
      const [member] = await tx
        .select({ id: staff.id, branchId: staff.branchId, isActive: staff.isActive, deletedAt: staff.deletedAt })
        .from(staff)
        .where(and(eq(staff.companyId, companyId), eq(staff.id, data.staffId)))
        .for("update");
      if (!member || member.deletedAt) return { ok: false, reason: "not_found", field: "staffId" };

      const [branch] = await tx
        .select({ isActive: branches.isActive, deletedAt: branches.deletedAt })
        .from(branches)
        .where(and(eq(branches.companyId, companyId), eq(branches.id, data.branchId)));
      if (!branch || branch.deletedAt) return { ok: false, reason: "not_found", field: "branchId" };

      const [service] = await tx
        .select({
          branchId: services.branchId,
          durationMinutes: services.durationMinutes,
          priceCents: services.priceCents,
          currency: services.currency,
          isActive: services.isActive,
          deletedAt: services.deletedAt,
        })
        .from(services)
        .where(and(eq(services.companyId, companyId), eq(services.id, data.serviceId)));
      if (!service || service.deletedAt) return { ok: false, reason: "not_found", field: "serviceId" };

      const [customer] = await tx
        .select({ deletedAt: customers.deletedAt })
        .from(customers)
        .where(and(eq(customers.companyId, companyId), eq(customers.id, data.customerId)));
      if (!customer || customer.deletedAt) return { ok: false, reason: "not_found", field: "customerId" };

      if (!branch.isActive) return { ok: false, reason: "inactive", field: "branchId" };
      if (!member.isActive) return { ok: false, reason: "inactive", field: "staffId" };
      if (!service.isActive) return { ok: false, reason: "inactive", field: "serviceId" };

      if (service.branchId && service.branchId !== data.branchId) return { ok: false, reason: "service_not_at_branch" };
      if (member.branchId !== data.branchId) {
        const [works] = await tx
          .select({ staffId: staffBranches.staffId })
          .from(staffBranches)
          .where(
            and(
              eq(staffBranches.companyId, companyId),
              eq(staffBranches.staffId, data.staffId),
              eq(staffBranches.branchId, data.branchId),
            ),
          );
        if (!works) return { ok: false, reason: "staff_not_at_branch" };
      }
      const [performs] = await tx
        .select({ durationMinutes: staffServices.durationMinutes, priceCents: staffServices.priceCents })
        .from(staffServices)
        .where(
          and(
            eq(staffServices.companyId, companyId),
            eq(staffServices.staffId, data.staffId),
            eq(staffServices.serviceId, data.serviceId),
          ),
        );
      if (!performs) return { ok: false, reason: "service_not_performed" };

      const minutes = performs.durationMinutes ?? service.durationMinutes;
      const endsAt = new Date(startsAt.getTime() + minutes * 60_000);

      // Working hours, breaks, absences, closing days, buffers and minimum notice: the
      // availability engine's rule for exactly this start (lib/scheduling).
      const request = await readAvailability(tx, {
        branchId: data.branchId,
        serviceId: data.serviceId,
        staffId: data.staffId,
        from: new Date(startsAt.getTime() - DAY),
        to: new Date(startsAt.getTime() + DAY),
        now: options.now ?? new Date(),
      });
      const check = checkStart(request, data.staffId, startsAt, { enforceNotice: options.enforceNotice ?? options.source !== "admin" });
      if (!check.ok) {
        if (check.reason === "slot_taken") return { ok: false, reason: "slot_taken", clash: check.clash };
        if (check.reason === "too_short_notice") return { ok: false, reason: "too_short_notice", earliest: check.earliest };
        return { ok: false, reason: check.reason };
      }

      const [clash] = await tx
        .select({ startsAt: appointments.startsAt, endsAt: appointments.endsAt })
        .from(appointments)
        .where(
          and(
            eq(appointments.companyId, companyId),
            eq(appointments.staffId, data.staffId),
            inArray(appointments.status, [...ACTIVE_APPOINTMENT_STATUSES]),
            isNull(appointments.deletedAt),
            lt(appointments.startsAt, endsAt),
            gt(appointments.endsAt, startsAt),
          ),
        )
        .orderBy(appointments.startsAt)
        .limit(1);
      if (clash) return { ok: false, reason: "slot_taken", clash };

      const [row] = await tx
        .insert(appointments)
        .values({
          id: newId(),
          companyId,
          branchId: data.branchId,
          staffId: data.staffId,
          serviceId: data.serviceId,
          customerId: data.customerId,
          startsAt,
          endsAt,
          status: "booked",
          source: options.source,
          bookedByCallId: options.bookedByCallId ?? null,
          priceCents: performs.priceCents ?? service.priceCents,
          currency: service.currency,
          notes: data.notes ? data.notes : null,
        })
        .returning();
      return { ok: true, appointment: row! };
    },
    options.context,
  );
}
