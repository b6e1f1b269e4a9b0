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

// --- companies for platform admins (drizzle/0022_companies_platform.sql) ----------------------
// Each function refuses anyone but an active platform admin (42501); lib/companies calls them.

export type CompanyStatus = PlatformCompany["status"];

export type PlatformCompanyRow = {
  id: string;
  name: string;
  slug: string;
  status: CompanyStatus;
  plan: string;
  locale: Locale;
  timeZone: string;
  currency: string;
  contactEmail: string | null;
  contactPhone: string | null;
  createdAt: Date;
  deletedAt: Date | null;
  branchCount: number;
};

export type PlatformCompanyFields = {
  name: string;
  slug: string;
  status: Exclude<CompanyStatus, "archived">;
  plan: string;
  locale: Locale;
  timeZone: string;
  currency: string;
  contactEmail: string | null;
  contactPhone: string | null;
};

const companyRowColumns = sql.raw(`id, name, slug, status, plan, locale, time_zone as "timeZone", currency,
  contact_email as "contactEmail", contact_phone as "contactPhone", created_at as "createdAt", deleted_at as "deletedAt",
  branch_count as "branchCount"`);

type RawCompanyRow = Omit<PlatformCompanyRow, "createdAt" | "deletedAt"> & { createdAt: string | Date; deletedAt: string | Date | null };

const toCompanyRow = (r: RawCompanyRow): PlatformCompanyRow => ({
  ...r,
  branchCount: Number(r.branchCount),
  createdAt: new Date(r.createdAt),
  deletedAt: r.deletedAt ? new Date(r.deletedAt) : null,
});

/** One page of companies (search in name/slug, statuses, archived ones on request), with the total. */
export async function searchCompaniesForPlatformAdmin(
  platformAdminId: string,
  query: {
    q: string;
    statuses: CompanyStatus[];
    includeArchived: boolean;
    sort: "name.asc" | "name.desc" | "created.asc" | "created.desc";
    limit: number;
    offset: number;
  },
  handle?: DatabaseHandle,
): Promise<{ rows: PlatformCompanyRow[]; total: number }> {
  const rows = await call<RawCompanyRow & { total: string | number }>(
    handle,
    sql`select ${companyRowColumns}, total
          from app_platform_search_companies(${platformAdminId}::uuid, ${query.q}::text,
               ${`{${query.statuses.join(",")}}`}::company_status[], ${query.includeArchived}::boolean, ${query.sort}::text,
               ${query.limit}::int, ${query.offset}::int)`,
  );
  return { rows: rows.map(({ total: _total, ...r }) => toCompanyRow(r)), total: Number(rows[0]?.total ?? 0) };
}

/** One company, archived or not; null for an unknown id. */
export async function getCompanyForPlatformAdmin(
  platformAdminId: string,
  companyId: string,
  handle?: DatabaseHandle,
): Promise<PlatformCompanyRow | null> {
  const [row] = await call<RawCompanyRow>(
    handle,
    sql`select ${companyRowColumns} from app_platform_get_company(${platformAdminId}::uuid, ${companyId}::uuid)`,
  );
  return row ? toCompanyRow(row) : null;
}

/** A new company with its first branch. 23505: slug taken; 23514: malformed slug. */
export async function createCompanyAsPlatformAdmin(
  platformAdminId: string,
  company: PlatformCompanyFields & { id: string; branchId: string; branchName: string },
  requestId: string | null,
  handle?: DatabaseHandle,
): Promise<void> {
  const c = company;
  await call(
    handle,
    sql`select app_platform_create_company(${platformAdminId}::uuid, ${c.id}::uuid, ${c.name}::text, ${c.slug}::text,
               ${c.status}::company_status, ${c.plan}::text, ${c.locale}::locale, ${c.timeZone}::text, ${c.currency}::text,
               ${c.contactEmail}::text, ${c.contactPhone}::text, ${c.branchId}::uuid, ${c.branchName}::text, ${requestId}::text)`,
  );
}

