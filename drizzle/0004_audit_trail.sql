-- The audit trail (design.md §6): every insert, update, soft delete, restore and delete on an
-- audited table appends one row to audit_log in the same transaction, written by a trigger, with
-- the acting user and request id from the transaction's settings (withCompany) and the old/new
-- values with personal fields redacted. Rows are append-only and hash-chained per company
-- (company_id NULL: the platform chain, e.g. feature_flags and platform admins);
-- app_verify_audit_chains() recomputes every chain and names the first broken link.
--
-- Chain link n of a company:  seq = n (1, 2, 3 … without gaps), prev_hash = hash of link n-1
-- (64 zeros for n = 1), hash = hex sha256 of the UTF-8 text of the JSON array
--   [prev_hash, company_id, seq, table_name, row_id, action, actor_user_id, request_id,
--    old_values::text, new_values::text, created_at as UTC "YYYY-MM-DDTHH:MI:SS.ffffffZ"]
-- (jsonb's text form: a fixed, escaped serialization, NULL as null). app_audit_hash() is the
-- one place this is written; the trigger and the verifier both call it, so they cannot drift.

-- The platform functions' role appends to the trail and reads it; nobody updates or deletes.
GRANT SELECT, INSERT ON audit_log TO askpro_platform;
--> statement-breakpoint
-- One link per position and chain, enforced (the platform chain's NULL counts as one chain):
-- a writer that somehow read a stale head fails instead of forking the chain.
CREATE UNIQUE INDEX audit_log_chain_seq_key ON audit_log (company_id, seq) NULLS NOT DISTINCT;
--> statement-breakpoint

-- (SECURITY DEFINER only to follow the rule for app_* functions; it reads nothing.)
CREATE FUNCTION app_audit_hash(p_prev_hash text, p_company_id uuid, p_seq bigint, p_table_name text, p_row_id text,
                               p_action text, p_actor_user_id uuid, p_request_id text, p_old_values jsonb,
                               p_new_values jsonb, p_created_at timestamptz)
  RETURNS text
  LANGUAGE sql STABLE PARALLEL SAFE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
    SELECT encode(sha256(convert_to(jsonb_build_array(
             p_prev_hash, p_company_id, p_seq, p_table_name, p_row_id, p_action, p_actor_user_id, p_request_id,
             p_old_values::text, p_new_values::text,
             to_char(p_created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))::text, 'UTF8')), 'hex')
  $$;
--> statement-breakpoint

-- The row trigger. Arguments (set by app_enable_audit): the column naming the row's company
-- ('' for global tables), the primary-key columns, the columns to redact (comma-separated).
-- SECURITY DEFINER as askpro_platform, the only role that may insert into audit_log.
CREATE FUNCTION app_audit_row() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
DECLARE
  v_company_column text := TG_ARGV[0];
  v_keys text[] := string_to_array(TG_ARGV[1], ',');
  v_redacted text[] := coalesce(string_to_array(nullif(TG_ARGV[2], ''), ','), '{}');
  v_old jsonb;
  v_new jsonb;
  v_row jsonb;
  v_action text;
  v_company uuid;
  v_row_id text;
  v_column text;
  v_setting text;
  v_actor uuid;
  v_request text;
  v_seq bigint;
  v_prev_hash text;
  v_created_at timestamptz;
BEGIN
  IF TG_OP = 'INSERT' THEN
    v_new := to_jsonb(NEW);
    v_row := v_new;
    v_action := 'insert';
  ELSIF TG_OP = 'DELETE' THEN
    v_old := to_jsonb(OLD);
    v_row := v_old;
    v_action := 'delete';
  ELSE
    v_old := to_jsonb(OLD);
    v_new := to_jsonb(NEW);
    -- Nothing changed but bookkeeping timestamps (updated_at; last_sign_in_at, which
    -- sign_in_attempts records already): no audit row.
    IF v_old - ARRAY['updated_at', 'last_sign_in_at'] = v_new - ARRAY['updated_at', 'last_sign_in_at'] THEN
      RETURN NULL;
    END IF;
    v_row := v_new;
    v_action := CASE
      WHEN jsonb_typeof(v_old -> 'deleted_at') = 'null' AND jsonb_typeof(v_new -> 'deleted_at') = 'string' THEN 'soft_delete'
      WHEN jsonb_typeof(v_old -> 'deleted_at') = 'string' AND jsonb_typeof(v_new -> 'deleted_at') = 'null' THEN 'restore'
      ELSE 'update'
    END;
    -- An update keeps the changed columns only, before and after (bookkeeping left out).
    SELECT jsonb_object_agg(o.key, o.value), jsonb_object_agg(o.key, n.value)
      INTO v_old, v_new
      FROM jsonb_each(v_old) o
      JOIN jsonb_each(v_new) n ON n.key = o.key
     WHERE o.key NOT IN ('updated_at', 'last_sign_in_at') AND o.value IS DISTINCT FROM n.value;
  END IF;

  -- Personal fields → "[redacted]" (NULL stays NULL); app_enable_audit fixed the list.
  FOREACH v_column IN ARRAY v_redacted LOOP
    IF jsonb_typeof(v_old -> v_column) <> 'null' THEN
      v_old := jsonb_set(v_old, ARRAY[v_column], '"[redacted]"');
    END IF;
    IF jsonb_typeof(v_new -> v_column) <> 'null' THEN
      v_new := jsonb_set(v_new, ARRAY[v_column], '"[redacted]"');
    END IF;
  END LOOP;

  IF v_company_column <> '' THEN
    v_company := (v_row ->> v_company_column)::uuid;
  END IF;
  IF cardinality(v_keys) = 1 THEN
    v_row_id := v_row ->> v_keys[1];
  ELSE
    SELECT string_agg(v_row ->> k.name, '/' ORDER BY k.ord) INTO v_row_id
      FROM unnest(v_keys) WITH ORDINALITY AS k(name, ord);
  END IF;

  -- The actor and request as withCompany set them; empty (or not a user id) → NULL.
  v_setting := nullif(current_setting('app.user_id', true), '');
  IF v_setting ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN
    v_actor := v_setting::uuid;
  END IF;
  v_request := nullif(current_setting('app.request_id', true), '');

  -- One writer per chain until commit: the next link is read after the lock is held, so it
  -- sees the committed head (READ COMMITTED takes a new snapshot for each statement).
  IF v_company IS NULL THEN
    PERFORM pg_advisory_xact_lock(1096107088, 0); -- 'AUDP': the platform chain
    SELECT a.seq, a.hash INTO v_seq, v_prev_hash
      FROM audit_log a WHERE a.company_id IS NULL ORDER BY a.seq DESC LIMIT 1;
  ELSE
    PERFORM pg_advisory_xact_lock(1096107092, hashtext(v_company::text)); -- 'AUDT': company chains
    SELECT a.seq, a.hash INTO v_seq, v_prev_hash
      FROM audit_log a WHERE a.company_id = v_company ORDER BY a.seq DESC LIMIT 1;
  END IF;
  v_seq := coalesce(v_seq, 0) + 1;
  v_prev_hash := coalesce(v_prev_hash, repeat('0', 64));
  -- The stored created_at is exactly the one hashed.
  v_created_at := clock_timestamp();

  INSERT INTO audit_log (company_id, seq, table_name, row_id, action, actor_user_id, request_id,
                         old_values, new_values, created_at, prev_hash, hash)
  VALUES (v_company, v_seq, TG_TABLE_NAME, v_row_id, v_action, v_actor, v_request, v_old, v_new, v_created_at,
          v_prev_hash,
          app_audit_hash(v_prev_hash, v_company, v_seq, TG_TABLE_NAME, v_row_id, v_action, v_actor, v_request,
                         v_old, v_new, v_created_at));
  RETURN NULL;
END $$;
--> statement-breakpoint

-- Append-only, for everyone (the runtime role has no UPDATE/DELETE grant besides). The table
-- owner can still disable this trigger; app_verify_audit_chains() then shows what changed.
CREATE FUNCTION app_audit_log_append_only() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP USING ERRCODE = '42501';
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION app_audit_log_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION app_audit_log_append_only();
--> statement-breakpoint

-- Every migration that adds a table to audit calls this (after creating its primary key), with
-- the table's personal columns. Columns whose names look like secrets (password, secret, token,
-- recovery codes, ciphertext, blind index) are redacted without being named. The lists are fixed
-- when the trigger is made: a migration that adds such a column to an audited table calls this
-- again (lib/audit/audit.test.ts fails otherwise).
CREATE FUNCTION app_enable_audit(p_table regclass, p_redact text[] DEFAULT '{}') RETURNS void
  LANGUAGE plpgsql SET search_path = public, pg_temp
  AS $$
DECLARE
  v_keys text;
  v_company text := '';
  v_redact text[];
  v_unknown text;
BEGIN
  IF p_table = 'audit_log'::regclass THEN
    RAISE EXCEPTION 'app_enable_audit: audit_log is not audited by itself';
  END IF;
  SELECT string_agg(a.attname, ',' ORDER BY k.ord) INTO v_keys
    FROM pg_index i
    CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
    JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
   WHERE i.indrelid = p_table AND i.indisprimary;
  IF v_keys IS NULL THEN
    RAISE EXCEPTION 'app_enable_audit: % has no primary key', p_table;
  END IF;
  IF p_table = 'companies'::regclass THEN
    v_company := 'id';
  ELSIF EXISTS (SELECT 1 FROM pg_attribute a
                 WHERE a.attrelid = p_table AND a.attname = 'company_id' AND a.attnum > 0 AND NOT a.attisdropped) THEN
    v_company := 'company_id';
  END IF;
  -- Personal columns named by the caller, plus the ones that look like secrets.
  SELECT coalesce(array_agg(DISTINCT c ORDER BY c), '{}') INTO v_redact
    FROM (SELECT unnest(p_redact) AS c
          UNION
          SELECT a.attname::text FROM pg_attribute a
           WHERE a.attrelid = p_table AND a.attnum > 0 AND NOT a.attisdropped
             AND a.attname ~ '(password|secret|token|recovery|cipher|encrypted|blind_index)') AS cols;
  SELECT string_agg(c, ', ') INTO v_unknown
    FROM unnest(p_redact) AS c
   WHERE NOT EXISTS (SELECT 1 FROM pg_attribute a
                      WHERE a.attrelid = p_table AND a.attname = c AND a.attnum > 0 AND NOT a.attisdropped);
  IF v_unknown IS NOT NULL THEN
    RAISE EXCEPTION 'app_enable_audit: % has no column(s) %', p_table, v_unknown;
  END IF;
  EXECUTE format('DROP TRIGGER IF EXISTS audit_trail ON %s', p_table);
  EXECUTE format(
    'CREATE TRIGGER audit_trail AFTER INSERT OR UPDATE OR DELETE ON %s FOR EACH ROW EXECUTE FUNCTION app_audit_row(%L, %L, %L)',
    p_table, v_company, v_keys, array_to_string(v_redact, ','));
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app_enable_audit(regclass, text[]) FROM PUBLIC;
--> statement-breakpoint

-- Recomputes every chain (or one company's) in seq order and reports, per chain, the number of
-- links, the last seq and the FIRST broken link: its seq, audit row id and what is wrong
-- ('seq gap', 'duplicate seq', 'prev_hash mismatch', 'hash mismatch'). Later links are not
-- reported: once a link is broken, what follows it proves nothing. For the owner (the CLI);
-- SECURITY DEFINER so forced row-level security does not hide rows from a non-superuser owner.
CREATE FUNCTION app_verify_audit_chains(p_company_id uuid DEFAULT NULL)
  RETURNS TABLE (company_id uuid, company_name text, entries bigint, last_seq bigint,
                 broken_seq bigint, broken_id bigint, problems text[])
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    WITH ordered AS (
      SELECT a.id, a.company_id, a.seq, a.prev_hash, a.hash,
             lag(a.seq) OVER w AS before_seq,
             lag(a.hash) OVER w AS before_hash,
             app_audit_hash(a.prev_hash, a.company_id, a.seq, a.table_name, a.row_id, a.action, a.actor_user_id,
                            a.request_id, a.old_values, a.new_values, a.created_at) AS expected_hash
        FROM audit_log a
       WHERE p_company_id IS NULL OR a.company_id = p_company_id
      WINDOW w AS (PARTITION BY a.company_id ORDER BY a.seq, a.id)
    ), checked AS (
      SELECT o.id, o.company_id, o.seq,
             array_remove(ARRAY[
               CASE WHEN o.before_seq IS NULL AND o.seq <> 1 THEN 'seq gap'
                    WHEN o.seq = o.before_seq THEN 'duplicate seq'
                    WHEN o.seq <> o.before_seq + 1 THEN 'seq gap' END,
               CASE WHEN o.prev_hash <> coalesce(o.before_hash, repeat('0', 64)) THEN 'prev_hash mismatch' END,
               CASE WHEN o.hash <> o.expected_hash THEN 'hash mismatch' END
             ], NULL) AS problems
        FROM ordered o
    ), chains AS (
      SELECT c.company_id, count(*) AS entries, max(c.seq) AS last_seq FROM checked c GROUP BY c.company_id
    ), first_broken AS (
      SELECT DISTINCT ON (c.company_id) c.company_id, c.seq, c.id, c.problems
        FROM checked c
       WHERE cardinality(c.problems) > 0
       ORDER BY c.company_id, c.seq, c.id
    )
    SELECT ch.company_id, co.name, ch.entries, ch.last_seq, fb.seq, fb.id, coalesce(fb.problems, '{}')
      FROM chains ch
      LEFT JOIN first_broken fb ON fb.company_id IS NOT DISTINCT FROM ch.company_id
      LEFT JOIN companies co ON co.id = ch.company_id
     ORDER BY ch.company_id NULLS FIRST
  $$;
--> statement-breakpoint

SELECT app_own_platform_function('app_audit_hash(text, uuid, bigint, text, text, text, uuid, text, jsonb, jsonb, timestamptz)', false);
--> statement-breakpoint
SELECT app_own_platform_function('app_audit_row()', false);
--> statement-breakpoint
SELECT app_own_platform_function('app_audit_log_append_only()', false);
--> statement-breakpoint
SELECT app_own_platform_function('app_verify_audit_chains(uuid)', false);
--> statement-breakpoint
-- The migrating role attaches the trigger (app_enable_audit) and runs the verifier.
DO $$
BEGIN
  EXECUTE format('GRANT EXECUTE ON FUNCTION app_audit_row() TO %I', current_user);
  EXECUTE format('GRANT EXECUTE ON FUNCTION app_verify_audit_chains(uuid) TO %I', current_user);
END $$;
--> statement-breakpoint

SELECT app_enable_audit('companies');
--> statement-breakpoint
SELECT app_enable_audit('branches');
--> statement-breakpoint
SELECT app_enable_audit('users', ARRAY['email', 'password_hash', 'name']);
--> statement-breakpoint
SELECT app_enable_audit('user_branches');
--> statement-breakpoint
SELECT app_enable_audit('staff', ARRAY['email', 'phone']);
--> statement-breakpoint
SELECT app_enable_audit('staff_branches');
--> statement-breakpoint
SELECT app_enable_audit('working_hours');
--> statement-breakpoint
SELECT app_enable_audit('staff_absences');
--> statement-breakpoint
SELECT app_enable_audit('service_categories');
--> statement-breakpoint
SELECT app_enable_audit('services');
--> statement-breakpoint
SELECT app_enable_audit('staff_services');
--> statement-breakpoint
SELECT app_enable_audit('customers', ARRAY['first_name', 'last_name', 'phone', 'email', 'birthday', 'notes']);
--> statement-breakpoint
-- Free text about the customer is personal data too.
SELECT app_enable_audit('appointments', ARRAY['notes']);
--> statement-breakpoint
SELECT app_enable_audit('appointment_notes', ARRAY['body']);
--> statement-breakpoint
SELECT app_enable_audit('retell_agents');
--> statement-breakpoint
SELECT app_enable_audit('phone_numbers');
--> statement-breakpoint
SELECT app_enable_audit('feature_flags');
--> statement-breakpoint
SELECT app_enable_audit('feature_flag_overrides');
