import "server-only";
import { z } from "zod";
import type { UserRole } from "@/db/schema/users";
import {
  beginTwoFactor,
  confirmTwoFactor,
  getTwoFactorRow,
  removeTwoFactor,
  replaceRecoveryCodes,
} from "@/db/platform-two-factor";
import { recordSecurityEvent } from "@/lib/security/events";
import { type ReauthFailure, reauthenticate } from "./reauth";
import { SECOND_FACTOR_FORMAT } from "./schemas";
import {
  decryptTotpSecret,
  encryptTotpSecret,
  formatSecretForDisplay,
  generateRecoveryCodes,
  hashRecoveryCode,
  isTwoFactorOn,
  matchTotpStep,
  newTotpSecret,
  totpQrSvg,
  totpUri,
  twoFactorRequiredFor,
} from "./two-factor";

// The signed-in user's own 2FA: enrol (password first, then a code of the new secret), new
// recovery codes, disable (not for the roles that require 2FA). Each change re-authenticates
// (lib/auth/reauth.ts) and is a security event; codes and secrets never go into one.

export type TwoFactorOwner = { id: string; email: string; role: UserRole; homeCompanyId: string | null };
export type RequestContext = { ip?: string | null; userAgent?: string | null };

export type TwoFactorOverview = {
  state: "off" | "pending" | "on";
  enabledAt: Date | null;
  recoveryCodesLeft: number;
  /** The role requires 2FA: it cannot be turned off. */
  required: boolean;
};

export async function getTwoFactorOverview(user: { id: string; role: UserRole }): Promise<TwoFactorOverview> {
  const row = await getTwoFactorRow(user.id);
  return {
    state: isTwoFactorOn(row) ? "on" : row ? "pending" : "off",
    enabledAt: row?.enabledAt ?? null,
    recoveryCodesLeft: isTwoFactorOn(row) ? row.recoveryCodesLeft : 0,
    required: twoFactorRequiredFor(user.role),
  };
}

const passwordField = z.string({ error: "required" }).min(1, { error: "required" }).max(1024, { error: "too_long" });
const codeField = z
  .string({ error: "required" })
  .transform((v) => v.replace(/[\s-]/g, ""))
  .pipe(z.string().min(1, { error: "required" }).max(32, { error: "invalid_format" }).regex(SECOND_FACTOR_FORMAT, { error: "invalid_format" }));

const passwordOnlySchema = z.object({ password: passwordField });
const reauthSchema = z.object({ password: passwordField, code: codeField });
const confirmSchema = z.object({ code: codeField });

export type TwoFactorFailure =
  | { ok: false; error: "invalid_input"; fieldErrors: Record<string, string[]> }
  | ReauthFailure
  | { ok: false; error: "already_enabled" | "not_enabled" | "not_started" | "required_for_role" };

function invalid(error: z.ZodError): TwoFactorFailure {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) (fieldErrors[String(issue.path[0] ?? "form")] ??= []).push(issue.message);
  return { ok: false, error: "invalid_input", fieldErrors };
}

function recorder(user: TwoFactorOwner, context: RequestContext) {
  return (type: string, details: Record<string, unknown> = {}) =>
    recordSecurityEvent({
      type,
      companyId: user.homeCompanyId,
      userId: user.id,
      ip: context.ip ?? null,
      userAgent: context.userAgent ?? null,
      details,
    });
}

/**
 * Step 1: the current password, then a new secret stored pending (encrypted) and handed back
 * once as QR code and text. Starting again replaces a pending secret; 2FA that is on stays.
 */
