import { createHmac } from "node:crypto";
import { getSignInThrottleState, type SignInThrottleState } from "@/db/platform";

// Sign-in throttling (ASVS V6.3): from the 10th failure within 15 minutes, per account and per
// IP, each further attempt must wait an increasing delay after the latest failure: 1 s, 2 s,
// 4 s … capped at 60 s. Never a hard lockout: an attacker cannot lock a real user out for longer
// than the cap, and a correct password after the wait signs in.
export const THROTTLE_WINDOW_MS = 15 * 60_000;
export const THROTTLE_FREE_FAILURES = 10;
export const THROTTLE_MAX_DELAY_MS = 60_000;

export function delayAfter(failures: number): number {
  if (failures < THROTTLE_FREE_FAILURES) return 0;
  return Math.min(THROTTLE_MAX_DELAY_MS, 1000 * 2 ** (failures - THROTTLE_FREE_FAILURES));
}

/** Milliseconds still to wait before an attempt may be checked (0: go ahead). */
export function requiredWait(state: SignInThrottleState, now: number): number {
  const waits = [
    state.lastEmailFailure ? state.lastEmailFailure.getTime() + delayAfter(state.emailFailures) - now : 0,
    state.lastIpFailure ? state.lastIpFailure.getTime() + delayAfter(state.ipFailures) - now : 0,
  ];
  return Math.max(0, ...waits);
}

export async function signInWait(emailHash: string, ip: string | null, now = Date.now()) {
  const state = await getSignInThrottleState(emailHash, ip, new Date(now - THROTTLE_WINDOW_MS));
  return { waitMs: requiredWait(state, now), state };
}

/**
 * Sign-in attempts are kept by keyed hash of the normalized email: throttling can count them,
 * the table names nobody. Every password check (sign-in, change password) counts through this.
 */
export function signInEmailHash(email: string): string {
  return createHmac("sha256", process.env.AUTH_SECRET ?? "askproai").update(email.trim().toLowerCase()).digest("hex");
}
