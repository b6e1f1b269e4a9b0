"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { Permission } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { archiveCompany, restoreCompany } from "@/lib/companies/archive-company";
import { createCompany } from "@/lib/companies/create-company";
import type { CompanyField } from "@/lib/companies/schemas";
import type { PlatformActor } from "@/lib/companies/types";
import { updateCompany } from "@/lib/companies/update-company";
import { currentRequestId } from "@/lib/forms/actor";
import { type FormState, formValues } from "@/lib/forms/form-state";

// The companies pages' server actions (platform admins: companies:* in lib/auth/permissions.ts;
// the database checks the platform admin again in every function). Bad input never throws: field
// codes and message codes (companies.messages.<code>) come back.

export type CompanyFormState = FormState<CompanyField>;
export type CompanyActionState = { ok: boolean; message: string | null; at?: number };

async function actor(permission: Permission): Promise<PlatformActor> {
  const user = await requireUser({ permission });
  return { userId: user.id, requestId: (await currentRequestId()) ?? null };
}

function companyInput(values: Record<string, string>) {
  const pick = (name: string) => values[name];
  return {
    name: pick("name") ?? "",
    slug: pick("slug") ?? "",
    status: pick("status"),
    plan: pick("plan"),
    locale: pick("locale"),
    timeZone: pick("timeZone") ?? "",
    currency: pick("currency"),
    contactEmail: pick("contactEmail"),
    contactPhone: pick("contactPhone"),
    branchName: pick("branchName"),
  };
}

/** Creates a company (no id in the form) or saves the edited one; on success back to the list. */
export async function saveCompanyAction(_previous: CompanyFormState, formData: FormData): Promise<CompanyFormState> {
  const values = formValues(formData);
  const id = values.id;
  const who = await actor(id ? "companies:update" : "companies:create");
  const input = companyInput(values);
  const result = id ? await updateCompany(id, input, who) : await createCompany(input, who);
  if (!result.ok) {
    return {
      ok: false,
      message: result.reason,
      fieldErrors: result.reason === "invalid" ? result.fieldErrors : undefined,
      values,
    };
  }
  revalidatePath("/companies");
  if (id) revalidatePath(`/companies/${id}`);
  redirect("/companies");
}

/** Archives (mode=archive) or restores (mode=restore) a company. */
export async function archiveCompanyAction(_previous: CompanyActionState, formData: FormData): Promise<CompanyActionState> {
  const who = await actor("companies:delete");
  const id = formData.get("id");
  const restore = formData.get("mode") === "restore";
  const companyId = typeof id === "string" ? id : "";
  const result = restore ? await restoreCompany(companyId, who) : await archiveCompany(companyId, who);
  if (!result.ok) return { ok: false, message: result.reason, at: Date.now() };
  revalidatePath("/companies");
  revalidatePath(`/companies/${companyId}`);
  return { ok: true, message: restore ? "restored" : "archived", at: Date.now() };
}
