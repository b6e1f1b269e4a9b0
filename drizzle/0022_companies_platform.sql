-- Companies for platform admins (operator portal, companies section): list, read, create,
-- change, archive and restore tenants. companies is under RLS on its own id and the runtime role
-- can see one company at a time and never delete one (0001), so everything that spans companies
-- goes through these named SECURITY DEFINER functions (design.md §4.3). Each checks inside that
-- the given user is an active platform admin (42501 otherwise: the app's permission check is not
-- trusted alone), like app_platform_list_companies, and each is wrapped and tested in
-- db/platform.ts / db/platform.test.ts.
--
-- The writes set app.user_id and app.request_id transaction-locally, so the audit trigger (0004)
-- names the platform admin in the company's chain. Field validation lives in lib/companies; the
-- functions repeat what must never be stored (a malformed slug: 23514) and leave uniqueness of
-- the slug to companies_slug_key (23505). "Archived" is status archived plus deleted_at; the
-- status before archiving is kept in settings.statusBeforeArchive, so a restore brings it back.

GRANT INSERT, UPDATE ON companies TO askpro_platform;
--> statement-breakpoint
GRANT INSERT ON branches TO askpro_platform;
--> statement-breakpoint

-- One page of companies: search in name and slug (substring, case-insensitive), statuses (none =
-- all), archived ones only on request, a fixed set of sorts, limit/offset (a platform has tens to
-- hundreds of tenants). total = all matches, on every row.
CREATE FUNCTION app_platform_search_companies(p_user_id uuid, p_q text, p_statuses company_status[],
                                              p_include_archived boolean, p_sort text, p_limit integer, p_offset integer)
  RETURNS TABLE (id uuid, name text, slug text, status company_status, plan text, locale locale, time_zone text,
                 currency text, contact_email text, contact_phone text, created_at timestamptz, deleted_at timestamptz,
                 branch_count integer, total bigint)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
DECLARE
  v_q text := nullif(btrim(coalesce(p_q, '')), '');
  v_pattern text;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM users u WHERE u.id = p_user_id AND u.role = 'platform_admin' AND u.is_active) THEN
    RAISE EXCEPTION 'user % is not an active platform admin', p_user_id USING ERRCODE = '42501';
  END IF;
  IF v_q IS NOT NULL THEN
    v_pattern := '%' || replace(replace(replace(left(v_q, 200), '\', '\\'), '%', '\%'), '_', '\_') || '%';
  END IF;
  RETURN QUERY
    SELECT c.id, c.name, c.slug, c.status, c.plan, c.locale, c.time_zone, c.currency, c.contact_email, c.contact_phone,
           c.created_at, c.deleted_at,
           (SELECT count(*)::integer FROM branches b WHERE b.company_id = c.id AND b.deleted_at IS NULL),
           count(*) OVER ()
      FROM companies c
     WHERE (coalesce(p_include_archived, false) OR c.deleted_at IS NULL)
       AND (v_pattern IS NULL OR c.name ILIKE v_pattern OR c.slug ILIKE v_pattern)
       AND (coalesce(cardinality(p_statuses), 0) = 0 OR c.status = ANY (p_statuses))
     ORDER BY
       CASE WHEN p_sort = 'name.asc' THEN lower(c.name) END ASC,
       CASE WHEN p_sort = 'name.desc' THEN lower(c.name) END DESC,
       CASE WHEN p_sort = 'created.asc' THEN c.created_at END ASC,
       CASE WHEN p_sort IS NULL OR p_sort NOT IN ('name.asc', 'name.desc', 'created.asc') THEN c.created_at END DESC,
       c.id
     LIMIT least(greatest(coalesce(p_limit, 50), 1), 200)
    OFFSET greatest(coalesce(p_offset, 0), 0);
END $$;
--> statement-breakpoint

-- One company, archived or not (the edit page); no row for an unknown id.
CREATE FUNCTION app_platform_get_company(p_user_id uuid, p_company_id uuid)
  RETURNS TABLE (id uuid, name text, slug text, status company_status, plan text, locale locale, time_zone text,
                 currency text, contact_email text, contact_phone text, created_at timestamptz, deleted_at timestamptz,
                 branch_count integer)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM users u WHERE u.id = p_user_id AND u.role = 'platform_admin' AND u.is_active) THEN
    RAISE EXCEPTION 'user % is not an active platform admin', p_user_id USING ERRCODE = '42501';
  END IF;
  RETURN QUERY
    SELECT c.id, c.name, c.slug, c.status, c.plan, c.locale, c.time_zone, c.currency, c.contact_email, c.contact_phone,
           c.created_at, c.deleted_at,
           (SELECT count(*)::integer FROM branches b WHERE b.company_id = c.id AND b.deleted_at IS NULL)
      FROM companies c
     WHERE c.id = p_company_id;
END $$;
--> statement-breakpoint

-- A new company with its first branch (same zone and language), in one transaction.
-- 23505: the slug is taken; 23514: a malformed slug or a new company that is archived already.
CREATE FUNCTION app_platform_create_company(p_user_id uuid, p_company_id uuid, p_name text, p_slug text,
                                            p_status company_status, p_plan text, p_locale locale, p_time_zone text,
                                            p_currency text, p_contact_email text, p_contact_phone text,
                                            p_branch_id uuid, p_branch_name text, p_request_id text)
  RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM users u WHERE u.id = p_user_id AND u.role = 'platform_admin' AND u.is_active) THEN
    RAISE EXCEPTION 'user % is not an active platform admin', p_user_id USING ERRCODE = '42501';
  END IF;
  IF p_slug IS NULL OR p_slug !~ '^[a-z0-9-]{2,60}$' THEN
    RAISE EXCEPTION 'malformed company slug' USING ERRCODE = '23514';
  END IF;
  IF p_status = 'archived' THEN
    RAISE EXCEPTION 'a new company cannot be archived' USING ERRCODE = '23514';
  END IF;
  PERFORM set_config('app.user_id', p_user_id::text, true),
          set_config('app.request_id', coalesce(left(p_request_id, 200), ''), true);
  INSERT INTO companies (id, name, slug, status, plan, locale, time_zone, currency, contact_email, contact_phone)
  VALUES (p_company_id, p_name, p_slug, coalesce(p_status, 'trial'), p_plan, p_locale, p_time_zone, p_currency,
          p_contact_email, p_contact_phone);
  INSERT INTO branches (id, company_id, name, time_zone, locale)
  VALUES (p_branch_id, p_company_id, p_branch_name, p_time_zone, p_locale);
END $$;
--> statement-breakpoint

-- A live company's master data. false: no such live company (unknown or archived).
-- 23505 / 23514 as above; archiving has its own function.
CREATE FUNCTION app_platform_update_company(p_user_id uuid, p_company_id uuid, p_name text, p_slug text,
                                            p_status company_status, p_plan text, p_locale locale, p_time_zone text,
                                            p_currency text, p_contact_email text, p_contact_phone text, p_request_id text)
  RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM users u WHERE u.id = p_user_id AND u.role = 'platform_admin' AND u.is_active) THEN
    RAISE EXCEPTION 'user % is not an active platform admin', p_user_id USING ERRCODE = '42501';
  END IF;
  IF p_slug IS NULL OR p_slug !~ '^[a-z0-9-]{2,60}$' THEN
    RAISE EXCEPTION 'malformed company slug' USING ERRCODE = '23514';
  END IF;
  IF p_status = 'archived' THEN
    RAISE EXCEPTION 'archive through app_platform_set_company_archived' USING ERRCODE = '23514';
  END IF;
  PERFORM set_config('app.user_id', p_user_id::text, true),
          set_config('app.request_id', coalesce(left(p_request_id, 200), ''), true);
  UPDATE companies c
     SET name = p_name, slug = p_slug, status = p_status, plan = p_plan, locale = p_locale, time_zone = p_time_zone,
         currency = p_currency, contact_email = p_contact_email, contact_phone = p_contact_phone, updated_at = now()
   WHERE c.id = p_company_id AND c.deleted_at IS NULL;
  RETURN FOUND;
