-- A branch manager's branches: an ordinary company table.
SELECT app_enable_tenant_rls('user_branches');
--> statement-breakpoint
-- Security events: readable by their company under RLS, written only through
-- app_record_security_event (rows without a company, e.g. an unknown email, are the platform's).
SELECT app_enable_tenant_rls('security_events');
--> statement-breakpoint
REVOKE INSERT, UPDATE, DELETE ON security_events FROM askpro_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON security_events TO askpro_platform;
--> statement-breakpoint
-- The audit trail is readable by its company; rows come from triggers (0004), never from the app.
SELECT app_enable_tenant_rls('audit_log');
--> statement-breakpoint
REVOKE INSERT, UPDATE, DELETE ON audit_log FROM askpro_app;
--> statement-breakpoint

CREATE FUNCTION app_record_security_event(p_id uuid, p_company_id uuid, p_user_id uuid, p_type text, p_ip inet,
                                          p_user_agent text, p_details jsonb)
  RETURNS void
  LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    INSERT INTO security_events (id, company_id, user_id, type, ip, user_agent, details)
    VALUES (p_id, p_company_id, p_user_id, p_type, p_ip, left(p_user_agent, 512), coalesce(p_details, '{}'::jsonb))
  $$;
--> statement-breakpoint

-- Platform admins see every event, including those without a company; refused for anyone else.
CREATE FUNCTION app_platform_list_security_events(p_user_id uuid, p_company_id uuid, p_type text, p_subject_user_id uuid,
                                                  p_from timestamptz, p_to timestamptz, p_before_created_at timestamptz,
                                                  p_before_id uuid, p_limit integer)
  RETURNS SETOF security_events
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM users u WHERE u.id = p_user_id AND u.role = 'platform_admin' AND u.is_active) THEN
    RAISE EXCEPTION 'user % is not an active platform admin', p_user_id USING ERRCODE = '42501';
  END IF;
  RETURN QUERY
    SELECT e.* FROM security_events e
     WHERE (p_company_id IS NULL OR e.company_id = p_company_id)
       AND (p_type IS NULL OR e.type = p_type)
       AND (p_subject_user_id IS NULL OR e.user_id = p_subject_user_id)
       AND (p_from IS NULL OR e.created_at >= p_from)
       AND (p_to IS NULL OR e.created_at < p_to)
       AND (p_before_created_at IS NULL OR (e.created_at, e.id) < (p_before_created_at, p_before_id))
     ORDER BY e.created_at DESC, e.id DESC
     LIMIT least(greatest(p_limit, 1), 200);
END $$;
--> statement-breakpoint

-- Sign-in throttling: failures in the window per account (keyed email hash) and per IP, and
-- the latest of each, so the app can ask for an increasing delay (never a hard lockout).
CREATE FUNCTION app_sign_in_throttle_state(p_email_hash text, p_ip inet, p_since timestamptz)
  RETURNS TABLE (email_failures integer, last_email_failure timestamptz, ip_failures integer, last_ip_failure timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT (SELECT count(*)::int FROM sign_in_attempts a
             WHERE a.email_hash = p_email_hash AND NOT a.succeeded AND a.created_at >= p_since),
           (SELECT max(a.created_at) FROM sign_in_attempts a
             WHERE a.email_hash = p_email_hash AND NOT a.succeeded AND a.created_at >= p_since),
           (SELECT count(*)::int FROM sign_in_attempts a
             WHERE p_ip IS NOT NULL AND a.ip = p_ip AND NOT a.succeeded AND a.created_at >= p_since),
           (SELECT max(a.created_at) FROM sign_in_attempts a
             WHERE p_ip IS NOT NULL AND a.ip = p_ip AND NOT a.succeeded AND a.created_at >= p_since)
  $$;
--> statement-breakpoint

SELECT app_own_platform_function('app_record_security_event(uuid, uuid, uuid, text, inet, text, jsonb)');
--> statement-breakpoint
SELECT app_own_platform_function('app_platform_list_security_events(uuid, uuid, text, uuid, timestamptz, timestamptz, timestamptz, uuid, integer)');
--> statement-breakpoint
SELECT app_own_platform_function('app_sign_in_throttle_state(text, inet, timestamptz)');
