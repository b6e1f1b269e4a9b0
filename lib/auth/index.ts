import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { findUserForSignIn, recordSignInAttempt, startUserSession } from "@/db/platform";
import { getTwoFactorRow } from "@/db/platform-two-factor";
import { recordSecurityEvent } from "@/lib/security/events";
import { authConfig } from "./auth.config";
import { burnPasswordCheck, verifyPassword } from "./password";
import { verifyReSignInGrant } from "./reauth";
import { signInSchema } from "./schemas";
import { signInEmailHash, signInWait } from "./throttle";
import { checkSecondFactor, isTwoFactorOn } from "./two-factor";

/** Too many recent failures for this account or IP: try again after retryAfterSeconds. */
export class ThrottledSignIn extends CredentialsSignin {
  override code = "throttled";
  constructor(readonly retryAfterSeconds: number) {
    super();
  }
}

/** Password right, 2FA on, no code given: ask for one (not a failed attempt, no session). */
export class TwoFactorRequired extends CredentialsSignin {
  override code = "two_factor_required";
}

/** Password right, the code wrong, malformed or already used: a failed attempt. */
export class InvalidTwoFactorCode extends CredentialsSignin {
  override code = "invalid_code";
}

export const { handlers, auth, signIn, signOut, unstable_update } = NextAuth({
  ...authConfig,
  providers: [
    Credentials({
      credentials: { email: {}, password: {}, code: {} },
      // Every password and second-factor check at sign-in goes through here (our sign-in endpoint
      // and Auth.js' own callback alike), so throttling, 2FA and the records cannot be bypassed.
      async authorize(credentials, request) {
        const parsed = signInSchema.safeParse(credentials);
        if (!parsed.success) throw new CredentialsSignin();
        const { email, password, code } = parsed.data;
        const ip = clientIp(request);
        const userAgent = request?.headers.get("user-agent") ?? null;
        const hash = signInEmailHash(email);

        const { waitMs, state } = await signInWait(hash, ip);
        const user = await findUserForSignIn(email);
        if (waitMs > 0) {
          await recordSecurityEvent({
            type: "sign_in_throttled",
            companyId: user?.companyId ?? null,
            userId: user?.id ?? null,
            ip,
            userAgent,
            details: { emailFailures: state.emailFailures, ipFailures: state.ipFailures, waitMs },
          });
          throw new ThrottledSignIn(Math.ceil(waitMs / 1000));
        }
        if (!user) {
          await burnPasswordCheck(password);
          await recordSignInAttempt({ emailHash: hash, ip, userId: null, succeeded: false });
          await recordSecurityEvent({ type: "sign_in_failed", companyId: null, userId: null, ip, userAgent, details: { reason: "unknown_account" } });
          throw new CredentialsSignin();
        }
        const passwordOk = await verifyPassword(user.passwordHash, password);
        const ok = passwordOk && user.isActive && user.companyActive;
        if (!ok) {
          await recordSignInAttempt({ emailHash: hash, ip, userId: user.id, succeeded: false });
          const reason = !passwordOk ? "wrong_password" : !user.isActive ? "inactive_account" : "inactive_company";
          await recordSecurityEvent({ type: "sign_in_failed", companyId: user.companyId, userId: user.id, ip, userAgent, details: { reason } });
          throw new CredentialsSignin();
        }
        // The second factor, only once the password is right; the attempt counts as a success only
        // after it. A password reset changes none of this (it never signs anybody in).
        const twoFactor = await getTwoFactorRow(user.id);
        const grant = (credentials as { reSignInGrant?: unknown } | undefined)?.reSignInGrant;
        if (isTwoFactorOn(twoFactor) && !verifyReSignInGrant(grant, user.id, user.sessionVersion)) {
          if (!code) throw new TwoFactorRequired();
          const check = await checkSecondFactor(user.id, code, { row: twoFactor });
          if (!check.ok) {
            await recordSignInAttempt({ emailHash: hash, ip, userId: user.id, succeeded: false });
            await recordSecurityEvent({
              type: "two_factor_failed",
              companyId: user.companyId,
              userId: user.id,
              ip,
              userAgent,
              details: { reason: check.reason, purpose: "sign_in" },
            });
            throw new InvalidTwoFactorCode();
          }
          if (check.method === "recovery") {
            await recordSecurityEvent({
              type: "two_factor_recovery_code_used",
              companyId: user.companyId,
              userId: user.id,
              ip,
              userAgent,
              details: { purpose: "sign_in", recoveryCodesLeft: check.recoveryCodesLeft },
            });
          }
        }
        await recordSignInAttempt({ emailHash: hash, ip, userId: user.id, succeeded: true });
        // A new session id at every sign-in, recorded for the user's session list.
        const sid = crypto.randomUUID();
        await startUserSession({ id: sid, userId: user.id, ip, userAgent });
        return {
          id: user.id,
          sid,
          email: user.email,
          name: user.name,
          role: user.role,
          companyId: user.companyId,
          sessionVersion: user.sessionVersion,
        };
      },
    }),
  ],
});

/** The first X-Forwarded-For hop (set by the reverse proxy in front of the app), else none. */
function clientIp(request: Request | undefined): string | null {
  const forwarded = request?.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  const ip = forwarded || request?.headers.get("x-real-ip") || null;
  return ip && /^[0-9a-f.:]{3,45}$/i.test(ip) ? ip : null;
}
