/** Who acts (for the audit trail and security events) and from where. */
export type Actor = {
  userId: string;
  /** Shown to the invitee as the one who invited them. */
  name: string;
  requestId?: string;
  ip?: string | null;
  userAgent?: string | null;
};

export type UsersError = "invalid_input" | "not_found" | "self" | "last_admin" | "email_taken" | "invalid_branch";

export type UsersFailure = { ok: false; error: UsersError; fieldErrors?: Record<string, string> };
