"use server";

import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { getLocale } from "next-intl/server";
import { z } from "zod";
import { instantOf } from "@/lib/appointments/calendar";
import { createAppointment, type CreateAppointmentResult, MAX_APPOINTMENT_NOTES } from "@/lib/appointments/create";
import { branchTimeZone, eligibleStaff, findFreeSlots, groupSlotsByDay } from "@/lib/appointments/slots";
import { branchScope } from "@/lib/auth/permissions";
import { type CompanyUser, requireCompanyUser } from "@/lib/auth/session";
import { createCustomer } from "@/lib/customers";
import { listCustomers } from "@/lib/customers/list";
import { auditContextOf } from "@/lib/forms/actor";
import type { FormState } from "@/lib/forms/form-state";
import { blankAsUndefined } from "@/lib/forms/fields";
import { intlLocale } from "@/lib/i18n/config";

// The new-appointment form's server actions: free slots for the picker, the customer
// autocomplete and inline customer creation, and the booking itself through THE use case
// (createAppointment, source "admin"). Each checks its own permission; bad input comes back as
// codes (appointmentForm.messages.* / fieldErrors.*), never as a throw.

const contextOf = (user: CompanyUser) => auditContextOf(user);

// --- the slot picker -------------------------------------------------------------------------

export type PickerSlot = { startsAt: string; endsAt: string; date: string; time: string; staffId: string; staffName: string };
export type PickerResult =
  | { ok: true; timeZone: string; from: string; until: string; nextFrom: string; days: { date: string; label: string; slots: PickerSlot[] }[] }
  | { ok: false; error: "invalid" | "not_found" | "service_not_offered" | "staff_not_eligible" };

