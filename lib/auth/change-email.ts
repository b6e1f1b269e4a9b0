import "server-only";
import { z } from "zod";
import { changeUserEmail } from "@/db/platform-two-factor";
import type { Locale } from "@/lib/i18n/config";
import { sendMail } from "@/lib/mail/send";
import { recordSecurityEvent } from "@/lib/security/events";
import { type ReauthFailure, reauthenticate } from "./reauth";
import { signInSchema } from "./schemas";

// A signed-in user's own email (sign-in) address: re-authentication with the password (and a
// code with 2FA on), a valid address not used by any other account, then the change (the audit
// trigger records it), an email_changed security event, and a notice to the OLD address.

export const changeEmailSchema = z.object({
  newEmail: signInSchema.shape.email,
  password: z.string({ error: "required" }).min(1, { error: "required" }).max(1024, { error: "too_long" }),
  code: z.string({ error: "invalid_format" }).max(64, { error: "invalid_format" }).optional(),
});

export type EmailOwner = { id: string; email: string; name: string; locale: Locale; homeCompanyId: string | null };

export type ChangeEmailResult =
  | { ok: true; email: string }
  | { ok: false; error: "invalid_input"; fieldErrors: Record<string, string[]> }
  | { ok: false; error: "email_taken" }
  | ReauthFailure;

/** a.***@example.de: enough for the holder to recognise, little for anyone else. */
export function maskEmail(email: string): string {
  const [local = "", domain = ""] = email.split("@");
  return `${local.slice(0, 1)}***@${domain}`;
}

export async function changeEmail(
  user: EmailOwner,
  input: { newEmail: unknown; password: unknown; code?: unknown },
  context: { ip?: string | null; userAgent?: string | null } = {},
): Promise<ChangeEmailResult> {
  const ip = context.ip ?? null;
  const userAgent = context.userAgent ?? null;
  const parsed = changeEmailSchema.safeParse({ ...input, code: input.code === "" ? undefined : input.code });
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0] ?? "form")] ??= []).push(issue.message);
    return { ok: false, error: "invalid_input", fieldErrors };
  }
  const { newEmail, password, code } = parsed.data;
  if (newEmail.toLowerCase() === user.email.toLowerCase()) {
    return { ok: false, error: "invalid_input", fieldErrors: { newEmail: ["same_email"] } };
  }
  const event = (type: string, details: Record<string, unknown> = {}) =>
    recordSecurityEvent({ type, companyId: user.homeCompanyId, userId: user.id, ip, userAgent, details });

  const reauth = await reauthenticate(user, { password, code }, { ip, userAgent, purpose: "email_change" });
  if (!reauth.ok) {
    if (reauth.error === "wrong_current_password" || reauth.error === "invalid_code" || reauth.error === "throttled") {
      await event("email_change_failed", { reason: reauth.error });
    }
    return reauth;
  }

  let oldEmail: string | null;
  try {
    oldEmail = await changeUserEmail(user.id, newEmail);
  } catch (error) {
    const codeOf = (e: unknown): unknown => (e as { code?: unknown })?.code ?? (e as { cause?: { code?: unknown } })?.cause?.code;
    if (codeOf(error) === "23505") {
      await event("email_change_failed", { reason: "email_taken" });
      return { ok: false, error: "email_taken" };
    }
    if (codeOf(error) === "23514") return { ok: false, error: "invalid_input", fieldErrors: { newEmail: ["invalid_email"] } };
    throw error;
  }
  if (oldEmail === null) return { ok: false, error: "unauthenticated" };
  await event("email_changed");
  try {
    await sendMail({
      to: oldEmail,
      template: "email_changed",
      locale: reauth.account.locale,
      data: { name: reauth.account.name, newEmailMasked: maskEmail(newEmail) },
    });
  } catch {
    // Logged by sendMail (without the address); the change stands.
  }
  return { ok: true, email: newEmail };
}