export async function startTwoFactorEnrollment(
  user: TwoFactorOwner,
  input: { password: unknown },
  context: RequestContext = {},
): Promise<{ ok: true; secret: string; qrSvg: string; uri: string } | TwoFactorFailure> {
  const parsed = passwordOnlySchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  if (isTwoFactorOn(await getTwoFactorRow(user.id))) return { ok: false, error: "already_enabled" };
  const reauth = await reauthenticate(user, { password: parsed.data.password }, { ...context, purpose: "two_factor_enroll" });
  if (!reauth.ok) return reauth;
  const secret = newTotpSecret();
  if (!(await beginTwoFactor(user.id, encryptTotpSecret(user.id, secret)))) return { ok: false, error: "already_enabled" };
  const uri = totpUri(reauth.account.email, secret);
  return { ok: true, secret: formatSecretForDisplay(secret), qrSvg: await totpQrSvg(uri), uri };
}

/**
 * Step 2: a code of the pending secret turns 2FA on; ten recovery codes come back, to be shown
 * once (only their hashes are kept).
 */
export async function confirmTwoFactorEnrollment(
  user: TwoFactorOwner,
  input: { code: unknown },
  context: RequestContext = {},
): Promise<{ ok: true; recoveryCodes: string[] } | TwoFactorFailure> {
  const parsed = confirmSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const row = await getTwoFactorRow(user.id);
  if (!row) return { ok: false, error: "not_started" };
  if (isTwoFactorOn(row)) return { ok: false, error: "already_enabled" };
  const event = recorder(user, context);
  const step = /^\d{6}$/.test(parsed.data.code) ? await matchTotpStep(decryptTotpSecret(user.id, row.secretCiphertext), parsed.data.code) : null;
  if (step === null) {
    await event("two_factor_failed", { reason: "wrong_code", purpose: "enrollment" });
    return { ok: false, error: "invalid_code" };
  }
  const recoveryCodes = generateRecoveryCodes();
  const confirmed = await confirmTwoFactor(user.id, {
    secretCiphertext: row.secretCiphertext,
    step,
    codeHashes: recoveryCodes.map((c) => hashRecoveryCode(user.id, c)),
  });
  // Restarted (new secret) or confirmed by a concurrent request in between.
  if (!confirmed) return { ok: false, error: "not_started" };
  await event("two_factor_enabled", { recoveryCodes: recoveryCodes.length });
  return { ok: true, recoveryCodes };
}

/** New recovery codes (the old ones stop working): password and a current code first. */
export async function regenerateRecoveryCodes(
  user: TwoFactorOwner,
  input: { password: unknown; code: unknown },
  context: RequestContext = {},
): Promise<{ ok: true; recoveryCodes: string[] } | TwoFactorFailure> {
  const parsed = reauthSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  if (!isTwoFactorOn(await getTwoFactorRow(user.id))) return { ok: false, error: "not_enabled" };
  const reauth = await reauthenticate(user, parsed.data, { ...context, purpose: "recovery_codes" });
  if (!reauth.ok) return reauth;
  const recoveryCodes = generateRecoveryCodes();
  if (!(await replaceRecoveryCodes(user.id, recoveryCodes.map((c) => hashRecoveryCode(user.id, c))))) {
    return { ok: false, error: "not_enabled" };
  }
  await recorder(user, context)("two_factor_recovery_codes_regenerated", { recoveryCodes: recoveryCodes.length });
  return { ok: true, recoveryCodes };
}

/** Turns 2FA off: password and a current code first; never for a role that requires it. */
export async function disableTwoFactor(
  user: TwoFactorOwner,
  input: { password: unknown; code: unknown },
  context: RequestContext = {},
): Promise<{ ok: true } | TwoFactorFailure> {
  if (twoFactorRequiredFor(user.role)) return { ok: false, error: "required_for_role" };
  const parsed = reauthSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  if (!isTwoFactorOn(await getTwoFactorRow(user.id))) return { ok: false, error: "not_enabled" };
  const reauth = await reauthenticate(user, parsed.data, { ...context, purpose: "two_factor_disable" });
  if (!reauth.ok) return reauth;
  await removeTwoFactor(user.id);
  await recorder(user, context)("two_factor_disabled");
  return { ok: true };
}
