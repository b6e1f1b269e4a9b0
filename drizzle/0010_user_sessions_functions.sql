-- Sessions as rows (identity issue, item 2: every user sees their active sessions and ends
-- others). The session token's sid is user_sessions.id; these SECURITY DEFINER functions are the
-- only way to the table (the runtime role has no grant on it), each acting on the one user the
-- app has authenticated. Wrapped in db/platform.ts, tested in lib/auth/user-sessions.test.ts.

GRANT SELECT, INSERT, UPDATE, DELETE ON user_sessions TO askpro_platform;
--> statement-breakpoint

-- A successful sign-in records its session (called from authorize, after the password check).
-- The session remembers the account's session version: bumping it ends the session here too.
CREATE FUNCTION app_user_session_start(p_id uuid, p_user_id uuid, p_ip inet, p_user_agent text)
  RETURNS void
  LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    INSERT INTO user_sessions (id, user_id, session_version, ip, user_agent)
    SELECT p_id, u.id, u.session_version, p_ip, left(p_user_agent, 512)
      FROM users u
     WHERE u.id = p_user_id
  $$;
--> statement-breakpoint

-- Every authenticated request: the user row (as app_auth_session_user) plus whether the session
-- is live (exists, belongs to the user, not revoked, same session version). A live session's
-- last_seen_at is moved on at most once a minute, so requests do not write on every call.
CREATE FUNCTION app_auth_session_check(p_user_id uuid, p_session_id uuid)
  RETURNS TABLE (id uuid, company_id uuid, email text, name text, role user_role, locale locale,
                 is_active boolean, session_version integer, company_active boolean, session_live boolean)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
DECLARE
  v_live boolean;
BEGIN
  UPDATE user_sessions s SET last_seen_at = now()
    FROM users u
   WHERE s.id = p_session_id AND s.user_id = p_user_id AND s.revoked_at IS NULL
     AND u.id = s.user_id AND s.session_version = u.session_version
     AND s.last_seen_at < now() - interval '60 seconds';
  SELECT EXISTS (
    SELECT 1 FROM user_sessions s JOIN users u ON u.id = s.user_id
     WHERE s.id = p_session_id AND s.user_id = p_user_id AND s.revoked_at IS NULL
       AND s.session_version = u.session_version
  ) INTO v_live;
  RETURN QUERY
    SELECT u.id, u.company_id, u.email, u.name, u.role, u.locale, u.is_active, u.session_version,
           (u.company_id IS NULL OR (c.deleted_at IS NULL AND c.status IN ('trial', 'active'))),
           v_live
      FROM users u
      LEFT JOIN companies c ON c.id = u.company_id
     WHERE u.id = p_user_id;
END $$;
--> statement-breakpoint

-- The user's live sessions, most recently active first.
CREATE FUNCTION app_user_sessions_list(p_user_id uuid)
  RETURNS TABLE (id uuid, created_at timestamptz, last_seen_at timestamptz, ip text, user_agent text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT s.id, s.created_at, s.last_seen_at, host(s.ip), s.user_agent
      FROM user_sessions s
      JOIN users u ON u.id = s.user_id
     WHERE s.user_id = p_user_id AND s.revoked_at IS NULL AND s.session_version = u.session_version
     ORDER BY s.last_seen_at DESC, s.id
  $$;
--> statement-breakpoint

-- Ends one session of the user; another user's session id changes nothing. True when it ended.
CREATE FUNCTION app_user_session_revoke(p_user_id uuid, p_session_id uuid)
  RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
BEGIN
  UPDATE user_sessions s SET revoked_at = now(), revoked_reason = 'ended_by_user'
   WHERE s.id = p_session_id AND s.user_id = p_user_id AND s.revoked_at IS NULL;
  RETURN FOUND;
END $$;
--> statement-breakpoint

-- Ends every session of the user but the one named (the current one). Returns how many ended.
CREATE FUNCTION app_user_sessions_revoke_others(p_user_id uuid, p_keep_session_id uuid)
  RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
DECLARE
  v_count integer;
BEGIN
  UPDATE user_sessions s SET revoked_at = now(), revoked_reason = 'ended_others'
   WHERE s.user_id = p_user_id AND s.id <> p_keep_session_id AND s.revoked_at IS NULL;
  GET DIAGNOSTICS v_count = ROW_COUNT;
  RETURN v_count;
END $$;
--> statement-breakpoint

-- Sign-out ends the current session (a copied token no longer works after it).
CREATE FUNCTION app_user_session_sign_out(p_user_id uuid, p_session_id uuid)
  RETURNS void
  LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    UPDATE user_sessions s SET revoked_at = now(), revoked_reason = 'sign_out'
     WHERE s.id = p_session_id AND s.user_id = p_user_id AND s.revoked_at IS NULL
  $$;
--> statement-breakpoint

-- The daily purge also drops sessions ended more than a day ago or idle for 30 days (the
-- absolute session limit is far shorter). Same signature and result: the count is not reported.
CREATE OR REPLACE FUNCTION app_purge_expired_auth_records(p_now timestamptz, p_attempt_retention interval)
  RETURNS TABLE (password_resets_deleted bigint, sign_in_attempts_deleted bigint)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
DECLARE
  resets bigint;
  attempts bigint;
BEGIN
  DELETE FROM password_resets r
   WHERE r.expires_at < p_now - interval '1 day'
      OR (r.used_at IS NOT NULL AND r.used_at < p_now - interval '1 day');
  GET DIAGNOSTICS resets = ROW_COUNT;
  DELETE FROM sign_in_attempts s WHERE s.created_at < p_now - p_attempt_retention;
  GET DIAGNOSTICS attempts = ROW_COUNT;
  DELETE FROM user_sessions s
   WHERE (s.revoked_at IS NOT NULL AND s.revoked_at < p_now - interval '1 day')
      OR s.last_seen_at < p_now - interval '30 days';
  RETURN QUERY SELECT resets, attempts;
END $$;
--> statement-breakpoint

SELECT app_own_platform_function('app_user_session_start(uuid, uuid, inet, text)');
--> statement-breakpoint
SELECT app_own_platform_function('app_auth_session_check(uuid, uuid)');
--> statement-breakpoint
SELECT app_own_platform_function('app_user_sessions_list(uuid)');
--> statement-breakpoint
SELECT app_own_platform_function('app_user_session_revoke(uuid, uuid)');
--> statement-breakpoint
SELECT app_own_platform_function('app_user_sessions_revoke_others(uuid, uuid)');
--> statement-breakpoint
SELECT app_own_platform_function('app_user_session_sign_out(uuid, uuid)');
