import "server-only";
import { createHmac, randomInt } from "node:crypto";
import { generateSecret, generateURI, verify } from "otplib";
import QRCode from "qrcode";
import type { UserRole } from "@/db/schema/users";
import { consumeTwoFactorStep, getTwoFactorRow, type TwoFactorRow, consumeRecoveryCode } from "@/db/platform-two-factor";
import { decryptField, encryptField } from "@/lib/crypto/field-encryption";
import { fieldKeys } from "@/lib/crypto/keys";
import { TOTP_PERIOD_SECONDS } from "./two-factor-demo";

// Two-factor sign-in (issue 3): TOTP per RFC 6238 with the authenticator apps' defaults (SHA-1,
// 6 digits, 30 s), a code of the previous, current or next step accepted (clock drift), every
// step usable once (the database keeps the last one used). Ten one-time recovery codes, stored
// as keyed hashes. The secret is stored encrypted, bound to its user.

/** Roles that must have 2FA on before they reach the portal (design: mandatory for admins). */
export const TWO_FACTOR_REQUIRED_ROLES: readonly UserRole[] = ["platform_admin", "company_admin"];

export function twoFactorRequiredFor(role: UserRole): boolean {
  return TWO_FACTOR_REQUIRED_ROLES.includes(role);
}

export const TOTP_ISSUER = "AskProAI";
export const RECOVERY_CODE_COUNT = 10;
const TOTP_OPTIONS = { algorithm: "sha1", digits: 6, period: TOTP_PERIOD_SECONDS } as const;

// --- codes as typed -------------------------------------------------------------------------

/** Lower-case letters and digits without look-alikes (0/o, 1/l/i): 31 symbols. */
const RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
/**
 * 24 symbols of 31: log2(31) × 24 ≈ 119 bits, above the 112 bits from which ASVS 5.0 (6.5.2) lets
 * a lookup secret be stored with a plain keyed hash instead of a password hash.
 */
const RECOVERY_LENGTH = 24;
const RECOVERY_PATTERN = /^[a-z0-9]{24}$/;

export type SecondFactorInput = { kind: "totp"; code: string } | { kind: "recovery"; code: string };

/**
 * What a typed code is: six digits (spaces allowed) are a TOTP code, 24 letters/digits
 * (dashes and spaces allowed, any case) a recovery code; anything else null (malformed).
 */
export function parseSecondFactor(raw: string): SecondFactorInput | null {
  const compact = raw.replace(/[\s-]/g, "").toLowerCase();
  if (/^\d{6}$/.test(compact)) return { kind: "totp", code: compact };
  if (RECOVERY_PATTERN.test(compact)) return { kind: "recovery", code: compact };
  return null;
}

/** Ten recovery codes like "k7mpq2-xa9fde-r4tzwn-b8hcuy" (CSPRNG), shown once. */
export function generateRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const raw = Array.from({ length: RECOVERY_LENGTH }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join("");
    return raw.match(/.{6}/g)!.join("-");
  });
}

/**
 * What the database keeps of a recovery code: HMAC-SHA256 (keyed with a key derived from the
 * deployment's blind-index key, bound to the user), so a dump of the table can neither be
 * brute-forced offline nor used for another account.
 */
export function hashRecoveryCode(userId: string, code: string): string {
  const normalized = code.replace(/[\s-]/g, "").toLowerCase();
  const key = createHmac("sha256", fieldKeys().blindIndexKey).update("askproai recovery code v1").digest();
  return createHmac("sha256", key).update(`${userId.toLowerCase()}|${normalized}`, "utf8").digest("hex");
}

// --- the secret -----------------------------------------------------------------------------

export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

const secretContext = (userId: string) => ({ companyId: userId, column: "user_two_factor.secret_ciphertext" });

/** AES-256-GCM under the field key ring; the associated data names the column and the user. */
export function encryptTotpSecret(userId: string, secret: string): string {
  return encryptField(secret, secretContext(userId));
}

export function decryptTotpSecret(userId: string, ciphertext: string): string {
  return decryptField(ciphertext, secretContext(userId));
}

/** The otpauth:// URI an authenticator app scans (issuer AskProAI, account = the email). */
export function totpUri(email: string, secret: string): string {
  return generateURI({ issuer: TOTP_ISSUER, label: email, secret, ...TOTP_OPTIONS });
}

/** The URI as an SVG QR code, rendered here (no external service ever sees the secret). */
export function totpQrSvg(uri: string): Promise<string> {
  return QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 1 });
}

/** The base32 secret in groups of four, for typing it in by hand. */
export function formatSecretForDisplay(secret: string): string {
  return secret.replace(/(.{4})/g, "$1 ").trim();
}

/**
 * The time step a six-digit code matches (previous, current or next step), or null. Steps up to
 * and including afterStep are not considered (already used).
 */
export async function matchTotpStep(secret: string, code: string, options: { afterStep?: number | null; now?: number } = {}) {
  const epoch = Math.floor((options.now ?? Date.now()) / 1000);
  const result = await verify({
    secret,
    token: code,
    epoch,
    epochTolerance: TOTP_PERIOD_SECONDS,
    ...TOTP_OPTIONS,
    ...(options.afterStep ? { afterTimeStep: options.afterStep } : {}),
  });
  return result.valid && "timeStep" in result ? result.timeStep : null;
}

// --- checking a second factor at sign-in and re-authentication ----------------------------------

export type SecondFactorCheck =
  | { ok: true; method: "totp" }
  | { ok: true; method: "recovery"; recoveryCodesLeft: number }
  | { ok: false; reason: "malformed" | "wrong_code" | "replayed" | "not_enrolled" };

/** 2FA is on for the account (an enrolment not yet confirmed does not count). */
export function isTwoFactorOn(row: TwoFactorRow | null): row is TwoFactorRow & { enabledAt: Date } {
  return Boolean(row?.enabledAt);
}

/**
 * Checks and uses up a code of an account with 2FA on: a TOTP code's step is consumed
 * atomically (a replay, or the loser of two concurrent uses, is refused), a recovery code is
 * marked used. Nothing is used up when the code is wrong.
 */
export async function checkSecondFactor(
  userId: string,
  rawCode: string,
  options: { row?: TwoFactorRow | null; now?: number } = {},
): Promise<SecondFactorCheck> {
  const row = options.row === undefined ? await getTwoFactorRow(userId) : options.row;
  if (!isTwoFactorOn(row)) return { ok: false, reason: "not_enrolled" };
  const input = parseSecondFactor(rawCode);
  if (!input) return { ok: false, reason: "malformed" };
  if (input.kind === "recovery") {
    const left = await consumeRecoveryCode(userId, hashRecoveryCode(userId, input.code));
    return left === null ? { ok: false, reason: "wrong_code" } : { ok: true, method: "recovery", recoveryCodesLeft: left };
  }
  const secret = decryptTotpSecret(userId, row.secretCiphertext);
  const step = await matchTotpStep(secret, input.code, { now: options.now });
  if (step === null) return { ok: false, reason: "wrong_code" };
  if (row.lastUsedStep !== null && step <= row.lastUsedStep) return { ok: false, reason: "replayed" };
  return (await consumeTwoFactorStep(userId, step)) ? { ok: true, method: "totp" } : { ok: false, reason: "replayed" };
}
