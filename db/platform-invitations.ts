import "server-only";
import { sql } from "drizzle-orm";
import type { UserRole } from "./schema";
import { asRuntime, type DatabaseHandle, rowsOf, runtimeDatabase } from "./index";

// User invitations across companies (drizzle/0014_invitation_functions.sql): each wraps one
// SECURITY DEFINER function. Tested through lib/users/invitations.test.ts.

async function call<T>(handle: DatabaseHandle | undefined, query: ReturnType<typeof sql>): Promise<T[]> {
  const h = handle ?? (await runtimeDatabase());
  return asRuntime(h, async (db) => rowsOf<T>(await db.execute(query)));
}

/** Whether any account (any company, or the platform) has this address, case-insensitively. */
export async function isUserEmailTaken(email: string, handle?: DatabaseHandle): Promise<boolean> {
  const [row] = await call<{ taken: boolean }>(handle, sql`select app_user_email_taken(${email}::text) as taken`);
  return row?.taken === true;
}

export type InvitationLookupState = "open" | "expired" | "used" | "revoked" | "invalid";

export type InvitationLookup = {
  invitationId: string;
  companyId: string;
  companyName: string;
  email: string;
  role: UserRole;
  locale: "de" | "en";
  expiresAt: Date;
  state: InvitationLookupState;
};

/** The invitation behind a token hash and its state, without using it; null: unknown hash. */
export async function lookupInvitation(tokenHash: string, now: Date, handle?: DatabaseHandle): Promise<InvitationLookup | null> {
  const [row] = await call<Omit<InvitationLookup, "expiresAt"> & { expiresAt: string | Date }>(
    handle,
    sql`select invitation_id as "invitationId", company_id as "companyId", company_name as "companyName", email, role,
               locale, expires_at as "expiresAt", state
          from app_invitation_lookup(${tokenHash}::text, ${now.toISOString()}::timestamptz)`,
  );
  return row ? { ...row, expiresAt: new Date(row.expiresAt) } : null;
}

export type AcceptInvitationState = "accepted" | "unknown" | "used" | "revoked" | "expired" | "invalid" | "email_taken";

export type AcceptInvitationRow = {
  state: AcceptInvitationState;
  invitationId: string | null;
  companyId: string | null;
  userId: string | null;
  role: UserRole | null;
};

/**
 * Uses an invitation once: creates the user (hash computed by the app), its branches, and marks
 * the invitation accepted, all in one transaction; any other state changes nothing.
 */
export async function acceptInvitationRow(
  input: { tokenHash: string; userId: string; name: string; passwordHash: string; now: Date },
  handle?: DatabaseHandle,
): Promise<AcceptInvitationRow> {
  const [row] = await call<AcceptInvitationRow>(
    handle,
    sql`select state, invitation_id as "invitationId", company_id as "companyId", user_id as "userId", role
          from app_accept_invitation(${input.tokenHash}::text, ${input.userId}::uuid, ${input.name}::text,
                                     ${input.passwordHash}::text, ${input.now.toISOString()}::timestamptz)`,
  );
  return row ?? { state: "unknown", invitationId: null, companyId: null, userId: null, role: null };
}
