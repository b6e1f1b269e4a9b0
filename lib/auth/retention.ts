import { purgeExpiredAuthRecords } from "@/db/platform";

/** Sign-in attempts feed throttling (minutes) and the security log (weeks); older ones go. */
export const SIGN_IN_ATTEMPT_RETENTION_DAYS = 90;

/** Drops password-reset tokens a day past expiry or use, and sign-in records past retention. */
export function purgeAuthRecords(now: Date = new Date()) {
  return purgeExpiredAuthRecords(now, SIGN_IN_ATTEMPT_RETENTION_DAYS);
}