/** The first days with free slots from a local date on (3 days, up to 12 slots each). */
export async function findSlotsAction(input: unknown): Promise<PickerResult> {
  const user = await requireCompanyUser({ permission: "appointments:create" });
  const [branchIds, context, locale] = await Promise.all([branchScope(user, "appointments:create"), contextOf(user), getLocale()]);
  const result = await findFreeSlots(user.companyId, input, { branchIds, context });
  if (!result.ok) return { ok: false, error: result.reason };

  const anyStaff = !(input && typeof input === "object" && "staffId" in input && input.staffId);
  const days = groupSlotsByDay(result.slots, result.timeZone, { maxDays: 3, perDay: 12, distinctTimes: anyStaff });
  const dayLabel = new Intl.DateTimeFormat(intlLocale(locale), { weekday: "long", day: "numeric", month: "long", timeZone: "UTC" });
  const last = days.at(-1);
  const nextFrom = days.length === 3 && last ? new Date(Date.parse(`${last.date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10) : result.until;
  return {
    ok: true,
    timeZone: result.timeZone,
    from: result.from,
    until: result.until,
    nextFrom,
    days: days.map((day) => ({
      date: day.date,
      label: dayLabel.format(new Date(`${day.date}T00:00:00Z`)),
      slots: day.slots.map((s) => ({
        startsAt: s.startsAt.toISOString(),
        endsAt: s.endsAt.toISOString(),
        date: s.date,
        time: s.time,
        staffId: s.staffId,
        staffName: s.staffName,
      })),
    })),
  };
}

// --- customers -------------------------------------------------------------------------------

export type CustomerOption = { id: string; name: string; phone: string | null };

const searchSchema = z.string().trim().min(2).max(100);

/** Up to 8 customers by name prefix or exact phone number (lib/customers/list.ts search). */
export async function searchCustomersAction(q: unknown): Promise<CustomerOption[]> {
  const user = await requireCompanyUser({ permission: "customers:read" });
  const parsed = searchSchema.safeParse(q);
  if (!parsed.success) return [];
  const page = await listCustomers(user.companyId, { q: parsed.data, sort: "name.asc", size: 25 }, { countAppointments: false, ...(await contextOf(user)) });
  return page.rows.slice(0, 8).map((r) => ({ id: r.id, name: `${r.firstName} ${r.lastName}`.trim(), phone: r.phone }));
}

export type NewCustomerResult = { ok: true; customer: CustomerOption } | { ok: false; fieldErrors: Record<string, string> };

/** A new customer from the form's inline fields (first and last name, phone). */
export async function createCustomerAction(input: unknown): Promise<NewCustomerResult> {
  const user = await requireCompanyUser({ permission: "customers:create" });
  const fields = z.object({ firstName: z.unknown(), lastName: z.unknown(), phone: z.unknown() }).safeParse(input ?? {});
  if (!fields.success) return { ok: false, fieldErrors: { firstName: "required" } };
  const { firstName, lastName, phone } = fields.data;
  const result = await createCustomer(user.companyId, { firstName, lastName, phone }, await contextOf(user));
  if (!result.ok) return { ok: false, fieldErrors: result.fieldErrors as Record<string, string> };
  const c = result.customer;
  return { ok: true, customer: { id: c.id, name: `${c.firstName} ${c.lastName}`.trim(), phone: c.phone } };
}

// --- booking ---------------------------------------------------------------------------------

export type AppointmentFormField = "branchId" | "serviceId" | "staffId" | "customerId" | "date" | "time" | "notes";

const bookingSchema = z.object({
  branchId: z.guid({ error: "uuid" }),
  serviceId: z.guid({ error: "uuid" }),
  staffId: z.preprocess(blankAsUndefined, z.guid({ error: "uuid" }).optional()),
  customerId: z.guid({ error: "customerRequired" }),
  date: z.iso.date({ error: "date" }),
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: "time" }),
  notes: z.preprocess(blankAsUndefined, z.string().trim().max(MAX_APPOINTMENT_NOTES, { error: "tooLong" }).optional()),
});

type Failure = Extract<CreateAppointmentResult, { ok: false }>;

/** Refusals that depend on the staff member: with "any", the next eligible one may still fit. */
const STAFF_SPECIFIC = new Set<Failure["reason"]>(["slot_taken", "outside_working_hours", "staff_absent", "too_short_notice", "service_not_performed", "staff_not_at_branch"]);
const isStaffSpecific = (f: Failure) => STAFF_SPECIFIC.has(f.reason) || ((f.reason === "not_found" || f.reason === "inactive") && f.field === "staffId");

const text = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === "string" ? value : undefined;
};

/** Books the appointment and opens it; a refusal comes back as message and field codes. */
export async function createAppointmentAction(_previous: FormState<AppointmentFormField>, formData: FormData): Promise<FormState<AppointmentFormField>> {
  const user = await requireCompanyUser({ permission: "appointments:create" });
  const parsed = bookingSchema.safeParse({
    branchId: text(formData, "branchId"),
    serviceId: text(formData, "serviceId"),
    staffId: text(formData, "staffId"),
    customerId: text(formData, "customerId"),
    date: text(formData, "date"),
    time: text(formData, "time"),
    notes: text(formData, "notes"),
  });
  if (!parsed.success) {
    const fieldErrors: Partial<Record<AppointmentFormField, string>> = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as AppointmentFormField;
      fieldErrors[field] ??= issue.message;
    }
    return { ok: false, message: "invalid", fieldErrors };
  }
  const data = parsed.data;
  const [branchIds, context] = await Promise.all([branchScope(user, "appointments:create"), contextOf(user)]);
  // The wall time is the branch's: its zone comes from the branch, never from the form.
  const timeZone = await branchTimeZone(user.companyId, data.branchId, branchIds, context);
  if (!timeZone) return { ok: false, message: "not_found", fieldErrors: { branchId: "not_found" } };
  const startsAt = instantOf(timeZone, data.date, Number(data.time.slice(0, 2)) * 60 + Number(data.time.slice(3, 5))).toISOString();

  // One staff member, or "any": each eligible one in turn until one is free at that time.
  const candidates = data.staffId ? [data.staffId] : (await eligibleStaff(user.companyId, data.branchId, data.serviceId, context)).map((s) => s.id);
  if (candidates.length === 0) return { ok: false, message: "no_staff", fieldErrors: { staffId: "notEligible" } };
  let first: Failure | null = null;
  let created: string | null = null;
  for (const staffId of candidates.slice(0, 30)) {
    const result = await createAppointment(
      user.companyId,
      { branchId: data.branchId, serviceId: data.serviceId, staffId, customerId: data.customerId, startsAt, notes: data.notes },
      { source: "admin", context },
    );
    if (result.ok) {
      created = result.appointment.id;
      break;
    }
    first ??= result;
    if (!isStaffSpecific(result)) {
      first = result;
      break;
    }
  }
  if (!created) {
    if (!data.staffId && first && isStaffSpecific(first) && candidates.length > 1) {
      return { ok: false, message: "none_free", fieldErrors: { time: "unavailable" } };
    }
    return refusal(first!, timeZone);
  }
  revalidatePath("/appointments");
  redirect(`/appointments/${created}`);
}

async function refusal(failure: Failure, timeZone: string): Promise<FormState<AppointmentFormField>> {
  const tag = intlLocale(await getLocale());
  const format = new Intl.DateTimeFormat(tag, { dateStyle: "medium", timeStyle: "short", timeZone });
  const timeOnly = new Intl.DateTimeFormat(tag, { timeStyle: "short", timeZone });
  switch (failure.reason) {
    case "invalid": {
      const fieldErrors: Partial<Record<AppointmentFormField, string>> = {};
      for (const [field, code] of Object.entries(failure.fieldErrors)) {
        fieldErrors[field === "startsAt" ? "time" : (field as AppointmentFormField)] = code;
      }
      return { ok: false, message: "invalid", fieldErrors };
    }
    case "not_found":
    case "inactive":
      return { ok: false, message: failure.reason, fieldErrors: { [failure.field]: failure.reason } };
    case "starts_in_past":
      return { ok: false, message: "starts_in_past", fieldErrors: { time: "past" } };
    case "staff_not_at_branch":
    case "service_not_performed":
      return { ok: false, message: failure.reason, fieldErrors: { staffId: "notEligible" } };
    case "service_not_at_branch":
      return { ok: false, message: failure.reason, fieldErrors: { serviceId: "notOffered" } };
    case "slot_taken":
      return failure.clash
        ? { ok: false, message: "slot_taken", messageValues: { clash: `${format.format(failure.clash.startsAt)}–${timeOnly.format(failure.clash.endsAt)}` }, fieldErrors: { time: "unavailable" } }
        : { ok: false, message: "slot_taken_race", fieldErrors: { time: "unavailable" } };
    case "too_short_notice":
      return { ok: false, message: "too_short_notice", messageValues: { earliest: format.format(failure.earliest) }, fieldErrors: { time: "unavailable" } };
    default:
      return { ok: false, message: failure.reason, fieldErrors: { time: "unavailable" } };
  }
}
