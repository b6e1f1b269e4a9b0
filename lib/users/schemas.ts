import { z } from "zod";
import { newPasswordFieldsSchema } from "@/lib/auth/password-policy";
import { locales } from "@/lib/i18n/config";
import { type AssignableRole, assignableRoles, isBranchRole } from "./roles";

// The users page's input, validated the same way in the forms' server actions and the use cases.
// Error messages are codes; the forms turn them into words (catalog namespace users.fieldErrors).

/** A company has a few branches; the limit keeps a forged request small. */
const MAX_BRANCHES = 100;

const roleField = z.enum(assignableRoles, { error: "invalid_role" });
const branchIdsField = z
  .array(z.uuid({ error: "invalid_branch" }), { error: "invalid_branch" })
  .max(MAX_BRANCHES, { error: "invalid_branch" })
  .default([])
  .transform((ids) => [...new Set(ids.map((id) => id.toLowerCase()))]);

/** Branch roles need branches; other roles get none (whatever was sent). */
function withBranchRule<T extends { role: AssignableRole; branchIds: string[] }>(value: T, ctx: z.RefinementCtx) {
  if (isBranchRole(value.role) && value.branchIds.length === 0) {
    ctx.addIssue({ code: "custom", path: ["branchIds"], message: "branches_required" });
  }
}
const dropBranchesUnlessBranchRole = <T extends { role: AssignableRole; branchIds: string[] }>(value: T): T =>
  isBranchRole(value.role) ? value : { ...value, branchIds: [] };

export const emailField = z
  .string({ error: "required" })
  .trim()
  .min(1, { error: "required" })
  .max(254, { error: "invalid_email" })
  .pipe(z.email({ error: "invalid_email" }))
  .transform((email) => email.toLowerCase());

export const inviteUserSchema = z
  .object({
    email: emailField,
    role: roleField,
    branchIds: branchIdsField,
    locale: z.enum(locales, { error: "invalid_locale" }).default("de"),
  })
  .superRefine(withBranchRule)
  .transform(dropBranchesUnlessBranchRole);
export type InviteUserInput = z.output<typeof inviteUserSchema>;

export const changeUserRoleSchema = z
  .object({ userId: z.uuid({ error: "not_found" }), role: roleField, branchIds: branchIdsField })
  .superRefine(withBranchRule)
  .transform(dropBranchesUnlessBranchRole);
export type ChangeUserRoleInput = z.output<typeof changeUserRoleSchema>;

export const setUserActiveSchema = z.object({
  userId: z.uuid({ error: "not_found" }),
  active: z.preprocess((v) => (v === "true" ? true : v === "false" ? false : v), z.boolean({ error: "invalid" })),
});

export const invitationIdSchema = z.object({ invitationId: z.uuid({ error: "not_found" }) });

/** 32 random bytes in base64url without padding: 43 characters. */
export const INVITATION_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export const acceptInvitationSchema = newPasswordFieldsSchema.safeExtend({
  token: z.string({ error: "required" }).regex(INVITATION_TOKEN_PATTERN, { error: "malformed" }),
  name: z
    .string({ error: "required" })
    .transform((name) => name.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ").replace(/\s{2,}/g, " ").trim())
    .pipe(z.string().min(1, { error: "required" }).max(200, { error: "too_long" })),
});

/** Field → first code, from a zod error whose messages are codes. */
export function firstFieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    out[key] ??= issue.message;
  }
  return out;
}
