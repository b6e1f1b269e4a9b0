import "server-only";
import { acceptInvitationRow, type InvitationLookup, lookupInvitation } from "@/db/platform-invitations";
import { newId } from "@/db/schema/_columns";
import { hashPassword } from "@/lib/auth/password";
import { passwordProblem } from "@/lib/auth/password-policy";
import { recordSecurityEvent } from "@/lib/security/events";
import { hashInvitationToken } from "./invitation-token";
import { acceptInvitationSchema, firstFieldErrors, INVITATION_TOKEN_PATTERN } from "./schemas";

// Accepting an invitation (anonymous: the link is the credential). The link is looked at first,
// the password is checked against the policy and the invited address, then
// app_accept_invitation creates the user, their branches and marks the invitation used, at once
// and only once. Accepting never signs anybody in: sign-in follows (with 2FA where the role
// requires it). Every refused link is an invitation_rejected security event with its reason.

export type InvitationError = "invitation_invalid" | "invitation_expired" | "invitation_used";

export type InvitationCheck =
  | { ok: true; invitation: Pick<InvitationLookup, "invitationId" | "companyName" | "email" | "role" | "expiresAt"> }
  | { ok: false; error: InvitationError };

export type AcceptInvitationResult =
  | { ok: true; userId: string; companyId: string }
  | { ok: false; error: "invalid_input"; fieldErrors: Record<string, string> }
  | { ok: false; error: InvitationError | "email_taken" };

export type RequestContext = { ip?: string | null; userAgent?: string | null };

const ERROR_BY_STATE: Record<string, InvitationError> = {
  expired: "invitation_expired",
  used: "invitation_used",
};
const errorOf = (state: string): InvitationError => ERROR_BY_STATE[state] ?? "invitation_invalid";

/** For the accept page: the invitation behind the link, or why it cannot be used. Changes nothing. */
export async function checkInvitation(token: string, now: Date = new Date()): Promise<InvitationCheck> {
  if (!INVITATION_TOKEN_PATTERN.test(token)) return { ok: false, error: "invitation_invalid" };
  const found = await lookupInvitation(hashInvitationToken(token), now);
  if (!found) return { ok: false, error: "invitation_invalid" };
  if (found.state !== "open") return { ok: false, error: errorOf(found.state) };
  const { invitationId, companyName, email, role, expiresAt } = found;
  return { ok: true, invitation: { invitationId, companyName, email, role, expiresAt } };
}

export async function acceptInvitation(
  input: { token: unknown; name: unknown; password: unknown; confirmPassword: unknown } & RequestContext,
  now: Date = new Date(),
): Promise<AcceptInvitationResult> {
  const context = { ip: input.ip ?? null, userAgent: input.userAgent ?? null };
  const reject = async (reason: string, found: { invitationId: string | null; companyId: string | null } | null) => {
    await recordSecurityEvent({
      type: "invitation_rejected",
      companyId: found?.companyId ?? null,
      userId: null,
      ...context,
      details: { reason, ...(found?.invitationId ? { invitationId: found.invitationId } : {}) },
    });
  };

  const parsed = acceptInvitationSchema.safeParse(input);
  const tokenIssue = parsed.success ? undefined : parsed.error.issues.find((i) => i.path[0] === "token");
  if (tokenIssue || typeof input.token !== "string") {
    await reject("malformed", null);
    return { ok: false, error: "invitation_invalid" };
  }
  const tokenHash = hashInvitationToken(input.token);
  const found = await lookupInvitation(tokenHash, now);
  if (!found || found.state !== "open") {
    await reject(found?.state ?? "unknown", found);
    return { ok: false, error: errorOf(found?.state ?? "unknown") };
  }
  if (!parsed.success) return { ok: false, error: "invalid_input", fieldErrors: firstFieldErrors(parsed.error) };
  const problem = passwordProblem(parsed.data.password, { email: found.email });
  if (problem) return { ok: false, error: "invalid_input", fieldErrors: { password: problem } };

  const passwordHash = await hashPassword(parsed.data.password);
  const accepted = await acceptInvitationRow({ tokenHash, userId: newId(), name: parsed.data.name, passwordHash, now });
  if (accepted.state !== "accepted" || !accepted.userId || !accepted.companyId) {
    // Used, revoked or expired by a concurrent request between the look and the use.
    await reject(accepted.state, accepted);
    return { ok: false, error: accepted.state === "email_taken" ? "email_taken" : errorOf(accepted.state) };
  }
  await recordSecurityEvent({
    type: "invitation_accepted",
    companyId: accepted.companyId,
    userId: accepted.userId,
    ...context,
    details: { invitationId: accepted.invitationId, role: accepted.role },
  });
  return { ok: true, userId: accepted.userId, companyId: accepted.companyId };
}
