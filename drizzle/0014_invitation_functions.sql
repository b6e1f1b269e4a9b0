-- User invitations (identity issue: "company admins invite by email; one-time link, 72 h").
-- Inviting, re-sending and revoking are company work under RLS (withCompany, lib/users). Three
-- things cross companies and go through these SECURITY DEFINER functions: whether an address
-- already has an account anywhere (emails are unique across companies), the anonymous invitee's
-- look at a link, and accepting it. Wrapped in db/platform-invitations.ts, tested in
-- lib/users/invitations.test.ts. Only the token's SHA-256 ever reaches the database.

-- Is there an account with this address (case-insensitive), in any company or the platform?
-- Only a yes/no: the inviting admin learns nothing about where the account is.
CREATE FUNCTION app_user_email_taken(p_email text)
  RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT EXISTS (SELECT 1 FROM users u WHERE lower(u.email) = lower(btrim(p_email)))
  $$;
--> statement-breakpoint

-- The invitation behind a token hash, for the accept page, without using it: its company's name,
-- the address and role, and its state: open, expired, used, revoked, or invalid (the company is
-- no longer live). No row: the hash is unknown.
CREATE FUNCTION app_invitation_lookup(p_token_hash text, p_now timestamptz)
  RETURNS TABLE (invitation_id uuid, company_id uuid, company_name text, email text, role user_role,
                 locale locale, expires_at timestamptz, state text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT i.id, i.company_id, c.name, i.email, i.role, i.locale, i.expires_at,
           CASE
             WHEN i.accepted_at IS NOT NULL THEN 'used'
             WHEN i.revoked_at IS NOT NULL THEN 'revoked'
             WHEN i.expires_at <= p_now THEN 'expired'
             WHEN c.deleted_at IS NOT NULL OR c.status NOT IN ('trial', 'active') THEN 'invalid'
             ELSE 'open'
           END
      FROM user_invitations i
      JOIN companies c ON c.id = i.company_id
     WHERE i.token_hash = p_token_hash
  $$;
--> statement-breakpoint

-- Accepts an invitation once, atomically: the invitation row is locked (a concurrent second
-- accept waits, then finds it used), the user is created with the invitation's company, address,
-- role and language and the argon2id hash the app computed, the invitation's branches that still
-- exist become user_branches (branch roles only), and the invitation is marked accepted.
-- state: accepted, or unknown / used / revoked / expired / invalid / email_taken with nothing
-- changed.
CREATE FUNCTION app_accept_invitation(p_token_hash text, p_user_id uuid, p_name text, p_password_hash text,
                                      p_now timestamptz)
  RETURNS TABLE (state text, invitation_id uuid, company_id uuid, user_id uuid, role user_role)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
DECLARE
  v_inv user_invitations%ROWTYPE;
  v_company_live boolean;
BEGIN
  IF p_password_hash IS NULL OR p_password_hash !~ '^\$argon2id\$' THEN
    RAISE EXCEPTION 'app_accept_invitation: not an argon2id hash' USING ERRCODE = '22023';
  END IF;
  IF p_name IS NULL OR char_length(btrim(p_name)) NOT BETWEEN 1 AND 200 THEN
    RAISE EXCEPTION 'app_accept_invitation: bad name' USING ERRCODE = '22023';
  END IF;
  SELECT i.* INTO v_inv FROM user_invitations i WHERE i.token_hash = p_token_hash FOR UPDATE OF i;
  IF NOT FOUND THEN
    RETURN QUERY SELECT 'unknown'::text, NULL::uuid, NULL::uuid, NULL::uuid, NULL::user_role;
    RETURN;
  END IF;
  SELECT c.deleted_at IS NULL AND c.status IN ('trial', 'active') INTO v_company_live
    FROM companies c WHERE c.id = v_inv.company_id;
  state := CASE
             WHEN v_inv.accepted_at IS NOT NULL THEN 'used'
             WHEN v_inv.revoked_at IS NOT NULL THEN 'revoked'
             WHEN v_inv.expires_at <= p_now THEN 'expired'
             WHEN NOT coalesce(v_company_live, false) THEN 'invalid'
             WHEN EXISTS (SELECT 1 FROM users u WHERE lower(u.email) = lower(v_inv.email)) THEN 'email_taken'
             ELSE 'accepted'
           END;
  invitation_id := v_inv.id;
  company_id := v_inv.company_id;
  role := v_inv.role;
  IF state <> 'accepted' THEN
    user_id := NULL;
    RETURN NEXT;
    RETURN;
  END IF;
  -- The audit trail names the new account as the actor (nobody is signed in).
  IF coalesce(current_setting('app.user_id', true), '') = '' THEN
    PERFORM set_config('app.user_id', p_user_id::text, true);
  END IF;
  BEGIN
    INSERT INTO users (id, company_id, email, name, password_hash, role, locale)
    VALUES (p_user_id, v_inv.company_id, lower(v_inv.email), btrim(p_name), p_password_hash, v_inv.role, v_inv.locale);
  EXCEPTION WHEN unique_violation THEN
    -- Another account took the address between the check and the insert.
    state := 'email_taken';
    user_id := NULL;
    RETURN NEXT;
    RETURN;
  END;
  IF v_inv.role IN ('branch_manager', 'staff') THEN
    INSERT INTO user_branches (company_id, user_id, branch_id)
    SELECT v_inv.company_id, p_user_id, b.id
      FROM branches b
     WHERE b.company_id = v_inv.company_id AND b.id = ANY (v_inv.branch_ids) AND b.deleted_at IS NULL;
  END IF;
  UPDATE user_invitations i SET accepted_at = p_now, accepted_user_id = p_user_id WHERE i.id = v_inv.id;
  user_id := p_user_id;
  RETURN NEXT;
END $$;
--> statement-breakpoint

SELECT app_own_platform_function('app_user_email_taken(text)');
--> statement-breakpoint
SELECT app_own_platform_function('app_invitation_lookup(text, timestamptz)');
--> statement-breakpoint
SELECT app_own_platform_function('app_accept_invitation(text, uuid, text, text, timestamptz)');
