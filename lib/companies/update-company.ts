import "server-only";
import { updateCompanyAsPlatformAdmin } from "@/db/platform";
import { companyFailureOf } from "./errors";
import { companyFieldErrors, companyIdSchema, companyInputSchema } from "./schemas";
import type { CompanyFailure, PlatformActor } from "./types";

// A platform admin changes a live company's master data. An archived company is restored first.

export type UpdateCompanyResult = { ok: true } | CompanyFailure;

export async function updateCompany(companyId: string, input: unknown, actor: PlatformActor): Promise<UpdateCompanyResult> {
  const parsed = companyInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid", fieldErrors: companyFieldErrors(parsed.error) };
  if (!companyIdSchema.safeParse(companyId).success) return { ok: false, reason: "not_found" };
  const { contactEmail, contactPhone, ...fields } = parsed.data;
  try {
    const found = await updateCompanyAsPlatformAdmin(
      actor.userId,
      companyId,
      { ...fields, contactEmail: contactEmail ?? null, contactPhone: contactPhone ?? null },
      actor.requestId ?? null,
    );
    return found ? { ok: true } : { ok: false, reason: "not_found" };
  } catch (error) {
    return companyFailureOf(error);
  }
}
