"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getLocale } from "next-intl/server";
import { getAppointmentDetail, instantOf } from "@/lib/appointments/calendar";
import { cancelAppointment, rescheduleAppointment, transitionAppointment } from "@/lib/appointments/change";
import { intlLocale } from "@/lib/i18n/config";
import { companyActor } from "@/lib/forms/actor";

// The appointment page's server actions: status changes along the state machine, cancelling and
// moving. Each asks for appointments:update, limits the lookup to the actor's branches and runs
// the one use case in lib/appointments/change.ts with the actor and request for the audit trail.
// Answers are message codes (appointments.messages.<code>) with values; bad input never throws.

export type AppointmentActionState = {
  ok: boolean;
  message: string | null;
  values?: Record<string, string>;
};

const idSchema = z.guid();
const transitionSchema = z.object({ id: idSchema, to: z.enum(["confirmed", "completed", "no_show"]) });
const cancelSchema = z.object({ id: idSchema, reason: z.string().max(500).optional() });
const rescheduleSchema = z.object({
  id: idSchema,
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  staffId: z.union([z.guid(), z.literal("")]).optional(),
  ignoreNotice: z.literal("on").optional(),
});

async function actor() {
  const { user, context, branchIds } = await companyActor("appointments:update");
  return { user, options: { context, branchIds } };
}

const field = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === "string" ? value : undefined;
};

export async function transitionAction(_previous: AppointmentActionState, formData: FormData): Promise<AppointmentActionState> {
  const { user, options } = await actor();
  const parsed = transitionSchema.safeParse({ id: field(formData, "id"), to: field(formData, "to") });
  if (!parsed.success) return { ok: false, message: "invalid" };
  const result = await transitionAppointment(user.companyId, parsed.data.id, parsed.data.to, options);
  if (!result.ok) return { ok: false, message: result.reason };
  revalidatePath(`/appointments/${parsed.data.id}`);
  return { ok: true, message: parsed.data.to };
}

export async function cancelAction(_previous: AppointmentActionState, formData: FormData): Promise<AppointmentActionState> {
  const { user, options } = await actor();
  const parsed = cancelSchema.safeParse({ id: field(formData, "id"), reason: field(formData, "reason") });
  if (!parsed.success) return { ok: false, message: "invalid" };
  const result = await cancelAppointment(user.companyId, parsed.data.id, { reason: parsed.data.reason }, options);
  if (!result.ok) return { ok: false, message: result.reason === "invalid" ? "invalid" : result.reason };
  revalidatePath(`/appointments/${parsed.data.id}`);
  return { ok: true, message: "cancelled" };
}

export async function rescheduleAction(_previous: AppointmentActionState, formData: FormData): Promise<AppointmentActionState> {
  const { user, options } = await actor();
  const parsed = rescheduleSchema.safeParse({
    id: field(formData, "id"),
    date: field(formData, "date"),
    time: field(formData, "time"),
    staffId: field(formData, "staffId"),
    ignoreNotice: field(formData, "ignoreNotice"),
  });
  if (!parsed.success) return { ok: false, message: "invalid" };
  const { id, date, time, staffId, ignoreNotice } = parsed.data;
  // The wall time is the branch's: its zone comes from the appointment, never from the form.
  const current = await getAppointmentDetail(user.companyId, id, options.branchIds);
  if (!current) return { ok: false, message: "not_found" };
  const timeZone = current.branch.timeZone;
  const startsAt = instantOf(timeZone, date, Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5)));
  const result = await rescheduleAppointment(
    user.companyId,
    id,
    { startsAt: startsAt.toISOString(), ...(staffId ? { staffId } : {}) },
    { ...options, enforceNotice: ignoreNotice !== "on" },
  );
  if (!result.ok) {
    const tag = intlLocale(await getLocale());
    const format = new Intl.DateTimeFormat(tag, { dateStyle: "short", timeStyle: "short", timeZone });
    const timeOnly = new Intl.DateTimeFormat(tag, { timeStyle: "short", timeZone });
    const values: Record<string, string> = {};
    if (result.reason === "slot_taken") values.clash = `${format.format(result.clash.startsAt)}–${timeOnly.format(result.clash.endsAt)}`;
    if (result.reason === "too_short_notice") values.earliest = format.format(result.earliest);
    return { ok: false, message: result.reason, values };
  }
  revalidatePath(`/appointments/${id}`);
  return { ok: true, message: "rescheduled" };
}