/** A live company's master data; false when there is no such live company. 23505/23514 as above. */
export async function updateCompanyAsPlatformAdmin(
  platformAdminId: string,
  companyId: string,
  company: PlatformCompanyFields,
  requestId: string | null,
  handle?: DatabaseHandle,
): Promise<boolean> {
  const c = company;
  const [row] = await call<{ found: boolean }>(
    handle,
    sql`select app_platform_update_company(${platformAdminId}::uuid, ${companyId}::uuid, ${c.name}::text, ${c.slug}::text,
               ${c.status}::company_status, ${c.plan}::text, ${c.locale}::locale, ${c.timeZone}::text, ${c.currency}::text,
               ${c.contactEmail}::text, ${c.contactPhone}::text, ${requestId}::text) as found`,
  );
  return row?.found === true;
}

/** Archives or restores a company: its new status, or null (unknown, or already in that state). */
export async function setCompanyArchivedAsPlatformAdmin(
  platformAdminId: string,
  companyId: string,
  archived: boolean,
  requestId: string | null,
  handle?: DatabaseHandle,
): Promise<CompanyStatus | null> {
  const [row] = await call<{ status: CompanyStatus | null }>(
    handle,
    sql`select app_platform_set_company_archived(${platformAdminId}::uuid, ${companyId}::uuid, ${archived}::boolean,
                                                 ${requestId}::text) as status`,
  );
  return row?.status ?? null;
}

// --- the webhook inbox (drizzle/0024_voice_agent_tenancy.sql) ---------------------------------
// The route handlers write before the company is known and the Inngest functions move events
// through their states, so all of it goes through these functions; a company may read its own
// rows of webhook_events under RLS, nothing more. Platform-admin ones refuse anyone else (42501).

export type WebhookProvider = "retell" | "calcom" | "stripe";
export type WebhookEventStatus = "pending" | "processing" | "processed" | "failed" | "ignored";

export type NewWebhookEvent = {
  /** A UUIDv7 made at receipt (its time becomes received_at); default: a fresh one. */
  id?: string;
  provider: WebhookProvider;
  eventType: string;
  /** The provider's idempotency key (Retell: event + call id, …): a second delivery is a no-op. */
  providerEventId: string;
  /** The parsed body, or pass payloadText (the verified raw body) to store it without re-serializing. */
  payload?: unknown;
  payloadText?: string;
  companyId?: string | null;
  /** How long the redrive leaves a pending row to the route's own inngest.send (default 120 s). */
  redriveAfterSeconds?: number;
};

/**
 * Stores a verified delivery as pending. duplicate: the (provider, provider event id) was seen
 * before; nothing changed and id/status are the first event's (status null if purged since).
 */
export async function insertWebhookEvent(
  event: NewWebhookEvent,
  handle?: DatabaseHandle,
): Promise<StoredWebhookEvent> {
  const e = webhookEventRow(event);
  const [row] = await call<StoredWebhookEvent>(
    handle,
    sql`select id, duplicate, status from app_webhook_event_insert(${e.id}::uuid, ${e.provider}::webhook_provider,
          ${e.event_type}::text, ${e.provider_event_id}::text, ${e.payload}::jsonb, ${e.company_id}::uuid,
          make_interval(secs => ${e.redrive_after}::int))`,
  );
  if (!row) throw new Error("app_webhook_event_insert returned no row");
  return row;
}

/** An event with its defaults filled in, named as app_webhook_event_insert's arguments. */
function webhookEventRow(event: NewWebhookEvent) {
  return {
    id: event.id ?? uuidv7(),
    provider: event.provider,
    event_type: event.eventType,
    provider_event_id: event.providerEventId,
    payload: event.payloadText ?? JSON.stringify(event.payload ?? null),
    company_id: event.companyId ?? null,
    redrive_after: event.redriveAfterSeconds ?? 120,
  };
}

export type StoredWebhookEvent = { id: string; duplicate: boolean; status: WebhookEventStatus | null };

