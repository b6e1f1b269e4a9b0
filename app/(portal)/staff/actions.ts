"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { Permission } from "@/lib/auth/permissions";
import { companyActor } from "@/lib/forms/actor";
import { type FormState, formField } from "@/lib/forms/form-state";
import { createStaff } from "@/lib/staff/create-staff";
import { deleteAbsence } from "@/lib/staff/delete-absence";
import { deleteStaff, restoreStaff } from "@/lib/staff/delete-staff";
import { saveAbsence } from "@/lib/staff/save-absence";
import { setStaffServices } from "@/lib/staff/set-staff-services";
import { deleteSchedule, setWorkingHours } from "@/lib/staff/set-working-hours";
import { updateStaff } from "@/lib/staff/update-staff";

// The staff pages' server actions. Permissions (lib/auth/permissions.ts): create → staff:create;
// profile, services, working hours and absences → staff:update; delete and restore → staff:delete.
// A branch manager acts within its branches (branchScope). Bad input never throws: field codes
// (staff.fieldErrors.<code>, else forms.fieldErrors.<code>) and message codes (staff.messages.<code>).

export type StaffFormState = FormState & { at?: number };

async function actor(permission: Permission) {
  const { user, context, branchIds } = await companyActor(permission);
  return { user, context, scope: branchIds };
}


const done = (message: string, messageValues?: Record<string, string>): StaffFormState => ({ ok: true, message, messageValues, at: Date.now() });
const failed = (message: string, extra: Partial<StaffFormState> = {}): StaffFormState => ({ ok: false, message, ...extra, at: Date.now() });

function refresh(id?: string) {
  revalidatePath("/staff");
  if (id) revalidatePath(`/staff/${id}`);
}

/** Creates a staff member (no id in the form) or saves the edited profile; a new one opens its page. */
export async function saveStaffAction(_previous: StaffFormState, formData: FormData): Promise<StaffFormState> {
  const id = formField(formData, "id");
  const { user, context, scope } = await actor(id ? "staff:update" : "staff:create");
  const input = {
    firstName: formField(formData, "firstName") ?? "",
    lastName: formField(formData, "lastName") ?? "",
    displayName: formField(formData, "displayName"),
    email: formField(formData, "email"),
    phone: formField(formData, "phone"),
    color: formField(formData, "color"),
    bio: formField(formData, "bio"),
    isActive: formData.get("isActive") === "on",
    branchId: formField(formData, "branchId") ?? "",
    branchIds: formData.getAll("branchIds").filter((v): v is string => typeof v === "string"),
  };
  const result = id ? await updateStaff(user.companyId, id, input, { context, scope }) : await createStaff(user.companyId, input, { context, scope });
  if (!result.ok) {
    if (result.reason === "invalid") return failed("invalid", { fieldErrors: result.fieldErrors });
    return failed(result.reason);
  }
  refresh(result.staff.id);
  if (!id) redirect(`/staff/${result.staff.id}`);
  return done("saved");
}

/** Soft-deletes (mode=delete) or restores (mode=restore) a staff member. */
export async function deleteStaffAction(_previous: StaffFormState, formData: FormData): Promise<StaffFormState> {
  const { user, context, scope } = await actor("staff:delete");
  const id = formField(formData, "id") ?? "";
  if (formField(formData, "mode") === "restore") {
    const result = await restoreStaff(user.companyId, id, { context, scope });
    if (!result.ok) return failed(result.reason);
    refresh(id);
    return done("restored");
  }
  const result = await deleteStaff(user.companyId, id, { context, scope });
  if (!result.ok) return failed(result.reason, result.reason === "has_appointments" ? { messageValues: { count: String(result.count) } } : {});
  refresh(id);
  return done("deleted");
}

