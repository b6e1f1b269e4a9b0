import "server-only";
import { createCompanyAsPlatformAdmin } from "@/db/platform";
import { newId } from "@/db/schema/_columns";
import { companyFailureOf } from "./errors";
import { companyFieldErrors, createCompanySchema } from "./schemas";
import type { CompanyFailure, PlatformActor } from "./types";

// A platform admin creates a tenant with its first branch (same zone and language). The slug is
// unique across the platform: a taken one comes back as a field error from the unique index.

export type CreateCompanyResult = { ok: true; id: string } | CompanyFailure;

export async function createCompany(input: unknown, actor: PlatformActor): Promise<CreateCompanyResult> {
  const parsed = createCompanySchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid", fieldErrors: companyFieldErrors(parsed.error) };
  const { branchName, contactEmail, contactPhone, ...fields } = parsed.data;
  const id = newId();
  try {
    await createCompanyAsPlatformAdmin(
      actor.userId,
      { ...fields, id, contactEmail: contactEmail ?? null, contactPhone: contactPhone ?? null, branchId: newId(), branchName },
      actor.requestId ?? null,
    );
  } catch (error) {
    return companyFailureOf(error);
  }
  return { ok: true, id };
}
