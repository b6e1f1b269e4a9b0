"use server";

import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { companyActor } from "@/lib/forms/actor";
import { createFlagDefinition, setFlagOverride, updateFlagDefinition } from "@/lib/flags";
import { definitionInputSchema, overrideInputSchema, overrideToValue } from "@/lib/flags/schemas";

// The flags page's server actions. Bad input never throws: it comes back as a message code and
// per-field codes (flags.messages.* / flags.fieldErrors.* in the catalogs). A missing permission
// is the usual 403 (requireCompanyUser). No security or audit events here: the audit triggers on
// feature_flags and feature_flag_overrides record every change.

export type FlagField = "flagKey" | "value" | "key" | "description" | "rolloutPercentage";

export type FlagActionState = {
  ok: boolean;
  /** A code: flags.messages.<message>. */
  message: string | null;
  /** Codes per field: flags.fieldErrors.<code>. */
  fieldErrors: Partial<Record<FlagField, string>>;
};

const fail = (message: string, fieldErrors: FlagActionState["fieldErrors"] = {}): FlagActionState => ({
  ok: false,
  message,
  fieldErrors,
});

function fieldErrorsOf(error: z.ZodError): FlagActionState["fieldErrors"] {
  const out: FlagActionState["fieldErrors"] = {};
  for (const issue of error.issues) {
    const field = issue.path[0] as FlagField | undefined;
    if (field && !out[field]) out[field] = issue.message;
  }
  return out;
}

const text = (value: FormDataEntryValue | null) => (typeof value === "string" ? value : undefined);

/** The acting company's override of one flag: inherit (no override), on or off. */
export async function setOverrideAction(_previous: FlagActionState, formData: FormData): Promise<FlagActionState> {
  const { user, context } = await companyActor("feature_flags:update");
  const parsed = overrideInputSchema.safeParse({ flagKey: text(formData.get("flagKey")), value: text(formData.get("value")) });
  if (!parsed.success) return fail("invalid", fieldErrorsOf(parsed.error));
  const result = await setFlagOverride(user.companyId, parsed.data.flagKey, overrideToValue(parsed.data.value), context);
  if (!result.ok) return fail(result.reason);
  revalidatePath("/settings/flags");
  revalidatePath("/dashboard");
  return { ok: true, message: "overrideSaved", fieldErrors: {} };
}

/** A platform admin creates a flag (mode=create) or changes a definition (mode=edit). */
export async function saveDefinitionAction(_previous: FlagActionState, formData: FormData): Promise<FlagActionState> {
  const { context: actor } = await companyActor("feature_flags:manage");
  const mode = text(formData.get("mode")) === "create" ? "create" : "edit";
  const parsed = definitionInputSchema.safeParse({
    key: text(formData.get("key")),
    description: text(formData.get("description")) ?? "",
    defaultEnabled: text(formData.get("defaultEnabled")),
    rolloutPercentage: text(formData.get("rolloutPercentage")),
  });
  if (!parsed.success) return fail("invalid", fieldErrorsOf(parsed.error));
  const result = mode === "create" ? await createFlagDefinition(parsed.data, actor) : await updateFlagDefinition(parsed.data, actor);
  if (!result.ok) {
    if (result.reason === "exists") return fail("invalid", { key: "exists" });
    if (result.reason === "invalid") return fail("invalid", {});
    return fail(result.reason);
  }
  revalidatePath("/settings/flags");
  revalidatePath("/dashboard");
  return { ok: true, message: mode === "create" ? "created" : "updated", fieldErrors: {} };
}
