import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { findUserForSignIn, recordSignInAttempt, startUserSession } from "@/db/platform";
import { recordSecurityEvent } from "@/lib/security/events";
import { authConfig } from "./auth.config";
import { burnPasswordCheck, verifyPassword } from "./password";
import { signInSchema } from "./schemas";
import { signInEmailHash, signInWait } from "./throttle";

/** Too many recent failures for this account or IP: try again after retryAfterSeconds. */
export class ThrottledSignIn extends CredentialsSignin {
  override code = "throttled";
  constructor(readonly retryAfterSeconds: number) {
    super();
  }
}

export const { handlers, auth, signIn, signOut, unstable_update } = NextAuth({
  ...authConfig,
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      // Every password check in the app goes through here (our sign-in endpoint and Auth.js'
      // own callback alike), so throttling and the records cannot be bypassed.
      async authorize(credentials, request) {
        const parsed = signInSchema.safeParse(credentials);
        if (!parsed.success) throw new CredentialsSignin();
        const { email, password } = parsed.data;
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
        await recordSignInAttempt({ emailHash: hash, ip, userId: user.id, succeeded: ok });
        if (!ok) {
          const reason = !passwordOk ? "wrong_password" : !user.isActive ? "inactive_account" : "inactive_company";
          await recordSecurityEvent({ type: "sign_in_failed", companyId: user.companyId, userId: user.id, ip, userAgent, details: { reason } });
          throw new CredentialsSignin();
        }
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
