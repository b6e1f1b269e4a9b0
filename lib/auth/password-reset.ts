import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import {
  consumePasswordReset,
  countRecentPasswordResets,
  createPasswordReset,
  findPasswordResetUser,
  findUserForSignIn,
  type PasswordResetUser,
} from "@/db/platform";
import type { Locale } from "@/lib/i18n/config";
import { sendMail } from "@/lib/mail/send";
import { recordSecurityEvent } from "@/lib/security/events";
import { hashPassword } from "./password";
import { fieldErrorsOf, newPasswordFieldsSchema, passwordProblem } from "./password-policy";
import { signInSchema } from "./schemas";

// Password reset (issue 3 §4, ASVS V6.4): the same answer whether or not the email exists; a
// 256-bit random token, only its SHA-256 stored, single use, 60 minutes; a reset ends every
// session of the account and never signs anybody in (the sign-in that follows runs through the
// normal path, two-factor included).

export const RESET_TOKEN_BYTES = 32;
export const RESET_TOKEN_TTL_MINUTES = 60;
/** Reset mails per account and hour; requests beyond get the same answer and no mail. */
export const RESET_REQUESTS_PER_HOUR = 3;

/** 32 bytes in base64url without padding: exactly 43 characters of A–Z a–z 0–9 - _. */
export const RESET_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export type RequestContext = { ip?: string | null; userAgent?: string | null };

export function newResetToken(): { token: string; tokenHash: string } {
  const token = randomBytes(RESET_TOKEN_BYTES).toString("base64url");
  return { token, tokenHash: hashResetToken(token) };
}

/** What the database holds instead of the token: SHA-256, hex. */
export function hashResetToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export const resetRequestSchema = z.object({ email: signInSchema.shape.email });

export const resetPasswordSchema = newPasswordFieldsSchema.safeExtend({
  token: z.string({ error: "required" }).regex(RESET_TOKEN_PATTERN, { error: "malformed" }),
});

/**
 * Where reset links point. AUTH_URL when configured (required behind a proxy or on a public
 * host). Otherwise only a loopback Host of the request itself (the embedded demo on localhost /
 * 127.0.0.1 / [::1]); any other Host, and X-Forwarded-Host always, is ignored, so a forged header
 * can never make us mail a link to somebody else's site: then http://localhost:PORT.
 */
