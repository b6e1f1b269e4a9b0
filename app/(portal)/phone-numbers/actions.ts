"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { Permission } from "@/lib/auth/permissions";
import { requireCompanyUser } from "@/lib/auth/session";
import { auditContextOf } from "@/lib/forms/actor";
import { type FormState, formValues } from "@/lib/forms/form-state";
import { createPhoneNumber } from "@/lib/telephony/create-phone-number";
import { deletePhoneNumber } from "@/lib/telephony/delete-phone-number";
import { createAgent, setAgentActive, updateAgent } from "@/lib/telephony/save-agent";
import type { AgentInput, PhoneNumberInput } from "@/lib/telephony/schemas";
import { updatePhoneNumber } from "@/lib/telephony/update-phone-number";

// The telephony pages' server actions (phone_numbers:* in lib/auth/permissions.ts, for numbers
// and agents alike). Bad input never throws: field codes and message codes
// (phoneNumbers.messages.<code>) come back.

export type PhoneNumberFormState = FormState<keyof PhoneNumberInput>;
export type AgentFormState = FormState<keyof AgentInput>;
export type TelephonyActionState = { ok: boolean; message: string | null; at?: number };

async function actor(permission: Permission) {
  const user = await requireCompanyUser({ permission });
  return { user, context: await auditContextOf(user) };
}

function refresh() {
  revalidatePath("/phone-numbers", "layout");
}

/** Creates a number (no id in the form) or saves the edited one; on success back to the list. */
export async function savePhoneNumberAction(_previous: PhoneNumberFormState, formData: FormData): Promise<PhoneNumberFormState> {
  const values = formValues(formData);
  const { user, context } = await actor(values.id ? "phone_numbers:update" : "phone_numbers:create");
  const input = { e164: values.e164, label: values.label, branchId: values.branchId, agentId: values.agentId, isActive: values.isActive };
  const result = values.id
    ? await updatePhoneNumber(user.companyId, values.id, input, context)
    : await createPhoneNumber(user.companyId, input, context);
  if (!result.ok) {
    return { ok: false, message: result.reason, fieldErrors: result.reason === "invalid" ? result.fieldErrors : undefined, values };
  }
  refresh();
  redirect("/phone-numbers");
}

/** Deletes a number for good (one with recorded calls stays: in_use). */
export async function deletePhoneNumberAction(_previous: TelephonyActionState, formData: FormData): Promise<TelephonyActionState> {
  const { user, context } = await actor("phone_numbers:delete");
  const id = formData.get("id");
  const result = await deletePhoneNumber(user.companyId, typeof id === "string" ? id : "", context);
  if (!result.ok) return { ok: false, message: result.reason, at: Date.now() };
  refresh();
  return { ok: true, message: "deleted", at: Date.now() };
}

/** Creates an agent (no id in the form) or saves the edited one; on success to the agents list. */
export async function saveAgentAction(_previous: AgentFormState, formData: FormData): Promise<AgentFormState> {
  const values = formValues(formData);
  const { user, context } = await actor(values.id ? "phone_numbers:update" : "phone_numbers:create");
  const input = { retellAgentId: values.retellAgentId, name: values.name, language: values.language, voiceId: values.voiceId, isActive: values.isActive };
  const result = values.id ? await updateAgent(user.companyId, values.id, input, context) : await createAgent(user.companyId, input, context);
  if (!result.ok) {
    return { ok: false, message: result.reason, fieldErrors: result.reason === "invalid" ? result.fieldErrors : undefined, values };
  }
  refresh();
  redirect("/phone-numbers/agents");
}

/** Deactivates (mode=deactivate) or activates an agent. */
export async function setAgentActiveAction(_previous: TelephonyActionState, formData: FormData): Promise<TelephonyActionState> {
  const { user, context } = await actor("phone_numbers:update");
  const id = formData.get("id");
  const active = formData.get("mode") !== "deactivate";
  const result = await setAgentActive(user.companyId, typeof id === "string" ? id : "", active, context);
  if (!result.ok) return { ok: false, message: result.reason, at: Date.now() };
  refresh();
  return { ok: true, message: active ? "activated" : "deactivated", at: Date.now() };
}
