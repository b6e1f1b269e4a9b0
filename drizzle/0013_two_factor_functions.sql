-- Two-factor sign-in (identity issue, item 3) and the signed-in user's email change.
-- user_two_factor and user_recovery_codes are private auth bookkeeping (0012: no grant for the
-- runtime role): these SECURITY DEFINER functions are the only way to them, each acting on the one
-- user the app has authenticated (the id comes from the session or from authorize, never from a
-- request body). The TOTP secret arrives encrypted (lib/crypto field encryption, bound to the
-- user), recovery codes as keyed hashes: the database never sees either in plain text.
-- Wrapped in db/platform-two-factor.ts, tested in lib/auth/two-factor*.test.ts.

-- The user's authenticator state: the encrypted secret, whether it is confirmed, the last time
-- step used, and how many recovery codes are left. No row: not enrolled.
CREATE FUNCTION app_two_factor_status(p_user_id uuid)
  RETURNS TABLE (secret_ciphertext text, enabled_at timestamptz, last_used_step bigint, recovery_codes_left integer)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT t.secret_ciphertext, t.enabled_at, t.last_used_step,
           (SELECT count(*)::int FROM user_recovery_codes r WHERE r.user_id = t.user_id AND r.used_at IS NULL)
      FROM user_two_factor t
     WHERE t.user_id = p_user_id
  $$;
--> statement-breakpoint

-- Starts (or restarts) an enrolment: a new pending secret. An enabled authenticator is never
-- replaced here (that takes disabling first). True when the pending secret was stored.
CREATE FUNCTION app_two_factor_begin(p_user_id uuid, p_secret_ciphertext text)
  RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
BEGIN
  IF p_secret_ciphertext IS NULL OR p_secret_ciphertext !~ '^v1\.' THEN
    RAISE EXCEPTION 'app_two_factor_begin: not a field ciphertext' USING ERRCODE = '22023';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM users u WHERE u.id = p_user_id AND u.is_active) THEN
    RETURN false;
  END IF;
  INSERT INTO user_two_factor AS t (user_id, secret_ciphertext, enabled_at, last_used_step)
  VALUES (p_user_id, p_secret_ciphertext, NULL, NULL)
  ON CONFLICT (user_id) DO UPDATE
     SET secret_ciphertext = excluded.secret_ciphertext, last_used_step = NULL, updated_at = now()
   WHERE t.enabled_at IS NULL;
  RETURN FOUND;
END $$;
--> statement-breakpoint

-- Confirms the pending enrolment with the time step of a code the app has checked against
-- exactly this secret (a restarted enrolment in between makes this a no-op), and stores the
-- hashes of a fresh set of recovery codes. True when 2FA is now on.
CREATE FUNCTION app_two_factor_confirm(p_user_id uuid, p_secret_ciphertext text, p_step bigint, p_code_hashes text[])
  RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
BEGIN
  IF p_step IS NULL OR p_step <= 0 THEN
    RAISE EXCEPTION 'app_two_factor_confirm: bad time step' USING ERRCODE = '22023';
  END IF;
  IF coalesce(cardinality(p_code_hashes), 0) NOT BETWEEN 1 AND 20
     OR EXISTS (SELECT 1 FROM unnest(p_code_hashes) h WHERE h IS NULL OR h !~ '^[0-9a-f]{64}$') THEN
    RAISE EXCEPTION 'app_two_factor_confirm: bad recovery code hashes' USING ERRCODE = '22023';
  END IF;
  UPDATE user_two_factor t SET enabled_at = now(), last_used_step = p_step, updated_at = now()
   WHERE t.user_id = p_user_id AND t.enabled_at IS NULL AND t.secret_ciphertext = p_secret_ciphertext
     AND EXISTS (SELECT 1 FROM users u WHERE u.id = p_user_id AND u.is_active);
  IF NOT FOUND THEN
    RETURN false;
  END IF;
  DELETE FROM user_recovery_codes r WHERE r.user_id = p_user_id;
  INSERT INTO user_recovery_codes (id, user_id, code_hash)
  SELECT gen_random_uuid(), p_user_id, h FROM unnest(p_code_hashes) h;
  RETURN true;
END $$;
--> statement-breakpoint

-- Uses a TOTP time step once: only a step later than the last one used is taken (a replayed
-- code, or an earlier one, is refused), atomically: of two concurrent uses exactly one wins.
CREATE FUNCTION app_two_factor_consume_step(p_user_id uuid, p_step bigint)
  RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
