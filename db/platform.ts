import "server-only";
import { sql } from "drizzle-orm";
import { v7 as uuidv7 } from "uuid";
import type { UserRole } from "./schema";
import { asRuntime, type DatabaseHandle, rowsOf, runtimeDatabase } from "./index";

// The named platform functions: the only ways across companies (design.md §4.3). Each wraps one
// SECURITY DEFINER function of drizzle/0001_tenancy.sql and is tested in db/platform.test.ts.

type Locale = "de" | "en";

export type SignInUser = {
  id: string;
  companyId: string | null;
  email: string;
  name: string;
  passwordHash: string;
  role: UserRole;
  locale: Locale;
  isActive: boolean;
  sessionVersion: number;
  companyActive: boolean;
};

export type SessionUser = Omit<SignInUser, "passwordHash">;

export type PlatformCompany = {
  id: string;
  name: string;
  slug: string;
  status: "trial" | "active" | "suspended" | "archived";
  parentCompanyId: string | null;
};

export type ResolvedPhoneNumber = {
  phoneNumberId: string;
  companyId: string;
  companyActive: boolean;
  branchId: string;
  branchName: string;
  timeZone: string;
  locale: Locale;
  agentId: string | null;
  retellAgentId: string | null;
};

async function call<T>(handle: DatabaseHandle | undefined, query: ReturnType<typeof sql>): Promise<T[]> {
  const h = handle ?? (await runtimeDatabase());
  return asRuntime(h, async (db) => rowsOf<T>(await db.execute(query)));
}

const userColumns = sql.raw(`id, company_id as "companyId", email, name, role, locale, is_active as "isActive",
  session_version as "sessionVersion", company_active as "companyActive"`);

export async function findUserForSignIn(email: string, handle?: DatabaseHandle): Promise<SignInUser | null> {
  const [row] = await call<SignInUser>(
    handle,
    sql`select ${userColumns}, password_hash as "passwordHash" from app_auth_find_user(${email})`,
  );
  return row ?? null;
}

export async function recordSignInAttempt(
  attempt: { emailHash: string; ip: string | null; userId: string | null; succeeded: boolean },
  handle?: DatabaseHandle,
): Promise<void> {
  await call(
    handle,
    sql`select app_record_sign_in_attempt(${attempt.emailHash}, ${attempt.ip}::inet, ${attempt.userId}::uuid,
                                          ${attempt.succeeded}, ${uuidv7()}::uuid)`,
  );
}

/** Every live company, for a platform admin's switcher; the database refuses anyone else. */
export async function listCompaniesForPlatformAdmin(userId: string, handle?: DatabaseHandle): Promise<PlatformCompany[]> {
  return call<PlatformCompany>(
    handle,
    sql`select id, name, slug, status, parent_company_id as "parentCompanyId" from app_platform_list_companies(${userId})`,
  );
}

/** Called number (E.164) → branch → company → agent. */
export async function resolvePhoneNumber(e164: string, handle?: DatabaseHandle): Promise<ResolvedPhoneNumber | null> {
  const [row] = await call<ResolvedPhoneNumber>(
    handle,
    sql`select phone_number_id as "phoneNumberId", company_id as "companyId", company_active as "companyActive",
               branch_id as "branchId", branch_name as "branchName", time_zone as "timeZone", locale,
               agent_id as "agentId", retell_agent_id as "retellAgentId"
          from app_resolve_phone_number(${e164})`,
  );
  return row ?? null;
}

export async function createPasswordReset(
  reset: { userId: string; tokenHash: string; expiresAt: Date },
  handle?: DatabaseHandle,
): Promise<string> {
  const id = uuidv7();
  await call(
    handle,
    sql`select app_create_password_reset(${id}::uuid, ${reset.userId}::uuid, ${reset.tokenHash}, ${reset.expiresAt.toISOString()}::timestamptz)`,
  );
  return id;
}

export async function purgeExpiredAuthRecords(
  now: Date,
  attemptRetentionDays: number,
  handle?: DatabaseHandle,
): Promise<{ passwordResets: number; signInAttempts: number }> {
  const [row] = await call<{ resets: string; attempts: string }>(
    handle,
    sql`select password_resets_deleted as resets, sign_in_attempts_deleted as attempts
          from app_purge_expired_auth_records(${now.toISOString()}::timestamptz, make_interval(days => ${attemptRetentionDays}::int))`,
  );
  return { passwordResets: Number(row?.resets ?? 0), signInAttempts: Number(row?.attempts ?? 0) };
}

export type SignInThrottleState = {
  emailFailures: number;
  lastEmailFailure: Date | null;
  ipFailures: number;
  lastIpFailure: Date | null;
};

