import "server-only";
import { z } from "zod";
import { changePasswordHash, findUserForSignIn, recordSignInAttempt } from "@/db/platform";
import type { Locale } from "@/lib/i18n/config";
import { recordSecurityEvent } from "@/lib/security/events";
import { hashPassword, verifyPassword } from "./password";
import { fieldErrorsOf, newPasswordFieldsSchema, passwordProblem } from "./password-policy";
import { type RequestContext, notifyPasswordChanged } from "./password-reset";
import { signInEmailHash, signInWait } from "./throttle";

// A signed-in user's own password change (issue 3 §2/§3): re-authentication with the current
// password first, under the same throttling as sign-in (a wrong one is a failed attempt of the
// account), then the policy, then the new hash with a new session version: every session of the
// account ends. The route handler signs the current one in again with the new password.

/** The body the change form sends: { currentPassword, newPassword, confirmPassword } (codes as messages). */
export const changePasswordRequestSchema = z
  .object({
    currentPassword: z.unknown(),
    newPassword: z.unknown(),
    confirmPassword: z.unknown(),
  })
  .transform((body) => ({
    currentPassword: body.currentPassword,
    password: body.newPassword,
    confirmPassword: body.confirmPassword,
  }))
  .pipe(
    newPasswordFieldsSchema.safeExtend({
      currentPassword: z.string({ error: "required" }).min(1, { error: "required" }).max(1024, { error: "too_long" }),
    }),
  );

export type ChangePasswordResult =
  | { ok: true; sessionVersion: number }
  | { ok: false; error: "invalid_input"; fieldErrors: Record<string, string[]> }
  | { ok: false; error: "wrong_current_password" }
  | { ok: false; error: "throttled"; retryAfterSeconds: number }
  | { ok: false; error: "unauthenticated" };

export type PasswordOwner = { id: string; email: string; name: string; locale: Locale; homeCompanyId: string | null };

export async function changePassword(
  user: PasswordOwner,
  input: { currentPassword: unknown; newPassword: unknown; confirmPassword: unknown } & RequestContext,
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
  const { currentPassword, password: newPassword } = parsed.data;
  const event = (type: string, details: Record<string, unknown> = {}) =>
    recordSecurityEvent({ type, companyId: user.homeCompanyId, userId: user.id, ip, userAgent, details });

  // 1. Re-authentication, throttled like sign-in.
  const emailHash = signInEmailHash(user.email);
  const { waitMs } = await signInWait(emailHash, ip);
  if (waitMs > 0) {
    await event("password_change_failed", { reason: "throttled", waitMs });
    return { ok: false, error: "throttled", retryAfterSeconds: Math.ceil(waitMs / 1000) };
  }
  const account = await findUserForSignIn(user.email);
  if (!account || account.id !== user.id || !account.isActive || !account.companyActive) {
    return { ok: false, error: "unauthenticated" };
  }
  if (!(await verifyPassword(account.passwordHash, currentPassword))) {
    await recordSignInAttempt({ emailHash, ip, userId: user.id, succeeded: false });
    await event("password_change_failed", { reason: "wrong_current_password" });
    return { ok: false, error: "wrong_current_password" };
  }

  // 2. The policy, against the account's email.
  const problem = passwordProblem(newPassword, { email: account.email });
  if (problem) return { ok: false, error: "invalid_input", fieldErrors: { newPassword: [problem] } };

  // 3. The new hash; every session of the account ends with the new session version.
  const sessionVersion = await changePasswordHash(user.id, await hashPassword(newPassword));
  if (sessionVersion === null) return { ok: false, error: "unauthenticated" };
  await event("password_changed");
  await notifyPasswordChanged({ email: account.email, name: account.name, locale: account.locale });
  return { ok: true, sessionVersion };
}
