-- The audit trigger of customers fixed its list of redacted columns when 0004 made it. 0007
-- dropped phone, email and notes and added *_ciphertext and *_blind_index columns: register the
-- table again (app_enable_audit replaces the trigger), naming the plain personal columns that
-- remain; the new ones are redacted by name (cipher, blind_index).
SELECT app_enable_audit('customers', ARRAY['first_name', 'last_name', 'birthday']);
--> statement-breakpoint

-- `npm run keys:rotate` re-encrypts every company's values under the current key, one company at
-- a time through withCompany as the owner; this names the companies to visit (forced row-level
-- security hides them from a non-superuser owner). Ids only; not for the runtime role.
CREATE FUNCTION app_keys_list_company_ids() RETURNS SETOF uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT c.id FROM companies c ORDER BY c.id $$;
--> statement-breakpoint
SELECT app_own_platform_function('app_keys_list_company_ids()', false);
--> statement-breakpoint
DO $$
BEGIN
  EXECUTE format('GRANT EXECUTE ON FUNCTION app_keys_list_company_ids() TO %I', current_user);
END $$;