BEGIN
  UPDATE user_two_factor t SET last_used_step = p_step, updated_at = now()
   WHERE t.user_id = p_user_id AND t.enabled_at IS NOT NULL AND p_step > 0
     AND (t.last_used_step IS NULL OR t.last_used_step < p_step);
  RETURN FOUND;
END $$;
--> statement-breakpoint

-- Uses a recovery code once (by its keyed hash). Returns how many unused codes are left, or
-- NULL when the code is unknown, already used, or 2FA is not on. Concurrent uses: one wins.
CREATE FUNCTION app_two_factor_use_recovery_code(p_user_id uuid, p_code_hash text)
  RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
DECLARE
  v_left integer;
BEGIN
  UPDATE user_recovery_codes r SET used_at = now()
   WHERE r.user_id = p_user_id AND r.code_hash = p_code_hash AND r.used_at IS NULL
     AND EXISTS (SELECT 1 FROM user_two_factor t WHERE t.user_id = p_user_id AND t.enabled_at IS NOT NULL);
  IF NOT FOUND THEN
    RETURN NULL;
  END IF;
  SELECT count(*)::int INTO v_left FROM user_recovery_codes r WHERE r.user_id = p_user_id AND r.used_at IS NULL;
  RETURN v_left;
END $$;
--> statement-breakpoint

-- A new set of recovery codes (the old ones, used or not, stop working). Only with 2FA on.
CREATE FUNCTION app_two_factor_replace_recovery_codes(p_user_id uuid, p_code_hashes text[])
  RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
BEGIN
  IF coalesce(cardinality(p_code_hashes), 0) NOT BETWEEN 1 AND 20
     OR EXISTS (SELECT 1 FROM unnest(p_code_hashes) h WHERE h IS NULL OR h !~ '^[0-9a-f]{64}$') THEN
    RAISE EXCEPTION 'app_two_factor_replace_recovery_codes: bad recovery code hashes' USING ERRCODE = '22023';
  END IF;
  PERFORM 1 FROM user_two_factor t WHERE t.user_id = p_user_id AND t.enabled_at IS NOT NULL FOR UPDATE;
  IF NOT FOUND THEN
    RETURN false;
  END IF;
  DELETE FROM user_recovery_codes r WHERE r.user_id = p_user_id;
  INSERT INTO user_recovery_codes (id, user_id, code_hash)
  SELECT gen_random_uuid(), p_user_id, h FROM unnest(p_code_hashes) h;
  RETURN true;
END $$;
--> statement-breakpoint

-- Turns 2FA off (or drops a pending enrolment): the secret and every recovery code go.
-- Who may do this (not the admin roles) is the app's rule. True when there was something.
CREATE FUNCTION app_two_factor_disable(p_user_id uuid)
  RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
BEGIN
  DELETE FROM user_recovery_codes r WHERE r.user_id = p_user_id;
  DELETE FROM user_two_factor t WHERE t.user_id = p_user_id;
  RETURN FOUND;
END $$;
--> statement-breakpoint

-- A re-authenticated user's own new email address. Returns the old address (for the notice
-- mailed to it), or NULL when there is no such active user. An address in use raises 23505
-- (users_email_key), a malformed one 23514; the audit trail records the change (0004 trigger).
CREATE FUNCTION app_change_email(p_user_id uuid, p_email text)
  RETURNS text
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
DECLARE
  v_old text;
BEGIN
  IF coalesce(current_setting('app.user_id', true), '') = '' THEN
    PERFORM set_config('app.user_id', p_user_id::text, true);
  END IF;
  SELECT u.email INTO v_old FROM users u WHERE u.id = p_user_id AND u.is_active FOR UPDATE;
  IF NOT FOUND THEN
    RETURN NULL;
  END IF;
  UPDATE users u SET email = p_email, updated_at = now() WHERE u.id = p_user_id;
  RETURN v_old;
END $$;
--> statement-breakpoint

SELECT app_own_platform_function('app_two_factor_status(uuid)');
--> statement-breakpoint
SELECT app_own_platform_function('app_two_factor_begin(uuid, text)');
--> statement-breakpoint
SELECT app_own_platform_function('app_two_factor_confirm(uuid, text, bigint, text[])');
--> statement-breakpoint
SELECT app_own_platform_function('app_two_factor_consume_step(uuid, bigint)');
--> statement-breakpoint
SELECT app_own_platform_function('app_two_factor_use_recovery_code(uuid, text)');
--> statement-breakpoint
SELECT app_own_platform_function('app_two_factor_replace_recovery_codes(uuid, text[])');
--> statement-breakpoint
SELECT app_own_platform_function('app_two_factor_disable(uuid)');
--> statement-breakpoint
SELECT app_own_platform_function('app_change_email(uuid, text)');
