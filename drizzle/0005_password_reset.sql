-- Password reset and change: platform functions (identity issue, password work).
-- A reset request, a reset and a password change start without a company context (the person
-- resetting is signed out; the account may be a platform admin's), so they go through these
-- named SECURITY DEFINER functions, each acting on exactly one user: the one behind the token
-- or the id the app has authenticated. Wrapped in db/platform.ts, tested in
-- lib/auth/password-reset.test.ts and lib/auth/change-password.test.ts.

-- Reset requests of one account since p_since, used or not: the request endpoint sends at most
-- a few mails per hour to an address, whoever keeps asking.
CREATE FUNCTION app_password_reset_recent_count(p_user_id uuid, p_since timestamptz)
  RETURNS integer
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT count(*)::int FROM password_resets r WHERE r.user_id = p_user_id AND r.created_at >= p_since
  $$;
--> statement-breakpoint

-- The account behind an open reset token (unused, unexpired, active user of a live company),
-- without consuming it: the reset page checks the link before showing its form, and the new
-- password is checked against the account's email before anything changes.
CREATE FUNCTION app_password_reset_user(p_token_hash text, p_now timestamptz)
  RETURNS TABLE (user_id uuid, company_id uuid, email text, name text, locale locale)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT u.id, u.company_id, u.email, u.name, u.locale
      FROM password_resets r
      JOIN users u ON u.id = r.user_id
      LEFT JOIN companies c ON c.id = u.company_id
     WHERE r.token_hash = p_token_hash AND r.used_at IS NULL AND r.expires_at > p_now
       AND u.is_active
       AND (u.company_id IS NULL OR (c.deleted_at IS NULL AND c.status IN ('trial', 'active')))
  $$;
--> statement-breakpoint

-- Uses a reset token once, atomically: the reset row is locked (a second, concurrent use waits,
-- then finds it used), marked used with every other open reset of the account, and the account
-- gets the new hash and a new session version, which ends all of its sessions. Returns the
-- account, or no row when the token is unknown, used, expired or its account is no longer active.
CREATE FUNCTION app_consume_password_reset(p_token_hash text, p_password_hash text, p_now timestamptz)
  RETURNS TABLE (user_id uuid, company_id uuid, email text, name text, locale locale)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
DECLARE
  v_reset_id uuid;
  v_user_id uuid;
BEGIN
  IF p_password_hash IS NULL OR p_password_hash !~ '^\$argon2id\$' THEN
    RAISE EXCEPTION 'app_consume_password_reset: not an argon2id hash' USING ERRCODE = '22023';
  END IF;
  SELECT r.id, r.user_id INTO v_reset_id, v_user_id
    FROM password_resets r
    JOIN users u ON u.id = r.user_id
    LEFT JOIN companies c ON c.id = u.company_id
   WHERE r.token_hash = p_token_hash AND r.used_at IS NULL AND r.expires_at > p_now
     AND u.is_active
     AND (u.company_id IS NULL OR (c.deleted_at IS NULL AND c.status IN ('trial', 'active')))
     FOR UPDATE OF r;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  UPDATE password_resets r SET used_at = p_now
   WHERE r.user_id = v_user_id AND (r.id = v_reset_id OR r.used_at IS NULL);
  -- The audit trail names the account as the actor (nobody is signed in) unless the caller did.
  IF coalesce(current_setting('app.user_id', true), '') = '' THEN
    PERFORM set_config('app.user_id', v_user_id::text, true);
  END IF;
  RETURN QUERY
    UPDATE users u SET password_hash = p_password_hash, session_version = u.session_version + 1, updated_at = p_now
     WHERE u.id = v_user_id
    RETURNING u.id, u.company_id, u.email, u.name, u.locale;
END $$;
--> statement-breakpoint

-- A signed-in user's own password change, after the app has checked the current password:
-- the new hash and a new session version (every session of the account ends; the app signs the
-- current one in again). Returns the new session version, or NULL when there is no such active
-- account. Open reset tokens of the account are used up: a mailed link must not undo the change.
CREATE FUNCTION app_change_password(p_user_id uuid, p_password_hash text)
  RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
DECLARE
  v_version integer;
BEGIN
  IF p_password_hash IS NULL OR p_password_hash !~ '^\$argon2id\$' THEN
    RAISE EXCEPTION 'app_change_password: not an argon2id hash' USING ERRCODE = '22023';
  END IF;
  IF coalesce(current_setting('app.user_id', true), '') = '' THEN
    PERFORM set_config('app.user_id', p_user_id::text, true);
  END IF;
  UPDATE users u SET password_hash = p_password_hash, session_version = u.session_version + 1, updated_at = now()
   WHERE u.id = p_user_id AND u.is_active
  RETURNING u.session_version INTO v_version;
  IF v_version IS NOT NULL THEN
    UPDATE password_resets r SET used_at = now() WHERE r.user_id = p_user_id AND r.used_at IS NULL;
  END IF;
  RETURN v_version;
END $$;
--> statement-breakpoint

SELECT app_own_platform_function('app_password_reset_recent_count(uuid, timestamptz)');
--> statement-breakpoint
SELECT app_own_platform_function('app_password_reset_user(text, timestamptz)');
--> statement-breakpoint
SELECT app_own_platform_function('app_consume_password_reset(text, text, timestamptz)');
--> statement-breakpoint
SELECT app_own_platform_function('app_change_password(uuid, text)');
