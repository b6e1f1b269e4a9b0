import { generate } from "otplib";

// The demo's one authenticator secret (base32, 20 bytes). The seeded admin accounts are enrolled
// with it, so the demo, its README and the e2e suite can compute their codes
// (`npm run demo:totp`, or add it to an authenticator app by hand). Never used outside the
// embedded demo's seed: real enrolments get a random secret each (lib/auth/two-factor.ts).
export const DEMO_TOTP_SECRET = "KRUGKICBONVVA4TPIFESAZDFNVXSAMRQ";

/** The seeded accounts enrolled with the demo secret. */
export const DEMO_TWO_FACTOR_EMAILS = ["admin@askproai.de", "inhaberin@schnittkunst.de", "praxis@physio-isartor.de"] as const;

/** A company admin seeded without 2FA: signing in shows the forced enrolment. */
export const DEMO_UNENROLLED_ADMIN = { email: "neu@physio-isartor.de", name: "Nina Neumann" } as const;

export const TOTP_PERIOD_SECONDS = 30;

/** The 30-second time step of a moment (Unix seconds / 30). */
export function totpStepAt(ms: number): number {
  return Math.floor(ms / 1000 / TOTP_PERIOD_SECONDS);
}

/** The code of a base32 secret for one time step (SHA-1, 6 digits, 30 s: authenticator defaults). */
export function totpCodeForStep(secret: string, step: number): Promise<string> {
  return generate({ secret, epoch: step * TOTP_PERIOD_SECONDS, period: TOTP_PERIOD_SECONDS, digits: 6, algorithm: "sha1" });
}