/**
 * insertWebhookEvent for many deliveries in one statement (one round trip, one commit): each row
 * as if inserted alone, in order, so a delivery repeated within the batch is a duplicate of its
 * first. One failing row fails the statement: the caller then stores them one by one.
 */
export async function insertWebhookEvents(events: readonly NewWebhookEvent[], handle?: DatabaseHandle): Promise<StoredWebhookEvent[]> {
  if (events.length === 0) return [];
  // One jsonb parameter (drizzle would spread an array into one parameter per element); each
  // payload as the text received, made jsonb by the database as insertWebhookEvent does.
  const rows = events.map((event, n) => ({ n, ...webhookEventRow(event) }));
  const stored = await call<StoredWebhookEvent & { n: number }>(
    handle,
    sql`select e.n, r.id, r.duplicate, r.status
          from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
               as e(n int, id uuid, provider webhook_provider, event_type text, provider_event_id text, payload text, company_id uuid, redrive_after int)
         cross join lateral app_webhook_event_insert(e.id, e.provider, e.event_type, e.provider_event_id, e.payload::jsonb, e.company_id,
                                                     make_interval(secs => e.redrive_after)) r
         order by e.n`,
  );
  if (stored.length !== events.length) throw new Error(`app_webhook_event_insert returned ${stored.length} rows for ${events.length} events`);
  return stored.map(({ id, duplicate, status }) => ({ id, duplicate, status }));
}

export type ClaimedWebhookEvent = {
  id: string;
  provider: WebhookProvider;
  eventType: string;
  providerEventId: string;
  companyId: string | null;
  payload: unknown;
  /** This attempt's number (1 for the first). */
  attempts: number;
  receivedAt: Date;
};

/**
 * Takes an event for processing (pending, failed and not given up, or processing with a lapsed
 * lease → processing, attempts + 1). null: another worker holds it, it is finished, or unknown.
 * Concurrent claims of one event: exactly one gets it.
 */
export async function claimWebhookEvent(
  id: string,
  options: { leaseSeconds?: number } = {},
  handle?: DatabaseHandle,
): Promise<ClaimedWebhookEvent | null> {
  const [row] = await call<Omit<ClaimedWebhookEvent, "receivedAt"> & { receivedAt: string | Date }>(
    handle,
    sql`select id, provider, event_type as "eventType", provider_event_id as "providerEventId", company_id as "companyId",
               payload, attempts, received_at as "receivedAt"
          from app_webhook_event_claim(${id}::uuid, make_interval(secs => ${options.leaseSeconds ?? 300}::int))`,
  );
  return row ? { ...row, receivedAt: new Date(row.receivedAt) } : null;
}

/**
 * Records the outcome of a claimed event: processed, ignored (not a type we handle) or failed
 * (retried by the redrive with backoff; given up after 8 attempts). companyId: the company the
 * processing resolved. false when the event was not in processing (not claimed, or replayed).
 */
export async function finishWebhookEvent(
  id: string,
  outcome: { status: "processed" | "failed" | "ignored"; error?: string | null; companyId?: string | null },
  handle?: DatabaseHandle,
): Promise<boolean> {
  const [row] = await call<{ done: boolean }>(
    handle,
    sql`select app_webhook_event_finish(${id}::uuid, ${outcome.status}::webhook_event_status, ${outcome.error ?? null}::text,
                                        ${outcome.companyId ?? null}::uuid) as done`,
  );
  return row?.done === true;
}

export type DueWebhookEvent = {
  id: string;
  provider: WebhookProvider;
  eventType: string;
  providerEventId: string;
  status: WebhookEventStatus;
  attempts: number;
  receivedAt: Date;
  nextAttemptAt: Date;
};

