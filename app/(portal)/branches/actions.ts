"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { addClosure, addClosures } from "@/lib/branches/add-closure";
import { createBranch } from "@/lib/branches/create-branch";
import { deleteBranch, restoreBranch } from "@/lib/branches/delete-branch";
import { germanPublicHolidays } from "@/lib/branches/holidays";
import { getBranch, localToday } from "@/lib/branches/queries";
import { removeClosure } from "@/lib/branches/remove-closure";
import { setOpeningHours } from "@/lib/branches/set-opening-hours";
import { updateBranch } from "@/lib/branches/update-branch";
import { companyActor } from "@/lib/forms/actor";
import { type FormState, formField } from "@/lib/forms/form-state";

// The branch pages' server actions. Permissions (lib/auth/permissions.ts): create → branches:create;
// details, opening hours and closing days → branches:update; delete and restore → branches:delete
// (company admin, platform admin). Bad input never throws: field codes (branches.fieldErrors.<code>,
// else forms.fieldErrors.<code>) and message codes (branches.messages.<code>) come back.

export type BranchFormState = FormState;
export type BranchActionState = { ok: boolean; message: string | null; values?: Record<string, string>; at?: number };
export type ClosureFormState = BranchActionState & { fieldErrors?: Partial<Record<string, string>> };



/** The editor's week as posted (JSON in one hidden field); malformed JSON fails the schema. */
function openingHoursOf(formData: FormData): unknown {
  const raw = formField(formData, "openingHours");
  if (raw === undefined) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return "invalid";
  }
}

function refresh(id?: string) {
  revalidatePath("/branches");
  if (id) revalidatePath(`/branches/${id}`);
}

/** Creates a branch (no id in the form) or saves the edited details; a new one opens its page. */
export async function saveBranchAction(_previous: BranchFormState, formData: FormData): Promise<BranchFormState> {
  const id = formField(formData, "id");
  const { user, context, branchIds } = await companyActor(id ? "branches:update" : "branches:create");
  const input = {
    name: formField(formData, "name") ?? "",
    street: formField(formData, "street"),
    postalCode: formField(formData, "postalCode"),
    city: formField(formData, "city"),
    country: formField(formData, "country") ?? "",
    timeZone: formField(formData, "timeZone") ?? "",
    locale: formField(formData, "locale") ?? "",
    phone: formField(formData, "phone"),
    email: formField(formData, "email"),
    isActive: formData.get("isActive") === "on",
    openingHours: openingHoursOf(formData),
  };
  const result = id ? await updateBranch(user.companyId, id, input, { context, branchIds }) : await createBranch(user.companyId, input, context);
  if (!result.ok) {
    if (result.reason === "invalid") return { ok: false, message: "invalid", fieldErrors: result.fieldErrors };
    return { ok: false, message: result.reason };
  }
  refresh(result.branch.id);
  if (!id) redirect(`/branches/${result.branch.id}`);
  return { ok: true, message: "saved" };
}

/** The opening-hours editor's save. */
export async function saveOpeningHoursAction(_previous: BranchFormState, formData: FormData): Promise<BranchFormState> {
  const { user, context, branchIds } = await companyActor("branches:update");
  const id = formField(formData, "id") ?? "";
  const result = await setOpeningHours(user.companyId, id, { openingHours: openingHoursOf(formData) }, { context, branchIds });
  if (!result.ok) {
    if (result.reason === "invalid") return { ok: false, message: "invalidHours", fieldErrors: result.fieldErrors };
    return { ok: false, message: result.reason };
  }
  refresh(id);
  return { ok: true, message: "hoursSaved" };
}

const done = (message: string, values?: Record<string, string>): BranchActionState => ({ ok: true, message, values, at: Date.now() });
const failed = (message: string, values?: Record<string, string>): BranchActionState => ({ ok: false, message, values, at: Date.now() });

/** Soft-deletes (mode=delete) or restores (mode=restore) a branch. */
export async function deleteBranchAction(_previous: BranchActionState, formData: FormData): Promise<BranchActionState> {
  const { user, context, branchIds } = await companyActor("branches:delete");
  const id = formField(formData, "id") ?? "";
  if (formField(formData, "mode") === "restore") {
    const result = await restoreBranch(user.companyId, id, { context, branchIds });
    if (!result.ok) return failed(result.reason);
    refresh(id);
    return done("restored");
  }
  const result = await deleteBranch(user.companyId, id, { context, branchIds });
  if (!result.ok) return failed(result.reason, result.reason === "has_appointments" ? { count: String(result.count) } : undefined);
  refresh(id);
  return done("deleted");
}

/** Adds a closing day (date, reason) to the branch in the form. */
export async function addClosureAction(_previous: ClosureFormState, formData: FormData): Promise<ClosureFormState> {
  const { user, context, branchIds } = await companyActor("branches:update");
  const id = formField(formData, "branchId") ?? "";
  const values = { date: formField(formData, "date") ?? "", reason: formField(formData, "reason") ?? "" };
  const result = await addClosure(user.companyId, id, values, { context, branchIds });
  if (!result.ok) {
    if (result.reason === "invalid") return { ok: false, message: null, fieldErrors: result.fieldErrors, at: Date.now() };
    return failed(result.reason);
  }
  refresh(id);
  if (result.appointmentsOnDate > 0) return done("closureAddedWithAppointments", { count: String(result.appointmentsOnDate) });
  return done("closureAdded");
}

/** Removes one closing day of the branch. */
export async function removeClosureAction(_previous: BranchActionState, formData: FormData): Promise<BranchActionState> {
  const { user, context, branchIds } = await companyActor("branches:update");
  const id = formField(formData, "branchId") ?? "";
  const result = await removeClosure(user.companyId, id, formField(formData, "closureId") ?? "", { context, branchIds });
  if (!result.ok) return failed(result.reason);
  refresh(id);
  return done("closureRemoved");
}

/** Adds the nationwide German public holidays of a year (from today on) as closing days. */
export async function addHolidaysAction(_previous: BranchActionState, formData: FormData): Promise<BranchActionState> {
  const { user, context, branchIds } = await companyActor("branches:update");
  const id = formField(formData, "branchId") ?? "";
  const year = Number(formField(formData, "year"));
  if (!Number.isInteger(year) || year < 2000 || year > 2100) return failed("invalid");
  const branch = await getBranch(user.companyId, id, branchIds, context);
  if (!branch || branch.deletedAt) return failed("not_found");
  // The reason is stored text: in the branch's language, as its staff and callers read it.
  const t = await getTranslations({ locale: branch.locale, namespace: "branches.holidays" });
  const days = germanPublicHolidays(year).map((h) => ({ date: h.date, reason: t(h.holiday) }));
  const result = await addClosures(user.companyId, id, days, { context, branchIds, notBefore: localToday(branch.timeZone, new Date()) });
  if (!result.ok) return failed(result.reason);
  refresh(id);
  return done("holidaysAdded", { count: String(result.added.length), year: String(year) });
}
