import type { NextAuthConfig } from "next-auth";
import type { UserRole } from "@/db/schema/users";
import { SESSION_COOKIE_MAX_AGE_SECONDS, sessionExpiry } from "./session-policy";

// The light half of the auth setup: no providers and no database, so proxy.ts can load it.

declare module "next-auth" {
  interface User {
    role?: UserRole;
    companyId?: string | null;
    sessionVersion?: number;
    /** The user_sessions row authorize recorded for this sign-in. */
    sid?: string;
  }
  interface Session {
    sessionVersion?: number;
    actingCompanyId?: string | null;
    sessionId?: string;
    signedInAt?: number;
    lastSeenAt?: number;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    role?: UserRole;
    companyId?: string | null;
    actingCompanyId?: string | null;
    sessionVersion?: number;
    /**
     * A fresh id at every sign-in: the user_sessions row authorize recorded (the session list and
     * "end other sessions" key on it). A token without one is not a session (lib/auth/session.ts).
     */
    sid?: string;
    signedInAt?: number;
    lastSeenAt?: number;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const authConfig = {
  pages: { signIn: "/sign-in" },
  session: { strategy: "jwt", maxAge: SESSION_COOKIE_MAX_AGE_SECONDS },
  trustHost: true,
  providers: [],
  callbacks: {
    // proxy.ts decides redirects itself (it also sets security headers on public pages).
    authorized: () => true,
    // Runs on every proxied request (Auth.js re-signs the token there): it keeps lastSeenAt and
    // ends idle or too-old sessions by returning null, which clears the cookie.
    jwt({ token, user, trigger, session }) {
      const now = Date.now();
      if (user) {
        token.sid = user.sid;
        token.signedInAt = now;
        token.lastSeenAt = now;
        token.sub = user.id;
        token.role = user.role;
        token.companyId = user.companyId ?? null;
        token.actingCompanyId = user.companyId ?? null;
        token.sessionVersion = user.sessionVersion;
      }
      // A platform admin switches the company they act for; the server action has checked the
      // company, and nobody else may change it.
      if (trigger === "update" && token.role === "platform_admin") {
        const next = (session as { actingCompanyId?: unknown } | undefined)?.actingCompanyId;
        if (next === null || (typeof next === "string" && UUID.test(next))) token.actingCompanyId = next;
      }
      if (sessionExpiry(token, now)) return null;
      // Re-issued at most once a minute, not on every request.
      if (now - (token.lastSeenAt ?? 0) > 60_000) token.lastSeenAt = now;
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      session.sessionVersion = token.sessionVersion;
      session.actingCompanyId = token.actingCompanyId ?? null;
      session.sessionId = token.sid;
      session.signedInAt = token.signedInAt;
      session.lastSeenAt = token.lastSeenAt;
      return session;
    },
  },
} satisfies NextAuthConfig;
