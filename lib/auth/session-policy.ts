import type { UserRole } from "@/db/schema/users";

// Session lifetimes. Admin roles get a short idle timeout and a hard cap (configurable through
// the environment); everyone else keeps a session for a working week of activity.
const ADMIN_ROLES: readonly UserRole[] = ["platform_admin", "company_admin"];

const minutes = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value * 60_000 : fallback;
};

export type SessionLimits = { idleMs: number; absoluteMs: number };

export function sessionLimits(role: UserRole | undefined): SessionLimits {
  if (role && ADMIN_ROLES.includes(role)) {
    return {
      idleMs: minutes("SESSION_ADMIN_IDLE_MINUTES", 30 * 60_000),
      absoluteMs: minutes("SESSION_ADMIN_MAX_MINUTES", 12 * 60 * 60_000),
    };
  }
  return {
    idleMs: minutes("SESSION_IDLE_MINUTES", 8 * 60 * 60_000),
    absoluteMs: minutes("SESSION_MAX_MINUTES", 7 * 24 * 60 * 60_000),
  };
}

/** The cookie's own lifetime: the longest absolute limit of any role. */
export const SESSION_COOKIE_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;

export type SessionTimes = { role?: UserRole; signedInAt?: number; lastSeenAt?: number };

/** Why a session is over, or null while it is alive. A session without times is over. */
export function sessionExpiry(token: SessionTimes, now: number): "idle" | "absolute" | null {
  if (!token.signedInAt || !token.lastSeenAt) return "absolute";
  const limits = sessionLimits(token.role);
  if (now - token.signedInAt > limits.absoluteMs) return "absolute";
  if (now - token.lastSeenAt > limits.idleMs) return "idle";
  return null;
}
