"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { Permission } from "@/lib/auth/permissions";
import { requireCompanyUser } from "@/lib/auth/session";
import {
  createCustomer,
  customerIdSchema,
  deleteCustomer,
  eraseCustomer,
  mergeCustomers,
  restoreCustomer,
  updateCustomer,
} from "@/lib/customers";
import { findMergeCandidates, getCustomerRecord, type MergeCandidate } from "@/lib/customers/history";
import { auditContextOf } from "@/lib/forms/actor";
import { type FormState, formField } from "@/lib/forms/form-state";

// The customer pages' server actions. Permissions (lib/auth/permissions.ts):
//   create → customers:create; edit and merge → customers:update (a merge loses nothing: the
//   duplicate's appointments, calls and missing fields move to the kept customer, and its row
//   stays, soft-deleted with merged_into_id); delete, restore and GDPR erasure → customers:delete
//   (company admin). Bad input never throws: field codes (forms.fieldErrors.<code>) and message
//   codes (customers.form.messages.<code>, customerDetail.messages.<code>) come back.

export type CustomerFormState = FormState<"firstName" | "lastName" | "phone" | "email" | "notes" | "birthday" | "locale">;
export type CustomerActionState = { ok: boolean; message: string | null; at?: number };

async function actor(permission: Permission) {
  const user = await requireCompanyUser({ permission });
  return { user, context: await auditContextOf(user) };
}


function customerInput(formData: FormData) {
  return {
    firstName: formField(formData, "firstName") ?? "",
    lastName: formField(formData, "lastName") ?? "",
    phone: formField(formData, "phone"),
    email: formField(formData, "email"),
    notes: formField(formData, "notes"),
    birthday: formField(formData, "birthday"),
    locale: formField(formData, "locale"),
  };
}

function refresh(id?: string) {
  revalidatePath("/customers");
  if (id) revalidatePath(`/customers/${id}`);
}

/** Creates a customer (no id in the form) or saves the edited one; on success opens its page. */
export async function saveCustomerAction(_previous: CustomerFormState, formData: FormData): Promise<CustomerFormState> {
  const id = formField(formData, "id");
  const { user, context } = await actor(id ? "customers:update" : "customers:create");
  const input = customerInput(formData);
  const result = id ? await updateCustomer(user.companyId, id, input, context) : await createCustomer(user.companyId, input, context);
  if (!result.ok) {
    if (result.reason === "invalid") return { ok: false, message: "invalid", fieldErrors: result.fieldErrors };
    return { ok: false, message: result.reason };
  }
  refresh(result.customer.id);
  redirect(`/customers/${result.customer.id}`);
}

const done = (message: string): CustomerActionState => ({ ok: true, message, at: Date.now() });
const failed = (message: string): CustomerActionState => ({ ok: false, message, at: Date.now() });

/** Soft-deletes (mode=delete) or restores (mode=restore) a customer. */
export async function deleteCustomerAction(_previous: CustomerActionState, formData: FormData): Promise<CustomerActionState> {
  const { user, context } = await actor("customers:delete");
  const id = formField(formData, "id") ?? "";
  const restore = formField(formData, "mode") === "restore";
  const result = restore ? await restoreCustomer(user.companyId, id, context) : await deleteCustomer(user.companyId, id, context);
  if (!result.ok) return failed(result.reason === "merged" ? "restore_merged" : result.reason);
  refresh(id);
  return done(restore ? "restored" : "deleted");
}

/** Candidates for the duplicate of a customer: the list's search, at most ten. */
export async function searchMergeCandidatesAction(customerId: string, q: string): Promise<MergeCandidate[]> {
  const { user, context } = await actor("customers:update");
  if (typeof customerId !== "string" || typeof q !== "string") return [];
  return findMergeCandidates(user.companyId, customerId, q, context);
}

/** Merges duplicateId into keepId (both from the form). */
export async function mergeCustomersAction(_previous: CustomerActionState, formData: FormData): Promise<CustomerActionState> {
  const { user, context } = await actor("customers:update");
  const keepId = formField(formData, "keepId") ?? "";
  const duplicateId = formField(formData, "duplicateId") ?? "";
  const result = await mergeCustomers(user.companyId, keepId, duplicateId, context);
  if (!result.ok) return failed(result.reason === "not_found" || result.reason === "same_customer" ? result.reason : `${result.reason}_${result.which}`);
  refresh(keepId);
  revalidatePath(`/customers/${duplicateId}`);
  return done("merged");
}

/**
 * GDPR erasure. The form repeats the customer's full name (typed confirmation, checked here too,
 * whitespace and case aside).
 */
export async function eraseCustomerAction(_previous: CustomerActionState, formData: FormData): Promise<CustomerActionState> {
  const { user, context } = await actor("customers:delete");
  const id = formField(formData, "id") ?? "";
  if (!customerIdSchema.safeParse(id).success) return failed("not_found");
  const record = await getCustomerRecord(user.companyId, id, context);
  if (!record) return failed("not_found");
  const typed = (formField(formData, "confirmation") ?? "").trim().replace(/\s+/g, " ").toLowerCase();
  const name = `${record.firstName} ${record.lastName}`.trim().replace(/\s+/g, " ").toLowerCase();
  if (!record.anonymizedAt && typed !== name) return failed("confirmation");
  const result = await eraseCustomer(user.companyId, id, context);
  if (!result.ok) return failed(result.reason);
  refresh(id);
  return done("erased");
}
