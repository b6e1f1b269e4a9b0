-- Tenancy in the database (design.md §4): roles, grants, forced row-level security and the
-- named platform functions that are the only way across companies.
--
-- Roles are cluster-wide, so creating them is guarded (and tolerant of a concurrent migration of
-- another database in the same cluster).
--   askpro_app       the runtime role: owns nothing, no BYPASSRLS, sees one company at a time.
--   askpro_platform  owns the SECURITY DEFINER platform functions; it cannot log in.
DO $$
BEGIN
  BEGIN
    CREATE ROLE askpro_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOINHERIT;
  EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
  END;
  BEGIN
    CREATE ROLE askpro_platform NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
  EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
  END;
  -- A non-superuser owner must be a member to hand functions to askpro_platform.
  IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    EXECUTE format('GRANT askpro_platform TO %I', current_user);
  END IF;
END $$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO askpro_app, askpro_platform;
--> statement-breakpoint
GRANT USAGE ON TYPE company_status, locale, user_role, absence_kind, appointment_status, appointment_source TO askpro_app;
--> statement-breakpoint

-- The company of the current transaction, set by withCompany() with set_config(..., true).
-- An unset or reset setting yields NULL, and `company_id = NULL` matches no row.
CREATE FUNCTION app_current_company_id() RETURNS uuid
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT nullif(current_setting('app.company_id', true), '')::uuid $$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_current_company_id() TO askpro_app, askpro_platform;
--> statement-breakpoint

-- Every migration that adds a table with company_id calls this (a test fails otherwise):
-- RLS enabled and forced (the owner is filtered too), one policy for the current company,
-- read/write grants for the runtime role and full access for the platform functions' role.
CREATE FUNCTION app_enable_tenant_rls(p_table regclass, p_key text DEFAULT 'company_id') RETURNS void
  LANGUAGE plpgsql
  AS $$
DECLARE
  t text := p_table::text;
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', t);
  EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', t);
  EXECUTE format('DROP POLICY IF EXISTS tenant_isolation ON %s', t);
  EXECUTE format(
    'CREATE POLICY tenant_isolation ON %s USING (%I = app_current_company_id()) WITH CHECK (%I = app_current_company_id())',
    t, p_key, p_key);
  EXECUTE format('DROP POLICY IF EXISTS platform_functions ON %s', t);
  EXECUTE format('CREATE POLICY platform_functions ON %s TO askpro_platform USING (true) WITH CHECK (true)', t);
  EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %s TO askpro_app', t);
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app_enable_tenant_rls(regclass, text) FROM PUBLIC;
--> statement-breakpoint

-- Every migration that adds a named platform function hands it over with this: owned by
-- askpro_platform, EXECUTE revoked from PUBLIC and granted to the runtime role unless told not.
CREATE FUNCTION app_own_platform_function(p_signature text, p_runtime_may_execute boolean DEFAULT true) RETURNS void
  LANGUAGE plpgsql
  AS $$
BEGIN
  -- A new function owner needs CREATE on the schema at the moment of the change (not after).
  GRANT CREATE ON SCHEMA public TO askpro_platform;
  EXECUTE format('ALTER FUNCTION %s OWNER TO askpro_platform', p_signature);
  REVOKE CREATE ON SCHEMA public FROM askpro_platform;
  EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', p_signature);
  IF p_runtime_may_execute THEN
    EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO askpro_app', p_signature);
  END IF;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app_own_platform_function(text, boolean) FROM PUBLIC;
--> statement-breakpoint

