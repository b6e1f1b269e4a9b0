import "server-only";
import {
  endSignedOutSession,
  listUserSessions,
  revokeOtherUserSessions,
  revokeUserSession,
  type UserSessionRow,
} from "@/db/platform";
import { recordSecurityEvent } from "@/lib/security/events";

// The user's own sessions (identity issue, item 2): list them, end one, end all others. Each acts
// on the signed-in user only; the database functions ignore another user's session id. Ending a
// session is a security event (session_revoked, details.which "one" | "others"); sign-out is not.

export type SessionActor = { id: string; sessionId: string; homeCompanyId: string | null };
export type RequestOrigin = { ip: string | null; userAgent: string | null };

export type ListedSession = UserSessionRow & { current: boolean };

/** The user's live sessions, the current one first, then by last activity. */
export async function listOwnSessions(actor: SessionActor): Promise<ListedSession[]> {
  const rows = await listUserSessions(actor.id);
  return rows
    .map((row) => ({ ...row, current: row.id === actor.sessionId }))
    .sort((a, b) => Number(b.current) - Number(a.current));
}

export type EndSessionResult = { ok: true; ended: number } | { ok: false; reason: "current" | "not_found" };

/** Ends one other session of the user (the current one is ended by signing out). */
export async function endOwnSession(actor: SessionActor, sessionId: string, origin: RequestOrigin): Promise<EndSessionResult> {
  if (sessionId === actor.sessionId) return { ok: false, reason: "current" };
  const ended = await revokeUserSession(actor.id, sessionId);
  if (!ended) return { ok: false, reason: "not_found" };
  await recordSecurityEvent({
    type: "session_revoked",
    companyId: actor.homeCompanyId,
    userId: actor.id,
    ...origin,
    details: { which: "one" },
  });
  return { ok: true, ended: 1 };
}

/** Ends every session of the user but the current one. */
export async function endOtherOwnSessions(actor: SessionActor, origin: RequestOrigin): Promise<EndSessionResult> {
  const ended = await revokeOtherUserSessions(actor.id, actor.sessionId);
  if (ended > 0) {
    await recordSecurityEvent({
      type: "session_revoked",
      companyId: actor.homeCompanyId,
      userId: actor.id,
      ...origin,
      details: { which: "others", count: ended },
    });
  }
  return { ok: true, ended };
}

/** Sign-out: the current session ends in the database too (no security event). */
export async function endCurrentSession(actor: { id: string; sessionId: string }): Promise<void> {
  await endSignedOutSession(actor.id, actor.sessionId);
}
