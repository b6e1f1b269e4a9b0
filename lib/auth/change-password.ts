import "server-only";
import { z } from "zod";
import { changePasswordHash } from "@/db/platform";
import type { Locale } from "@/lib/i18n/config";
import { recordSecurityEvent } from "@/lib/security/events";
import { hashPassword } from "./password";
import { fieldErrorsOf, newPasswordFieldsSchema, passwordProblem } from "./password-policy";
import { type RequestContext, notifyPasswordChanged } from "./password-reset";
import { reauthenticate } from "./reauth";

// A signed-in user's own password change (issue 3 §2/§3): re-authentication with the current
// password (and, with 2FA on, a current code) first, under the same throttling as sign-in (a
// wrong one is a failed attempt of the account; lib/auth/reauth.ts), then the policy, then the new hash with a new session version: every session of the
// account ends. The route handler signs the current one in again with the new password.

/** The body the change form sends: { currentPassword, newPassword, confirmPassword, code? } (codes as messages). */
export const changePasswordRequestSchema = z
  .object({
    currentPassword: z.unknown(),
    newPassword: z.unknown(),
    confirmPassword: z.unknown(),
    code: z.unknown().optional(),
  })
  .transform((body) => ({
    currentPassword: body.currentPassword,
    password: body.newPassword,
    confirmPassword: body.confirmPassword,
    code: body.code,
  }))
  .pipe(
    newPasswordFieldsSchema.safeExtend({
      currentPassword: z.string({ error: "required" }).min(1, { error: "required" }).max(1024, { error: "too_long" }),
      code: z.unknown().pipe(z.string({ error: "invalid_format" }).max(64, { error: "invalid_format" }).optional()),
    }),
  );

export type ChangePasswordResult =
  | { ok: true; sessionVersion: number }
  | { ok: false; error: "invalid_input"; fieldErrors: Record<string, string[]> }
  | { ok: false; error: "wrong_current_password" }
  | { ok: false; error: "code_required" }
  | { ok: false; error: "invalid_code" }
  | { ok: false; error: "throttled"; retryAfterSeconds: number }
  | { ok: false; error: "unauthenticated" };

export type PasswordOwner = { id: string; email: string; name: string; locale: Locale; homeCompanyId: string | null };

export async function changePassword(
  user: PasswordOwner,
  input: { currentPassword: unknown; newPassword: unknown; confirmPassword: unknown; code?: unknown } & RequestContext,
): Promise<ChangePasswordResult> {
  const { ip = null, userAgent = null } = input;
  const parsed = changePasswordRequestSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error);
    // The form's field is newPassword; the shared schema calls it password.
    if (fieldErrors.password) {
      fieldErrors.newPassword = fieldErrors.password;
      delete fieldErrors.password;
    }
    return { ok: false, error: "invalid_input", fieldErrors };
  }
  const { currentPassword, password: newPassword, code } = parsed.data;
  const event = (type: string, details: Record<string, unknown> = {}) =>
    recordSecurityEvent({ type, companyId: user.homeCompanyId, userId: user.id, ip, userAgent, details });

  // 1. The policy, against the account's email: before re-authentication, so a rejected new
  // password does not use up the one-time code typed with it.
  const problem = passwordProblem(newPassword, { email: user.email });
  if (problem) return { ok: false, error: "invalid_input", fieldErrors: { newPassword: [problem] } };

  // 2. Re-authentication (password, and a code with 2FA on), throttled like sign-in.
  const reauth = await reauthenticate(user, { password: currentPassword, code }, { ip, userAgent, purpose: "password_change" });
  if (!reauth.ok) {
    if (reauth.error !== "unauthenticated" && reauth.error !== "code_required") {
      await event("password_change_failed", { reason: reauth.error });
    }
    return reauth;
  }
  const account = reauth.account;

  // 3. The new hash; every session of the account ends with the new session version.
  const sessionVersion = await changePasswordHash(user.id, await hashPassword(newPassword));
  if (sessionVersion === null) return { ok: false, error: "unauthenticated" };
  await event("password_changed");
  await notifyPasswordChanged({ email: account.email, name: account.name, locale: account.locale });
  return { ok: true, sessionVersion };
}