/** Failed sign-ins since `since` for an account (keyed email hash) and for an IP. */
export async function getSignInThrottleState(
  emailHash: string,
  ip: string | null,
  since: Date,
  handle?: DatabaseHandle,
): Promise<SignInThrottleState> {
  const [row] = await call<{ ef: number; le: string | Date | null; ipf: number; li: string | Date | null }>(
    handle,
    sql`select email_failures as ef, last_email_failure as le, ip_failures as ipf, last_ip_failure as li
          from app_sign_in_throttle_state(${emailHash}, ${ip}::inet, ${since.toISOString()}::timestamptz)`,
  );
  const date = (v: string | Date | null | undefined) => (v ? new Date(v) : null);
  return {
    emailFailures: Number(row?.ef ?? 0),
    lastEmailFailure: date(row?.le),
    ipFailures: Number(row?.ipf ?? 0),
    lastIpFailure: date(row?.li),
  };
}

export type PlatformSecurityEvent = {
  id: string;
  type: string;
  createdAt: Date;
  userId: string | null;
  companyId: string | null;
  ip: string | null;
  userAgent: string | null;
  details: Record<string, unknown>;
};

/** Security events across companies (and those without one), for platform admins only. */
export async function listSecurityEventsForPlatformAdmin(
  platformAdminId: string,
  filters: {
    companyId?: string | null;
    type: string | null;
    userId: string | null;
    from: Date | null;
    to: Date | null;
    /** created_at as exact UTC text (microseconds) and id of the last row shown. */
    before: { at: string; id: string } | null;
    limit: number;
  },
  handle?: DatabaseHandle,
): Promise<(PlatformSecurityEvent & { cursorAt: string })[]> {
  const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
  const rows = await call<PlatformSecurityEvent & { createdAt: string | Date; cursorAt: string }>(
    handle,
    sql`select id, type, created_at as "createdAt",
               to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as "cursorAt", user_id as "userId", company_id as "companyId",
               host(ip) as ip, user_agent as "userAgent", details
          from app_platform_list_security_events(${platformAdminId}::uuid, ${filters.companyId ?? null}::uuid,
               ${filters.type}::text, ${filters.userId}::uuid, ${iso(filters.from)}::timestamptz, ${iso(filters.to)}::timestamptz,
               ${filters.before?.at ?? null}::timestamptz, ${filters.before?.id ?? null}::uuid, ${filters.limit}::int)`,
  );
  return rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt) }));
}

export type SecurityEventRowInput = {
  companyId: string | null;
  userId: string | null;
  /** Matches ^[a-z][a-z0-9_.]{2,63}$ (a check constraint). */
  type: string;
  ip: string | null;
  userAgent: string | null;
  details: Record<string, unknown>;
};

/** Writes one security event through app_record_security_event; lib/security/events.ts is the caller. */
export async function recordSecurityEventRow(event: SecurityEventRowInput, handle?: DatabaseHandle): Promise<string> {
  const id = uuidv7();
  await call(
    handle,
    sql`select app_record_security_event(${id}::uuid, ${event.companyId}::uuid, ${event.userId}::uuid, ${event.type}::text,
                                         ${event.ip}::inet, ${event.userAgent}::text, ${JSON.stringify(event.details)}::jsonb)`,
  );
  return id;
}

// --- password reset and change (drizzle/0005_password_reset.sql) -----------------------------
// Tested through their callers in lib/auth/password-reset.test.ts and change-password.test.ts.

export type PasswordResetUser = { userId: string; companyId: string | null; email: string; name: string; locale: Locale };

const resetUserColumns = sql.raw(`user_id as "userId", company_id as "companyId", email, name, locale`);

/** Reset requests of an account since `since` (used or not), for rate limiting the mails. */
export async function countRecentPasswordResets(userId: string, since: Date, handle?: DatabaseHandle): Promise<number> {
  const [row] = await call<{ n: number }>(
    handle,
    sql`select app_password_reset_recent_count(${userId}::uuid, ${since.toISOString()}::timestamptz) as n`,
  );
  return Number(row?.n ?? 0);
}

/** The account behind an open (unused, unexpired) reset token hash, without using it up. */
export async function findPasswordResetUser(tokenHash: string, now: Date, handle?: DatabaseHandle): Promise<PasswordResetUser | null> {
  const [row] = await call<PasswordResetUser>(
    handle,
    sql`select ${resetUserColumns} from app_password_reset_user(${tokenHash}::text, ${now.toISOString()}::timestamptz)`,
  );
  return row ?? null;
}

/**
 * Uses a reset token once: sets the password hash, ends every session of the account (new
 * session version) and uses up its other open resets. null: unknown, used or expired token.
 */
export async function consumePasswordReset(
  reset: { tokenHash: string; passwordHash: string; now: Date },
  handle?: DatabaseHandle,
): Promise<PasswordResetUser | null> {
  const [row] = await call<PasswordResetUser>(
    handle,
    sql`select ${resetUserColumns}
          from app_consume_password_reset(${reset.tokenHash}::text, ${reset.passwordHash}::text, ${reset.now.toISOString()}::timestamptz)`,
  );
  return row ?? null;
}

