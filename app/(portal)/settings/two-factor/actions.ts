"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { currentRequestOrigin } from "@/lib/forms/actor";
import {
  confirmTwoFactorEnrollment,
  disableTwoFactor,
  regenerateRecoveryCodes,
  startTwoFactorEnrollment,
  type TwoFactorFailure,
} from "@/lib/auth/two-factor-enrollment";

// The 2FA page's (and the forced enrolment's) server actions. Each checks the user itself; the
// enrolment ones also let through an admin who has yet to enrol. Bad input never throws: it
// comes back as codes (twoFactor.errors.<code>), per field where there is one.

export type TwoFactorActionState = {
  ok: boolean;
  /** A form-level error code, or a success message code (twoFactor.messages.<message>). */
  error?: string;
  message?: "enabled" | "disabled" | "regenerated";
  fieldErrors?: Record<string, string>;
  /** After a start: the new secret (grouped), its QR code as SVG. */
  secret?: string;
  qrSvg?: string;
  /** After a confirmation or regeneration: shown once. */
  recoveryCodes?: string[];
};

const FIELD_OF: Partial<Record<string, "password" | "code">> = {
  wrong_current_password: "password",
  code_required: "code",
  invalid_code: "code",
};

function failed(result: TwoFactorFailure): TwoFactorActionState {
  if (result.error === "invalid_input") {
    const fieldErrors = Object.fromEntries(Object.entries(result.fieldErrors).map(([k, v]) => [k, v[0] ?? "required"]));
    return { ok: false, fieldErrors };
  }
  const field = FIELD_OF[result.error];
  if (field) return { ok: false, fieldErrors: { [field]: result.error } };
  return { ok: false, error: result.error };
}

async function enrollingUser() {
  const user = await requireUser({ permission: "settings:update", duringTwoFactorEnrollment: true });
  return { owner: { id: user.id, email: user.email, role: user.role, homeCompanyId: user.homeCompanyId }, context: await currentRequestOrigin() };
}

/** Step 1: password → a new pending secret, shown as QR code and text. */
export async function startEnrollmentAction(_previous: TwoFactorActionState, formData: FormData): Promise<TwoFactorActionState> {
  const { owner, context } = await enrollingUser();
  const result = await startTwoFactorEnrollment(owner, { password: formData.get("password") }, context);
  if (!result.ok) return failed(result);
  return { ok: true, secret: result.secret, qrSvg: result.qrSvg };
}

/** Step 2: a code of the new secret → 2FA on, ten recovery codes (shown once). */
export async function confirmEnrollmentAction(_previous: TwoFactorActionState, formData: FormData): Promise<TwoFactorActionState> {
  const { owner, context } = await enrollingUser();
  const result = await confirmTwoFactorEnrollment(owner, { code: formData.get("code") }, context);
  if (!result.ok) return failed(result);
  // No revalidation here: a refreshed page would replace the form before the recovery codes are
  // shown (the setup page would even redirect). "I have saved the codes" loads the next page.
  return { ok: true, message: "enabled", recoveryCodes: result.recoveryCodes };
}

async function settingsUser() {
  const user = await requireUser({ permission: "settings:update" });
  return { owner: { id: user.id, email: user.email, role: user.role, homeCompanyId: user.homeCompanyId }, context: await currentRequestOrigin() };
}

/** New recovery codes after password and code. */
export async function regenerateCodesAction(_previous: TwoFactorActionState, formData: FormData): Promise<TwoFactorActionState> {
  const { owner, context } = await settingsUser();
  const result = await regenerateRecoveryCodes(owner, { password: formData.get("password"), code: formData.get("code") }, context);
  if (!result.ok) return failed(result);
  revalidatePath("/settings/two-factor");
  return { ok: true, message: "regenerated", recoveryCodes: result.recoveryCodes };
}

/** 2FA off after password and code (not for the admin roles). */
export async function disableTwoFactorAction(_previous: TwoFactorActionState, formData: FormData): Promise<TwoFactorActionState> {
  const { owner, context } = await settingsUser();
  const result = await disableTwoFactor(owner, { password: formData.get("password"), code: formData.get("code") }, context);
  if (!result.ok) return failed(result);
  revalidatePath("/settings/two-factor");
  return { ok: true, message: "disabled" };
}