END $$;
--> statement-breakpoint

-- Archives (status archived, deleted_at; its users can no longer sign in) or restores a company
-- (the status it had before). The new status, or NULL when there is no such company in the
-- opposite state (unknown, or archived/restored already).
CREATE FUNCTION app_platform_set_company_archived(p_user_id uuid, p_company_id uuid, p_archived boolean, p_request_id text)
  RETURNS company_status
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
DECLARE
  v_status company_status;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM users u WHERE u.id = p_user_id AND u.role = 'platform_admin' AND u.is_active) THEN
    RAISE EXCEPTION 'user % is not an active platform admin', p_user_id USING ERRCODE = '42501';
  END IF;
  PERFORM set_config('app.user_id', p_user_id::text, true),
          set_config('app.request_id', coalesce(left(p_request_id, 200), ''), true);
  IF p_archived THEN
    UPDATE companies c
       SET status = 'archived', deleted_at = now(), updated_at = now(),
           settings = c.settings || jsonb_build_object('statusBeforeArchive', c.status)
     WHERE c.id = p_company_id AND c.deleted_at IS NULL
    RETURNING c.status INTO v_status;
  ELSE
    UPDATE companies c
       SET status = CASE WHEN c.settings ->> 'statusBeforeArchive' IN ('trial', 'active', 'suspended')
                         THEN (c.settings ->> 'statusBeforeArchive')::company_status ELSE 'active' END,
           deleted_at = NULL, updated_at = now(),
           settings = c.settings - 'statusBeforeArchive'
     WHERE c.id = p_company_id AND c.deleted_at IS NOT NULL
    RETURNING c.status INTO v_status;
  END IF;
  RETURN v_status;
END $$;
--> statement-breakpoint

SELECT app_own_platform_function('app_platform_search_companies(uuid, text, company_status[], boolean, text, integer, integer)');
--> statement-breakpoint
SELECT app_own_platform_function('app_platform_get_company(uuid, uuid)');
--> statement-breakpoint
SELECT app_own_platform_function('app_platform_create_company(uuid, uuid, text, text, company_status, text, locale, text, text, text, text, uuid, text, text)');
--> statement-breakpoint
SELECT app_own_platform_function('app_platform_update_company(uuid, uuid, text, text, company_status, text, locale, text, text, text, text, text)');
--> statement-breakpoint
SELECT app_own_platform_function('app_platform_set_company_archived(uuid, uuid, boolean, text)');