/** A re-authenticated user's new password hash; every session ends. The new session version, or null (no such active user). */
export async function changePasswordHash(userId: string, passwordHash: string, handle?: DatabaseHandle): Promise<number | null> {
  const [row] = await call<{ v: number | null }>(handle, sql`select app_change_password(${userId}::uuid, ${passwordHash}::text) as v`);
  return row?.v ?? null;
}

export type FeatureFlagDefinitionInput = {
  key: string;
  description: string;
  defaultEnabled: boolean;
  rolloutPercentage: number;
};

/**
 * A new global flag definition (drizzle/0006_feature_flags.sql). The database refuses anyone but
 * an active platform admin (42501), an existing key (23505), a bad key or percentage (23514).
 */
export async function createFeatureFlagDefinition(
  platformAdminId: string,
  flag: FeatureFlagDefinitionInput,
  requestId: string | null,
  handle?: DatabaseHandle,
): Promise<void> {
  await call(
    handle,
    sql`select app_platform_create_feature_flag(${platformAdminId}::uuid, ${flag.key}::text, ${flag.description}::text,
                                                ${flag.defaultEnabled}::boolean, ${flag.rolloutPercentage}::int, ${requestId}::text)`,
  );
}

/** A changed flag definition (description, default, rollout %): as above, P0002 for an unknown key. */
export async function updateFeatureFlagDefinition(
  platformAdminId: string,
  flag: FeatureFlagDefinitionInput,
  requestId: string | null,
  handle?: DatabaseHandle,
): Promise<void> {
  await call(
    handle,
    sql`select app_platform_update_feature_flag(${platformAdminId}::uuid, ${flag.key}::text, ${flag.description}::text,
                                                ${flag.defaultEnabled}::boolean, ${flag.rolloutPercentage}::int, ${requestId}::text)`,
  );
}

// Sessions as rows (drizzle/0010_user_sessions_functions.sql): the token's sid is the row id.

export type UserSessionRow = { id: string; createdAt: Date; lastSeenAt: Date; ip: string | null; userAgent: string | null };

/** Records a new session at sign-in (the user's current session version goes with it). */
export async function startUserSession(
  session: { id: string; userId: string; ip: string | null; userAgent: string | null },
  handle?: DatabaseHandle,
): Promise<void> {
  await call(
    handle,
    sql`select app_user_session_start(${session.id}::uuid, ${session.userId}::uuid, ${session.ip}::inet, ${session.userAgent})`,
  );
}

/**
 * The request's user (without the password hash) and whether its session is live, in one round trip;
 * a live session's last_seen_at moves on at most once a minute.
 */
export async function checkSessionUser(
  userId: string,
  sessionId: string,
  handle?: DatabaseHandle,
): Promise<(SessionUser & { sessionLive: boolean }) | null> {
  const [row] = await call<SessionUser & { sessionLive: boolean }>(
    handle,
    sql`select ${userColumns}, session_live as "sessionLive" from app_auth_session_check(${userId}::uuid, ${sessionId}::uuid)`,
  );
  return row ?? null;
}

/** The user's live sessions, most recently active first. */
export async function listUserSessions(userId: string, handle?: DatabaseHandle): Promise<UserSessionRow[]> {
  const rows = await call<{ id: string; createdAt: string | Date; lastSeenAt: string | Date; ip: string | null; userAgent: string | null }>(
    handle,
    sql`select id, created_at as "createdAt", last_seen_at as "lastSeenAt", ip, user_agent as "userAgent"
          from app_user_sessions_list(${userId}::uuid)`,
  );
  return rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt), lastSeenAt: new Date(r.lastSeenAt) }));
}

/** Ends one of the user's sessions; another user's session id changes nothing (false). */
export async function revokeUserSession(userId: string, sessionId: string, handle?: DatabaseHandle): Promise<boolean> {
  const [row] = await call<{ ended: boolean }>(
    handle,
    sql`select app_user_session_revoke(${userId}::uuid, ${sessionId}::uuid) as ended`,
  );
  return row?.ended === true;
}

/** Ends every session of the user but keepSessionId; returns how many ended. */
export async function revokeOtherUserSessions(userId: string, keepSessionId: string, handle?: DatabaseHandle): Promise<number> {
  const [row] = await call<{ ended: number }>(
    handle,
    sql`select app_user_sessions_revoke_others(${userId}::uuid, ${keepSessionId}::uuid) as ended`,
  );
  return Number(row?.ended ?? 0);
}

/** Sign-out: ends the current session. */
export async function endSignedOutSession(userId: string, sessionId: string, handle?: DatabaseHandle): Promise<void> {
  await call(handle, sql`select app_user_session_sign_out(${userId}::uuid, ${sessionId}::uuid)`);
}