SELECT app_enable_tenant_rls('companies', 'id');
--> statement-breakpoint
-- Companies are archived, never deleted.
REVOKE DELETE ON companies FROM askpro_app;
--> statement-breakpoint
SELECT app_enable_tenant_rls('branches');
--> statement-breakpoint
SELECT app_enable_tenant_rls('users');
--> statement-breakpoint
SELECT app_enable_tenant_rls('staff');
--> statement-breakpoint
SELECT app_enable_tenant_rls('staff_branches');
--> statement-breakpoint
SELECT app_enable_tenant_rls('working_hours');
--> statement-breakpoint
SELECT app_enable_tenant_rls('staff_absences');
--> statement-breakpoint
SELECT app_enable_tenant_rls('service_categories');
--> statement-breakpoint
SELECT app_enable_tenant_rls('services');
--> statement-breakpoint
SELECT app_enable_tenant_rls('staff_services');
--> statement-breakpoint
SELECT app_enable_tenant_rls('customers');
--> statement-breakpoint
SELECT app_enable_tenant_rls('appointments');
--> statement-breakpoint
SELECT app_enable_tenant_rls('appointment_notes');
--> statement-breakpoint
SELECT app_enable_tenant_rls('retell_agents');
--> statement-breakpoint
SELECT app_enable_tenant_rls('phone_numbers');
--> statement-breakpoint
SELECT app_enable_tenant_rls('feature_flag_overrides');
--> statement-breakpoint

-- Global tables. The runtime role reads flag definitions; it has no grant at all on the
-- auth bookkeeping tables or migration_runs (platform functions only), so RLS there would be moot.
GRANT SELECT ON feature_flags TO askpro_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON password_resets, sign_in_attempts TO askpro_platform;
--> statement-breakpoint

-- ---------------------------------------------------------------------------------------------
-- Named platform functions: SECURITY DEFINER, owned by askpro_platform, a fixed search_path,
-- EXECUTE revoked from PUBLIC and granted one by one. Each is tested in db/platform.test.ts.
-- ---------------------------------------------------------------------------------------------

-- Sign-in: the account behind an email, whatever its company. The password hash leaves the
-- database only here, to be checked with argon2 in the app.
CREATE FUNCTION app_auth_find_user(p_email text)
  RETURNS TABLE (id uuid, company_id uuid, email text, name text, password_hash text, role user_role,
                 locale locale, is_active boolean, session_version integer, company_active boolean)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT u.id, u.company_id, u.email, u.name, u.password_hash, u.role, u.locale, u.is_active,
           u.session_version,
           (u.company_id IS NULL OR (c.deleted_at IS NULL AND c.status IN ('trial', 'active')))
      FROM users u
      LEFT JOIN companies c ON c.id = u.company_id
     WHERE lower(u.email) = lower(p_email)
  $$;
--> statement-breakpoint

-- Every authenticated request re-reads its user, so a deactivated account or a changed role
-- takes effect at once rather than when the session token expires.
CREATE FUNCTION app_auth_session_user(p_user_id uuid)
  RETURNS TABLE (id uuid, company_id uuid, email text, name text, role user_role, locale locale,
                 is_active boolean, session_version integer, company_active boolean)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT u.id, u.company_id, u.email, u.name, u.role, u.locale, u.is_active, u.session_version,
           (u.company_id IS NULL OR (c.deleted_at IS NULL AND c.status IN ('trial', 'active')))
      FROM users u
      LEFT JOIN companies c ON c.id = u.company_id
     WHERE u.id = p_user_id
  $$;
--> statement-breakpoint

CREATE FUNCTION app_record_sign_in_attempt(p_email_hash text, p_ip inet, p_user_id uuid, p_succeeded boolean, p_id uuid)
  RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
BEGIN
  INSERT INTO sign_in_attempts (id, email_hash, ip, user_id, succeeded)
  VALUES (p_id, p_email_hash, p_ip, p_user_id, p_succeeded);
  IF p_succeeded AND p_user_id IS NOT NULL THEN
    UPDATE users SET last_sign_in_at = now() WHERE id = p_user_id;
  END IF;
END $$;
--> statement-breakpoint

