-- API tokens (identity issue: "API tokens and a REST API"). Creating, listing and revoking tokens
-- is company work under RLS (withCompany, lib/api/tokens.ts). Authenticating a request crosses
-- companies (the token decides the company), so it goes through this SECURITY DEFINER function.
-- Only the token's SHA-256 ever reaches the database. Wrapped in db/platform-api.ts, tested in
-- lib/api/auth.test.ts.

-- One API request: the token behind a hash, refused when revoked, expired or its company is no
-- longer live; for a usable token, in the same statement, the use is recorded in api_token_usage
-- (last use, IP) and counted in a fixed 60-second rate-limit window (p_limit requests per window).
-- No row: the hash is unknown. state: ok, rate_limited (the request counts, nothing else is
-- done), revoked, expired, company_inactive (those three change nothing).
CREATE FUNCTION app_api_token_authenticate(p_token_hash text, p_ip inet, p_limit integer)
  RETURNS TABLE (state text, token_id uuid, company_id uuid, scopes text[], rate_limit integer,
                 rate_remaining integer, rate_reset_at timestamptz)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
#variable_conflict use_column
DECLARE
  v_token api_tokens%ROWTYPE;
  v_live boolean;
  v_started timestamptz;
  v_count integer;
BEGIN
  IF p_limit IS NULL OR p_limit < 1 THEN
    RAISE EXCEPTION 'app_api_token_authenticate: bad rate limit' USING ERRCODE = '22023';
  END IF;
  IF p_token_hash IS NULL OR p_token_hash !~ '^[0-9a-f]{64}$' THEN
    RETURN;
  END IF;
  SELECT * INTO v_token FROM api_tokens t WHERE t.token_hash = p_token_hash;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  IF v_token.revoked_at IS NOT NULL THEN
    RETURN QUERY SELECT 'revoked'::text, v_token.id, v_token.company_id, NULL::text[], p_limit, NULL::integer, NULL::timestamptz;
    RETURN;
  END IF;
  IF v_token.expires_at IS NOT NULL AND v_token.expires_at <= now() THEN
    RETURN QUERY SELECT 'expired'::text, v_token.id, v_token.company_id, NULL::text[], p_limit, NULL::integer, NULL::timestamptz;
    RETURN;
  END IF;
  SELECT c.deleted_at IS NULL AND c.status IN ('trial', 'active') INTO v_live FROM companies c WHERE c.id = v_token.company_id;
  IF NOT coalesce(v_live, false) THEN
    RETURN QUERY SELECT 'company_inactive'::text, v_token.id, v_token.company_id, NULL::text[], p_limit, NULL::integer, NULL::timestamptz;
    RETURN;
  END IF;
  -- A window that began 60 s or more ago is over: this request opens a new one.
  INSERT INTO api_token_usage AS u (token_id, company_id, last_used_at, last_used_ip, window_started_at, window_count)
  VALUES (v_token.id, v_token.company_id, now(), p_ip, now(), 1)
  ON CONFLICT (token_id) DO UPDATE
     SET last_used_at = now(),
         last_used_ip = excluded.last_used_ip,
         window_started_at = CASE WHEN u.window_started_at <= now() - interval '60 seconds' THEN now() ELSE u.window_started_at END,
         window_count = CASE WHEN u.window_started_at <= now() - interval '60 seconds' THEN 1 ELSE u.window_count + 1 END
  RETURNING u.window_started_at, u.window_count INTO v_started, v_count;
  RETURN QUERY SELECT CASE WHEN v_count > p_limit THEN 'rate_limited' ELSE 'ok' END::text,
                      v_token.id, v_token.company_id, v_token.scopes, p_limit, greatest(p_limit - v_count, 0),
                      v_started + interval '60 seconds';
END $$;
--> statement-breakpoint

SELECT app_own_platform_function('app_api_token_authenticate(text, inet, integer)');