/** The redrive's work list: events due again, oldest due first (limit 1–1000). */
export async function listDueWebhookEvents(limit: number, now: Date = new Date(), handle?: DatabaseHandle): Promise<DueWebhookEvent[]> {
  const rows = await call<Omit<DueWebhookEvent, "receivedAt" | "nextAttemptAt"> & { receivedAt: string | Date; nextAttemptAt: string | Date }>(
    handle,
    sql`select id, provider, event_type as "eventType", provider_event_id as "providerEventId", status, attempts,
               received_at as "receivedAt", next_attempt_at as "nextAttemptAt"
          from app_webhook_events_due(${now.toISOString()}::timestamptz, ${limit}::int)`,
  );
  return rows.map((r) => ({ ...r, receivedAt: new Date(r.receivedAt), nextAttemptAt: new Date(r.nextAttemptAt) }));
}

/** Creates the missing month partitions of the inbox from `from`'s month on (a monthly cron: from now, 3 months). */
export async function ensureWebhookEventPartitions(from: Date, months: number, handle?: DatabaseHandle): Promise<number> {
  const [row] = await call<{ n: number }>(
    handle,
    sql`select app_webhook_events_ensure_partitions(${from.toISOString()}::timestamptz, ${months}::int) as n`,
  );
  return Number(row?.n ?? 0);
}

/**
 * Retention: drops the inbox's month partitions that end by eventsBefore, and deletes up to
 * keyBatch dedupe keys received before keysBefore (call again until keysDeleted is 0).
 */
export async function purgeWebhookEvents(
  options: { eventsBefore: Date; keysBefore: Date; keyBatch?: number },
  handle?: DatabaseHandle,
): Promise<{ partitionsDropped: number; keysDeleted: number }> {
  const [row] = await call<{ p: number; k: string | number }>(
    handle,
    sql`select partitions_dropped as p, keys_deleted as k
          from app_webhook_events_purge(${options.eventsBefore.toISOString()}::timestamptz, ${options.keysBefore.toISOString()}::timestamptz,
                                        ${options.keyBatch ?? 10_000}::int)`,
  );
  return { partitionsDropped: Number(row?.p ?? 0), keysDeleted: Number(row?.k ?? 0) };
}

export type PlatformWebhookEvent = {
  id: string;
  provider: WebhookProvider;
  eventType: string;
  providerEventId: string;
  companyId: string | null;
  companyName: string | null;
  status: WebhookEventStatus;
  attempts: number;
  lastError: string | null;
  receivedAt: Date;
  processedAt: Date | null;
  nextAttemptAt: Date | null;
};

export type WebhookEventFilters = {
  provider?: WebhookProvider | null;
  status?: WebhookEventStatus | null;
  eventType?: string | null;
  companyId?: string | null;
  from?: Date | null;
  to?: Date | null;
};

/** Where the next page starts: received_at (ISO, millisecond precision like the ids) and id of the last row shown. */
export type WebhookEventCursor = { at: string; id: string };

const webhookEventColumns = sql.raw(`id, provider, event_type as "eventType", provider_event_id as "providerEventId",
  company_id as "companyId", company_name as "companyName", status, attempts, last_error as "lastError",
  received_at as "receivedAt", processed_at as "processedAt", next_attempt_at as "nextAttemptAt"`);

type RawWebhookEvent = Omit<PlatformWebhookEvent, "receivedAt" | "processedAt" | "nextAttemptAt"> & {
  receivedAt: string | Date;
  processedAt: string | Date | null;
  nextAttemptAt: string | Date | null;
};

const toWebhookEvent = (r: RawWebhookEvent): PlatformWebhookEvent => ({
  ...r,
  receivedAt: new Date(r.receivedAt),
  processedAt: r.processedAt ? new Date(r.processedAt) : null,
  nextAttemptAt: r.nextAttemptAt ? new Date(r.nextAttemptAt) : null,
});