-- The company switcher of a platform admin. Refuses anyone else, whatever the app believes.
CREATE FUNCTION app_platform_list_companies(p_user_id uuid)
  RETURNS TABLE (id uuid, name text, slug text, status company_status, parent_company_id uuid)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM users u WHERE u.id = p_user_id AND u.role = 'platform_admin' AND u.is_active) THEN
    RAISE EXCEPTION 'user % is not an active platform admin', p_user_id USING ERRCODE = '42501';
  END IF;
  RETURN QUERY
    SELECT c.id, c.name, c.slug, c.status, c.parent_company_id
      FROM companies c
     WHERE c.deleted_at IS NULL
     ORDER BY c.name, c.id;
END $$;
--> statement-breakpoint

-- Called number → branch → company → agent, for the voice agent's webhooks (no session there).
CREATE FUNCTION app_resolve_phone_number(p_e164 text)
  RETURNS TABLE (phone_number_id uuid, company_id uuid, company_active boolean, branch_id uuid,
                 branch_name text, time_zone text, locale locale, agent_id uuid, retell_agent_id text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT p.id, p.company_id, (c.deleted_at IS NULL AND c.status IN ('trial', 'active')),
           b.id, b.name, b.time_zone, b.locale, a.id, a.retell_agent_id
      FROM phone_numbers p
      JOIN companies c ON c.id = p.company_id
      JOIN branches b ON b.company_id = p.company_id AND b.id = p.branch_id AND b.deleted_at IS NULL
      LEFT JOIN retell_agents a ON a.company_id = p.company_id AND a.id = p.retell_agent_id AND a.is_active
     WHERE p.e164 = p_e164 AND p.is_active
  $$;
--> statement-breakpoint

CREATE FUNCTION app_create_password_reset(p_id uuid, p_user_id uuid, p_token_hash text, p_expires_at timestamptz)
  RETURNS void
  LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    INSERT INTO password_resets (id, user_id, token_hash, expires_at) VALUES (p_id, p_user_id, p_token_hash, p_expires_at)
  $$;
--> statement-breakpoint

-- The daily purge job: reset tokens a day past expiry (or used), sign-in records past retention.
CREATE FUNCTION app_purge_expired_auth_records(p_now timestamptz, p_attempt_retention interval)
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
  RETURN QUERY SELECT resets, attempts;
END $$;
--> statement-breakpoint

-- Bootstrap of platform admins (seed, ops CLI). Not granted to the runtime role.
CREATE FUNCTION app_create_platform_admin(p_id uuid, p_email text, p_name text, p_password_hash text)
  RETURNS void
  LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    INSERT INTO users (id, company_id, email, name, password_hash, role)
    VALUES (p_id, NULL, p_email, p_name, p_password_hash, 'platform_admin')
  $$;
--> statement-breakpoint

GRANT SELECT, INSERT, UPDATE ON users TO askpro_platform;
--> statement-breakpoint
GRANT SELECT ON companies, branches, phone_numbers, retell_agents TO askpro_platform;
--> statement-breakpoint

SELECT app_own_platform_function('app_auth_find_user(text)');
--> statement-breakpoint
SELECT app_own_platform_function('app_auth_session_user(uuid)');
--> statement-breakpoint
SELECT app_own_platform_function('app_record_sign_in_attempt(text, inet, uuid, boolean, uuid)');
--> statement-breakpoint
SELECT app_own_platform_function('app_platform_list_companies(uuid)');
--> statement-breakpoint
SELECT app_own_platform_function('app_resolve_phone_number(text)');
--> statement-breakpoint
SELECT app_own_platform_function('app_create_password_reset(uuid, uuid, text, timestamptz)');
--> statement-breakpoint
SELECT app_own_platform_function('app_purge_expired_auth_records(timestamptz, interval)');
--> statement-breakpoint
-- The platform-admin bootstrap: for the migrating role (seed, ops), never the runtime.
SELECT app_own_platform_function('app_create_platform_admin(uuid, text, text, text)', false);
--> statement-breakpoint
DO $$ BEGIN EXECUTE format('GRANT EXECUTE ON FUNCTION app_create_platform_admin(uuid, text, text, text) TO %I', current_user); END $$;
