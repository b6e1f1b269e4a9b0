-- Feature flags: platform functions for the flag definitions (identity issue, flags work).
--
-- feature_flags is global: the runtime role may only read it (0001). Platform admins create and
-- change definitions through the two functions below, which check inside that the given user is
-- an active platform admin (the app's permission check is not trusted alone) and leave the
-- validation of key and percentage to the table's check constraints (23514). A company's own
-- override lives in feature_flag_overrides under RLS and is written by the app through
-- withCompany. Deleting a definition is deliberately not offered: code that still asks for a
-- deleted flag would silently see it off for every company.
--
-- The audit trigger on feature_flags (0004) takes the actor from app.user_id: these functions set
-- it (and app.request_id) transaction-locally from their arguments, so the platform chain names
-- the admin who made the change.

GRANT SELECT, INSERT, UPDATE ON feature_flags TO askpro_platform;
--> statement-breakpoint

-- A new flag; 23505 (unique_violation) when the key exists already.
CREATE FUNCTION app_platform_create_feature_flag(p_user_id uuid, p_key text, p_description text, p_default_enabled boolean,
                                                 p_rollout_percentage integer, p_request_id text)
  RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM users u WHERE u.id = p_user_id AND u.role = 'platform_admin' AND u.is_active) THEN
    RAISE EXCEPTION 'user % is not an active platform admin', p_user_id USING ERRCODE = '42501';
  END IF;
  PERFORM set_config('app.user_id', p_user_id::text, true),
          set_config('app.request_id', coalesce(left(p_request_id, 200), ''), true);
  INSERT INTO feature_flags (key, description, default_enabled, rollout_percentage)
  VALUES (p_key, coalesce(p_description, ''), p_default_enabled, p_rollout_percentage);
END $$;
--> statement-breakpoint

-- A changed definition (description, global default, rollout percentage); the key never changes.
-- P0002 (no_data_found) when there is no such flag.
CREATE FUNCTION app_platform_update_feature_flag(p_user_id uuid, p_key text, p_description text, p_default_enabled boolean,
                                                 p_rollout_percentage integer, p_request_id text)
  RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM users u WHERE u.id = p_user_id AND u.role = 'platform_admin' AND u.is_active) THEN
    RAISE EXCEPTION 'user % is not an active platform admin', p_user_id USING ERRCODE = '42501';
  END IF;
  PERFORM set_config('app.user_id', p_user_id::text, true),
          set_config('app.request_id', coalesce(left(p_request_id, 200), ''), true);
  UPDATE feature_flags f
     SET description = coalesce(p_description, ''),
         default_enabled = p_default_enabled,
         rollout_percentage = p_rollout_percentage,
         updated_at = now()
   WHERE f.key = p_key;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'feature flag % does not exist', p_key USING ERRCODE = 'P0002';
  END IF;
END $$;
--> statement-breakpoint

-- The first flag the code asks for (lib/flags/registry.ts). A flag without a definition is off,
-- so it is defined here, not only in the demo seed: a database that is migrated but never seeded
-- (production) keeps showing the dashboard card. An existing definition is left as it is.
INSERT INTO feature_flags (key, description, default_enabled, rollout_percentage)
VALUES ('dashboard.upcoming_appointments',
        'Das Dashboard zeigt die Karte „Nächste Termine“ mit den kommenden Terminen.', true, 100)
ON CONFLICT (key) DO NOTHING;
--> statement-breakpoint

SELECT app_own_platform_function('app_platform_create_feature_flag(uuid, text, text, boolean, integer, text)');
--> statement-breakpoint
SELECT app_own_platform_function('app_platform_update_feature_flag(uuid, text, text, boolean, integer, text)');
