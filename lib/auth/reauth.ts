import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { findUserForSignIn, recordSignInAttempt, type SignInUser } from "@/db/platform";
import { getTwoFactorRow, type TwoFactorRow } from "@/db/platform-two-factor";
import { recordSecurityEvent } from "@/lib/security/events";
import { verifyPassword } from "./password";
import { signInEmailHash, signInWait } from "./throttle";
import { checkSecondFactor, isTwoFactorOn } from "./two-factor";

// Re-authentication before a sensitive change of one's own account (password, email, 2FA): the
// current password and, with 2FA on, a current code (TOTP or recovery code), under the same
// throttling as sign-in. A wrong password or code counts as a failed sign-in attempt of the
// account; a wrong code is also a two_factor_failed security event.

export type ReauthOwner = { id: string; email: string; homeCompanyId: string | null };
export type ReauthContext = { ip?: string | null; userAgent?: string | null; purpose: string };

export type ReauthFailure =
  | { ok: false; error: "throttled"; retryAfterSeconds: number }
  | { ok: false; error: "unauthenticated" }
  | { ok: false; error: "wrong_current_password" }
  | { ok: false; error: "code_required" }
  | { ok: false; error: "invalid_code" };

export type ReauthResult = { ok: true; account: SignInUser; twoFactor: TwoFactorRow | null } | ReauthFailure;

export async function reauthenticate(
  user: ReauthOwner,
  input: { password: string; code?: string | null },
  context: ReauthContext,
): Promise<ReauthResult> {
  const ip = context.ip ?? null;
  const userAgent = context.userAgent ?? null;
  const event = (type: string, details: Record<string, unknown>) =>
    recordSecurityEvent({ type, companyId: user.homeCompanyId, userId: user.id, ip, userAgent, details });

  const emailHash = signInEmailHash(user.email);
  const { waitMs } = await signInWait(emailHash, ip);
  if (waitMs > 0) return { ok: false, error: "throttled", retryAfterSeconds: Math.ceil(waitMs / 1000) };
  const account = await findUserForSignIn(user.email);
  if (!account || account.id !== user.id || !account.isActive || !account.companyActive) {
    return { ok: false, error: "unauthenticated" };
  }
  if (!(await verifyPassword(account.passwordHash, input.password))) {
    await recordSignInAttempt({ emailHash, ip, userId: user.id, succeeded: false });
    return { ok: false, error: "wrong_current_password" };
  }
  const twoFactor = await getTwoFactorRow(user.id);
  if (!isTwoFactorOn(twoFactor)) return { ok: true, account, twoFactor };
  const code = input.code?.trim();
  if (!code) return { ok: false, error: "code_required" };
  const check = await checkSecondFactor(user.id, code, { row: twoFactor });
  if (!check.ok) {
    await recordSignInAttempt({ emailHash, ip, userId: user.id, succeeded: false });
    await event("two_factor_failed", { reason: check.reason, purpose: context.purpose });
    return { ok: false, error: "invalid_code" };
  }
  if (check.method === "recovery") {
    await event("two_factor_recovery_code_used", { purpose: context.purpose, recoveryCodesLeft: check.recoveryCodesLeft });
  }
  return { ok: true, account, twoFactor };
}

// --- a signed-in browser signing itself in again ----------------------------------------------
// A password change ends every session (new session version) and the handler signs its own
// browser in again through authorize. With 2FA on, the code was just used for re-authentication
// and cannot be used twice, so the handler passes a grant instead: an HMAC (AUTH_SECRET) over
// the user id and the new session version, valid for 60 seconds. It never leaves the server
// (Auth.js' signIn() calls authorize in-process), and is worthless for any other user, after
// the next password change or after a minute.

const GRANT_TTL_MS = 60_000;

function grantMac(userId: string, sessionVersion: number, expires: number): string {
  return createHmac("sha256", process.env.AUTH_SECRET ?? "askproai")
    .update(`askproai re-sign-in grant v1|${userId}|${sessionVersion}|${expires}`)
    .digest("base64url");
}

export function issueReSignInGrant(userId: string, sessionVersion: number, now = Date.now()): string {
  const expires = now + GRANT_TTL_MS;
  return `${expires}.${grantMac(userId, sessionVersion, expires)}`;
}

export function verifyReSignInGrant(grant: unknown, userId: string, sessionVersion: number, now = Date.now()): boolean {
  if (typeof grant !== "string" || grant.length > 128) return false;
  const [expiresText, mac] = grant.split(".");
  const expires = Number(expiresText);
  if (!mac || !Number.isSafeInteger(expires) || expires < now || expires > now + GRANT_TTL_MS) return false;
  const expected = Buffer.from(grantMac(userId, sessionVersion, expires));
  const given = Buffer.from(mac);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