/** One page of the inbox, newest first, without payloads; nextCursor is null on the last page. */
export async function listWebhookEventsForPlatformAdmin(
  platformAdminId: string,
  filters: WebhookEventFilters,
  page: { cursor?: WebhookEventCursor | null; limit?: number } = {},
  handle?: DatabaseHandle,
): Promise<{ rows: PlatformWebhookEvent[]; nextCursor: WebhookEventCursor | null }> {
  const limit = Math.min(Math.max(page.limit ?? 50, 1), 200);
  const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
  const raw = await call<RawWebhookEvent>(
    handle,
    sql`select ${webhookEventColumns}
          from app_platform_list_webhook_events(${platformAdminId}::uuid, ${filters.provider ?? null}::webhook_provider,
               ${filters.status ?? null}::webhook_event_status, ${filters.eventType ?? null}::text, ${filters.companyId ?? null}::uuid,
               ${iso(filters.from)}::timestamptz, ${iso(filters.to)}::timestamptz,
               ${page.cursor?.at ?? null}::timestamptz, ${page.cursor?.id ?? null}::uuid, ${limit}::int)`,
  );
  const rows = raw.map(toWebhookEvent);
  const last = rows.at(-1);
  return { rows, nextCursor: rows.length === limit && last ? { at: last.receivedAt.toISOString(), id: last.id } : null };
}

/** One inbox event with its payload; null for an unknown id. */
export async function getWebhookEventForPlatformAdmin(
  platformAdminId: string,
  id: string,
  handle?: DatabaseHandle,
): Promise<(PlatformWebhookEvent & { payload: unknown }) | null> {
  const [row] = await call<RawWebhookEvent & { payload: unknown }>(
    handle,
    sql`select ${webhookEventColumns}, payload from app_platform_get_webhook_event(${platformAdminId}::uuid, ${id}::uuid)`,
  );
  return row ? { ...toWebhookEvent(row), payload: row.payload } : null;
}

/**
 * Puts an event back to pending, due now (then inngest.send it with its id). Attempts and the
 * last error stay. false: unknown, or being processed right now.
 */
export async function replayWebhookEventAsPlatformAdmin(platformAdminId: string, id: string, handle?: DatabaseHandle): Promise<boolean> {
  const [row] = await call<{ done: boolean }>(
    handle,
    sql`select app_platform_replay_webhook_event(${platformAdminId}::uuid, ${id}::uuid) as done`,
  );
  return row?.done === true;
}

// --- voice-agent sweeps (drizzle/0024) ---------------------------------------------------------

export type CallbackSweepItem = { companyId: string; id: string; branchId: string; action: "escalate" | "expire"; dueAt: Date };

/**
 * The callbacks cron's work list across companies: "escalate" (open/assigned, due by now, not
 * escalated yet) and "expire" (open/assigned/contacted, due before expireBefore). The cron then
 * handles each item in withCompany (setting escalated_at / status expired).
 */
export async function listCallbackSweepItems(
  options: { now: Date; expireBefore: Date; limit: number },
  handle?: DatabaseHandle,
): Promise<CallbackSweepItem[]> {
  const rows = await call<Omit<CallbackSweepItem, "dueAt"> & { dueAt: string | Date }>(
    handle,
    sql`select company_id as "companyId", id, branch_id as "branchId", action, due_at as "dueAt"
          from app_callback_requests_sweep(${options.now.toISOString()}::timestamptz, ${options.expireBefore.toISOString()}::timestamptz,
                                           ${options.limit}::int)`,
  );
  return rows.map((r) => ({ ...r, dueAt: new Date(r.dueAt) }));
}

/** Deletes expired slot holds and idempotency keys older than invocationsBefore, across companies. */
export async function purgeExpiredVoiceRecords(
  options: { now: Date; invocationsBefore: Date },
  handle?: DatabaseHandle,
): Promise<{ slotHolds: number; toolInvocations: number }> {
  const [row] = await call<{ h: string | number; t: string | number }>(
    handle,
    sql`select slot_holds_deleted as h, tool_invocations_deleted as t
          from app_voice_purge_expired(${options.now.toISOString()}::timestamptz, ${options.invocationsBefore.toISOString()}::timestamptz)`,
  );
  return { slotHolds: Number(row?.h ?? 0), toolInvocations: Number(row?.t ?? 0) };
}