/** The services checklist: "service" = each ticked id, "duration.<id>" / "price.<id>" its own values. */
export async function saveServicesAction(_previous: StaffFormState, formData: FormData): Promise<StaffFormState> {
  const { user, context, scope } = await actor("staff:update");
  const id = formField(formData, "id") ?? "";
  const picked = formData.getAll("service").filter((v): v is string => typeof v === "string");
  const services = Object.fromEntries(
    picked.map((serviceId) => [serviceId, { durationMinutes: formField(formData, `duration.${serviceId}`), priceCents: formField(formData, `price.${serviceId}`) }]),
  );
  const result = await setStaffServices(user.companyId, id, { services }, { context, scope });
  if (!result.ok) {
    if (result.reason === "invalid") return failed("invalid", { fieldErrors: result.fieldErrors });
    return failed(result.reason);
  }
  refresh(id);
  return done("servicesSaved", { count: String(result.count) });
}

/** The weekly editor's save: the week as JSON in "days", with its branch and validity range. */
export async function saveWorkingHoursAction(_previous: StaffFormState, formData: FormData): Promise<StaffFormState> {
  const { user, context, scope } = await actor("staff:update");
  const id = formField(formData, "id") ?? "";
  let days: unknown = "invalid";
  try {
    days = JSON.parse(formField(formData, "days") ?? "");
  } catch {
    // Malformed: the schema refuses it.
  }
  const input = {
    branchId: formField(formData, "branchId") ?? "",
    validFrom: formField(formData, "validFrom") ?? "",
    validTo: formField(formData, "validTo"),
    originalFrom: formField(formData, "originalFrom"),
    days,
  };
  const result = await setWorkingHours(user.companyId, id, input, { context, scope });
  if (!result.ok) {
    if (result.reason === "invalid") {
      const conflict = result.conflict ? { from: result.conflict.validFrom, to: result.conflict.validTo ?? "" } : undefined;
      return failed(conflict ? "scheduleOverlap" : "invalidHours", { fieldErrors: result.fieldErrors, messageValues: conflict });
    }
    return failed(result.reason);
  }
  refresh(id);
  if (result.ended) return done("hoursSavedEnded", { to: result.ended.validTo ?? "" });
  return done("hoursSaved");
}

/** Removes one schedule (branchId, validFrom). */
export async function deleteScheduleAction(_previous: StaffFormState, formData: FormData): Promise<StaffFormState> {
  const { user, context, scope } = await actor("staff:update");
  const id = formField(formData, "id") ?? "";
  const result = await deleteSchedule(user.companyId, id, { branchId: formField(formData, "branchId") ?? "", validFrom: formField(formData, "validFrom") ?? "" }, { context, scope });
  if (!result.ok) return failed(result.reason);
  refresh(id);
  return done("scheduleDeleted");
}

/** Adds an absence (no absenceId) or changes one; warns when active appointments fall inside. */
export async function saveAbsenceAction(_previous: StaffFormState, formData: FormData): Promise<StaffFormState> {
  const { user, context, scope } = await actor("staff:update");
  const id = formField(formData, "id") ?? "";
  const absenceId = formField(formData, "absenceId") || null;
  const allDay = formData.get("allDay") === "on";
  const input = allDay
    ? { allDay, kind: formField(formData, "kind"), note: formField(formData, "note"), startDate: formField(formData, "startDate") ?? "", endDate: formField(formData, "endDate") ?? "" }
    : { allDay, kind: formField(formData, "kind"), note: formField(formData, "note"), startsAt: formField(formData, "startsAt") ?? "", endsAt: formField(formData, "endsAt") ?? "" };
  const result = await saveAbsence(user.companyId, id, absenceId, input, { context, scope });
  if (!result.ok) {
    if (result.reason === "invalid") return failed("invalid", { fieldErrors: result.fieldErrors });
    return failed(result.reason);
  }
  refresh(id);
  if (result.appointmentsInside > 0) return done("absenceSavedWithAppointments", { count: String(result.appointmentsInside) });
  return done("absenceSaved");
}

export async function deleteAbsenceAction(_previous: StaffFormState, formData: FormData): Promise<StaffFormState> {
  const { user, context, scope } = await actor("staff:update");
  const id = formField(formData, "id") ?? "";
  const result = await deleteAbsence(user.companyId, id, formField(formData, "absenceId") ?? "", { context, scope });
  if (!result.ok) return failed(result.reason);
  refresh(id);
  return done("absenceDeleted");
}
