import "server-only";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";

// The password policy (ASVS 5.0 V6.2, NIST SP 800-63B): length and a list of common passwords,
// nothing else. No composition rules (upper/lower/digit/symbol), no forced rotation, no hints:
// they make passwords more predictable, not stronger. Every new password (reset, change, and
// later invitations) is checked here, on the server; the forms only turn the codes into words
// (catalog namespace `password.policy`).
//
//   too_short       fewer than 12 characters (Unicode code points, spaces count)
//   too_long        more than 128 characters (argon2 takes more; a limit keeps requests small)
//   common          in lib/auth/common-passwords.txt (case-insensitive), or one of those words
//                   only wrapped in digits/symbols ("Sommer2024!!"), or a short unit repeated
//                   ("passwordpassword", "abcabcabcabc"); the list's header says where it is from
//   contains_email  the account's email, or its local part (3+ characters) anywhere in it
//   mismatch        the confirmation differs (forms send both fields)

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

export const passwordPolicyCodes = ["required", "too_short", "too_long", "common", "contains_email", "mismatch"] as const;
export type PasswordPolicyCode = (typeof passwordPolicyCodes)[number];

let commonPasswords: ReadonlySet<string> | undefined;

/** The shipped list, read once (about 10,000 lines, ~80 KB). */
export function commonPasswordList(): ReadonlySet<string> {
  commonPasswords ??= new Set(
    readFileSync(join(process.cwd(), "lib", "auth", "common-passwords.txt"), "utf8")
      .split("\n")
      .map((line) => line.trim().toLowerCase())
      .filter((line) => line !== "" && !line.startsWith("#")),
  );
  return commonPasswords;
}

/** Common: listed, a listed word wrapped only in digits/symbols, or a short unit repeated. */
export function isCommonPassword(password: string): boolean {
  const list = commonPasswordList();
  const lower = password.toLowerCase();
  if (list.has(lower)) return true;
  const core = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, "");
  if (core !== lower && core !== "" && list.has(core)) return true;
  const unit = repeatedUnit(lower);
  return unit !== null && (unit.length <= 3 || list.has(unit));
}

/** "abcabcabc" → "abc"; null when the text is not a repetition of a shorter unit. */
function repeatedUnit(text: string): string | null {
  const chars = [...text];
  for (let size = 1; size <= chars.length / 2; size++) {
    if (chars.length % size !== 0) continue;
    const unit = chars.slice(0, size).join("");
    if (unit.repeat(chars.length / size) === text) return unit;
  }
  return null;
}

/** The first rule a new password breaks, or null when it is acceptable. */
export function passwordProblem(password: string, context: { email?: string | null } = {}): PasswordPolicyCode | null {
  if (password.length === 0) return "required";
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return "too_short";
  if (length > PASSWORD_MAX_LENGTH) return "too_long";
  const lower = password.toLowerCase();
  const email = context.email?.trim().toLowerCase();
  if (email) {
    const local = email.split("@")[0] ?? "";
    if (lower === email || lower.includes(email) || (local.length >= 3 && lower.includes(local))) return "contains_email";
  }
  if (isCommonPassword(password)) return "common";
  return null;
}

/** A new password for the account with this email; issues carry the codes above as messages. */
export function newPasswordSchema(context: { email?: string | null } = {}) {
  return z.string({ error: "required" }).superRefine((value, ctx) => {
    const problem = passwordProblem(value, context);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
}

/**
 * The shape of a new password before the account is known (the reset form learns the email
 * from the token): a string within the length limits, and the confirmation equal to it.
 */
export const newPasswordFieldsSchema = z
  .object({
    password: z
      .string({ error: "required" })
      .min(1, { error: "required" })
      // Rough guard before the exact (code point) count of passwordProblem.
      .max(PASSWORD_MAX_LENGTH * 4, { error: "too_long" }),
    confirmPassword: z.string({ error: "required" }).max(PASSWORD_MAX_LENGTH * 4, { error: "too_long" }),
  })
  .refine((value) => value.password === value.confirmPassword, { path: ["confirmPassword"], error: "mismatch" });

/** Field → codes, from a zod error whose messages are codes (the shape the forms read). */
export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    (fieldErrors[key] ??= []).push(issue.message);
  }
  return fieldErrors;
}