export function resetLinkOrigin(
  headers: Headers,
  env: Readonly<Record<string, string | undefined>> = process.env,
): string {
  const configured = env.AUTH_URL?.trim();
  if (configured) {
    try {
      const url = new URL(configured);
      if (url.protocol === "https:" || url.protocol === "http:") return url.origin;
    } catch {
      // lib/env.ts refuses a malformed AUTH_URL at start-up; fall through for safety.
    }
  }
  const host = headers.get("host")?.trim().toLowerCase() ?? "";
  if (/^(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/.test(host)) return `http://${host}`;
  return `http://localhost:${env.PORT || "3000"}`;
}

/**
 * "If the address has an account, a link is on its way." Nothing in the result, the time taken
 * or the errors tells whether it had: the lookup and a token are made either way, mail failures
 * are logged and swallowed, and the route answers before any of this finishes (after()).
 */
export async function requestPasswordReset(
  input: { email: string; origin: string } & RequestContext,
  now: Date = new Date(),
): Promise<{ ok: true }> {
  const { ip = null, userAgent = null } = input;
  const user = await findUserForSignIn(input.email);
  const { token, tokenHash } = newResetToken();

  if (!user || !user.isActive || !user.companyActive) {
    // The platform sees probing for unknown addresses (without the address itself).
    await recordSecurityEvent({
      type: "password_reset_requested",
      companyId: user?.companyId ?? null,
      userId: user?.id ?? null,
      ip,
      userAgent,
      details: { outcome: user ? "inactive_account" : "unknown_account" },
    });
    return { ok: true };
  }

  const recent = await countRecentPasswordResets(user.id, new Date(now.getTime() - 60 * 60_000));
  if (recent >= RESET_REQUESTS_PER_HOUR) {
    await recordSecurityEvent({
      type: "password_reset_requested",
      companyId: user.companyId,
      userId: user.id,
      ip,
      userAgent,
      details: { outcome: "rate_limited", recentRequests: recent },
    });
    return { ok: true };
  }

  await createPasswordReset({
    userId: user.id,
    tokenHash,
    expiresAt: new Date(now.getTime() + RESET_TOKEN_TTL_MINUTES * 60_000),
  });
  let mailed = true;
  try {
    await sendMail({
      to: user.email,
      template: "password_reset",
      // The account's own language, not the requesting browser's.
      locale: user.locale,
      data: {
        name: user.name,
        resetUrl: `${input.origin}/reset-password?token=${encodeURIComponent(token)}`,
        expiresInMinutes: RESET_TOKEN_TTL_MINUTES,
      },
    });
  } catch {
    // sendMail has logged it (without the address); the answer stays the same.
    mailed = false;
  }
  await recordSecurityEvent({
    type: "password_reset_requested",
    companyId: user.companyId,
    userId: user.id,
    ip,
    userAgent,
    details: { outcome: mailed ? "mailed" : "mail_failed" },
  });
  return { ok: true };
}

/** The account behind a reset link, for the page to show its form (null: invalid or expired). */
export async function checkResetToken(token: string, now: Date = new Date()): Promise<PasswordResetUser | null> {
  if (!RESET_TOKEN_PATTERN.test(token)) return null;
  return findPasswordResetUser(hashResetToken(token), now);
}

export type ResetPasswordResult =
  | { ok: true }
  | { ok: false; error: "invalid_input"; fieldErrors: Record<string, string[]> }
  | { ok: false; error: "invalid_or_expired" };

/**
 * Sets a new password with a reset token. The token is looked at before anything else, the
 * policy is checked against its account's email, and only then is it used (atomically, once).
 */
export async function resetPassword(
  input: { token: string; password: string; confirmPassword: string } & RequestContext,
  now: Date = new Date(),
): Promise<ResetPasswordResult> {
  const { ip = null, userAgent = null } = input;
  const parsed = resetPasswordSchema.safeParse(input);
  const tokenIssue = parsed.success ? undefined : parsed.error.issues.find((i) => i.path[0] === "token");
  if (tokenIssue) return { ok: false, error: "invalid_input", fieldErrors: { token: [tokenIssue.message] } };

  const tokenHash = hashResetToken(input.token);
  const refused = async (stage: string): Promise<ResetPasswordResult> => {
    await recordSecurityEvent({
      type: "password_reset_failed",
      companyId: null,
      userId: null,
      ip,
      userAgent,
      details: { reason: "unknown_used_or_expired", stage },
    });
    return { ok: false, error: "invalid_or_expired" };
  };

  const account = await findPasswordResetUser(tokenHash, now);
  if (!account) return refused("lookup");
  if (!parsed.success) return { ok: false, error: "invalid_input", fieldErrors: fieldErrorsOf(parsed.error) };
  const problem = passwordProblem(parsed.data.password, { email: account.email });
  if (problem) return { ok: false, error: "invalid_input", fieldErrors: { password: [problem] } };

  const passwordHash = await hashPassword(parsed.data.password);
  const user = await consumePasswordReset({ tokenHash, passwordHash, now });
  // Used by a concurrent request between the look and the use.
  if (!user) return refused("consume");

  await recordSecurityEvent({
    type: "password_reset_completed",
    companyId: user.companyId,
    userId: user.userId,
    ip,
    userAgent,
  });
  await notifyPasswordChanged(user);
  return { ok: true };
}

/** The account holder's alarm bell after a reset or change; best effort. */
export async function notifyPasswordChanged(user: { email: string; name: string; locale: Locale }) {
  try {
    await sendMail({ to: user.email, template: "password_changed", locale: user.locale, data: { name: user.name } });
  } catch {
    // Logged by sendMail; the password is changed either way.
  }
}
