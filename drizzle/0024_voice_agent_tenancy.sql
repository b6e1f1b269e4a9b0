-- Tenancy, grants, audit and platform functions for the tables of 0023 (voice-agent issue).
--
--   calls, call_transcripts, function_traces, service_usage_logs, callback_requests,
--   tool_invocations, slot_holds   ordinary company tables: forced RLS, runtime read/write.
--   webhook_events                 forced RLS, the runtime role may only read its company's rows;
--                                  every write goes through the app_webhook_* functions below,
--                                  because the route handler writes before the company is known.
--   webhook_event_keys             global dedupe keys: platform functions only.
--
-- Audit (0004): callback_requests and service_usage_logs (billing) are business data and audited;
-- calls again for its new personal columns. Exempt, like api_token_usage (lib/audit/audit.test.ts
-- lists them): webhook_events (a platform log; a NULL company would put every delivery on the one
-- platform chain lock), function_traces (a log itself), call_transcripts (rewritten once per turn;
-- an audit row would say only "[redacted] changed"), tool_invocations and slot_holds (cache, lock).
-- Each wrapper lives in db/platform.ts and is tested in db/platform.test.ts.

GRANT USAGE ON TYPE call_transfer_status, function_trace_outcome, service_usage_unit, callback_priority,
  callback_status, webhook_provider, webhook_event_status TO askpro_app;
--> statement-breakpoint

SELECT app_enable_tenant_rls('call_transcripts');
--> statement-breakpoint
SELECT app_enable_tenant_rls('function_traces');
--> statement-breakpoint
SELECT app_enable_tenant_rls('service_usage_logs');
--> statement-breakpoint
SELECT app_enable_tenant_rls('callback_requests');
--> statement-breakpoint
SELECT app_enable_tenant_rls('tool_invocations');
--> statement-breakpoint
SELECT app_enable_tenant_rls('slot_holds');
--> statement-breakpoint
SELECT app_enable_tenant_rls('webhook_events');
--> statement-breakpoint
REVOKE INSERT, UPDATE, DELETE ON webhook_events FROM askpro_app;
--> statement-breakpoint

-- Audit. calls: the transfer destination is a phone number, the recording and log links open
-- the conversation itself.
SELECT app_enable_audit('calls', ARRAY['from_number', 'to_number', 'summary', 'transfer_destination', 'recording_url', 'public_log_url']);
--> statement-breakpoint
SELECT app_enable_audit('callback_requests', ARRAY['name', 'reason']);
--> statement-breakpoint
SELECT app_enable_audit('service_usage_logs');
--> statement-breakpoint

-- Two calls cannot hold overlapping time of one staff member (the same call may: it re-asks).
-- Expired holds are not excluded by the constraint (it cannot see time): see db/schema/voice.ts.
ALTER TABLE slot_holds ADD CONSTRAINT slot_holds_no_overlap
  EXCLUDE USING gist (company_id WITH =, staff_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&, retell_call_id WITH <>);
--> statement-breakpoint

-- ---------------------------------------------------------------------------------------------
-- The webhook inbox: month partitions owned by askpro_platform, so the functions below (and a
-- monthly cron through them) can add months without the runtime owning anything. They live in
-- their own schema, which nobody else can use: the parent's RLS and grants are the only way in.
-- ---------------------------------------------------------------------------------------------
CREATE SCHEMA webhook_partitions AUTHORIZATION askpro_platform;
--> statement-breakpoint
REVOKE ALL ON SCHEMA webhook_partitions FROM PUBLIC;
--> statement-breakpoint
DO $$
BEGIN
  -- A new table owner needs CREATE on the schema at the moment of the change (as in 0001).
  GRANT CREATE ON SCHEMA public TO askpro_platform;
  ALTER TABLE webhook_events OWNER TO askpro_platform;
  REVOKE CREATE ON SCHEMA public FROM askpro_platform;
END $$;
--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON webhook_event_keys TO askpro_platform;
--> statement-breakpoint
GRANT SELECT ON callback_requests TO askpro_platform;
--> statement-breakpoint
GRANT SELECT, DELETE ON slot_holds, tool_invocations TO askpro_platform;
--> statement-breakpoint

-- The time inside a UUIDv7 (its first 48 bits: Unix milliseconds). The inbox's received_at is
-- the time of the event's id, so a lookup by id alone names its month partition. NULL for
-- anything but a version-7 uuid.
CREATE FUNCTION app_uuid_v7_time(p_id uuid) RETURNS timestamptz
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
    SELECT CASE WHEN substr(replace(p_id::text, '-', ''), 13, 1) = '7'
                THEN timestamptz 'epoch' + ('x' || substr(replace(p_id::text, '-', ''), 1, 12))::bit(48)::bigint * interval '1 millisecond'
           END
  $$;
--> statement-breakpoint

-- Creates the month partitions from p_from's month on, p_months of them (1–24), those missing.
-- Returns how many it made. Concurrent callers are fine (the loser of a race skips the month).
CREATE FUNCTION app_webhook_events_ensure_partitions(p_from timestamptz, p_months integer) RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp SET "TimeZone" = 'UTC'
  AS $$
DECLARE
  v_month timestamp := date_trunc('month', p_from AT TIME ZONE 'UTC');
  v_name text;
  v_created integer := 0;
BEGIN
  FOR i IN 1 .. greatest(least(coalesce(p_months, 1), 24), 1) LOOP
    v_name := 'webhook_events_' || to_char(v_month, 'YYYY_MM');
    IF to_regclass(format('webhook_partitions.%I', v_name)) IS NULL THEN
      BEGIN
        EXECUTE format('CREATE TABLE webhook_partitions.%I PARTITION OF public.webhook_events FOR VALUES FROM (%L) TO (%L)',
                       v_name, v_month::text || '+00', (v_month + interval '1 month')::text || '+00');
        v_created := v_created + 1;
      EXCEPTION WHEN duplicate_table THEN
        NULL;
      END;
    END IF;
    v_month := v_month + interval '1 month';
  END LOOP;
  RETURN v_created;
END $$;
--> statement-breakpoint

-- Retention: drops every month partition that ends on or before p_events_before, and deletes up
-- to p_key_batch dedupe keys received before p_keys_before (a cron calls it until 0 are left;
-- keys need only outlive the providers' redelivery window, days, so that table stays small).
CREATE FUNCTION app_webhook_events_purge(p_events_before timestamptz, p_keys_before timestamptz, p_key_batch integer)
  RETURNS TABLE (partitions_dropped integer, keys_deleted bigint)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp SET "TimeZone" = 'UTC'
  AS $$
DECLARE
  v_partition record;
  v_dropped integer := 0;
  v_keys bigint;
BEGIN
  FOR v_partition IN
    SELECT c.relname
      FROM pg_inherits i
      JOIN pg_class c ON c.oid = i.inhrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE i.inhparent = 'public.webhook_events'::regclass AND n.nspname = 'webhook_partitions'
       AND c.relname ~ '^webhook_events_[0-9]{4}_[0-9]{2}$'
  LOOP
    IF to_timestamp(substr(v_partition.relname, 16), 'YYYY_MM') + interval '1 month' <= p_events_before THEN
      EXECUTE format('DROP TABLE webhook_partitions.%I', v_partition.relname);
      v_dropped := v_dropped + 1;
    END IF;
  END LOOP;
  DELETE FROM webhook_event_keys k
   WHERE (k.provider, k.provider_event_id) IN (
     SELECT d.provider, d.provider_event_id FROM webhook_event_keys d
      WHERE d.received_at < p_keys_before
      ORDER BY d.received_at
      LIMIT least(greatest(coalesce(p_key_batch, 10000), 1), 100000));
  GET DIAGNOSTICS v_keys = ROW_COUNT;
  RETURN QUERY SELECT v_dropped, v_keys;
END $$;
--> statement-breakpoint

-- The route handler's write: a verified delivery into the inbox as pending, due for the redrive
-- p_redrive_after later (the handler sends it to Inngest itself). A (provider, provider event
-- id) seen before changes nothing and names the first event: duplicate = true, with its status
-- (NULL if that event was purged already). p_id must be a UUIDv7: its time is received_at.
CREATE FUNCTION app_webhook_event_insert(p_id uuid, p_provider webhook_provider, p_event_type text,
                                         p_provider_event_id text, p_payload jsonb, p_company_id uuid,
                                         p_redrive_after interval)
  RETURNS TABLE (id uuid, duplicate boolean, status webhook_event_status)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
#variable_conflict use_column
DECLARE
  v_at timestamptz := app_uuid_v7_time(p_id);
  v_key webhook_event_keys%ROWTYPE;
BEGIN
  IF v_at IS NULL THEN
    RAISE EXCEPTION 'app_webhook_event_insert: the event id must be a UUIDv7' USING ERRCODE = '22023';
  END IF;
  INSERT INTO webhook_event_keys (provider, provider_event_id, event_id, received_at)
  VALUES (p_provider, p_provider_event_id, p_id, v_at)
  ON CONFLICT (provider, provider_event_id) DO NOTHING;
  IF NOT FOUND THEN
    -- A concurrent first delivery has committed by now (the key insert waited for it).
    SELECT * INTO v_key FROM webhook_event_keys k WHERE k.provider = p_provider AND k.provider_event_id = p_provider_event_id;
    RETURN QUERY
      SELECT v_key.event_id, true,
             (SELECT e.status FROM webhook_events e WHERE e.id = v_key.event_id AND e.received_at = v_key.received_at);
    RETURN;
  END IF;
  IF to_regclass(format('webhook_partitions.%I', 'webhook_events_' || to_char(v_at AT TIME ZONE 'UTC', 'YYYY_MM'))) IS NULL THEN
    PERFORM app_webhook_events_ensure_partitions(v_at, 1);
  END IF;
  INSERT INTO webhook_events (id, provider, event_type, provider_event_id, company_id, payload, status, attempts,
                              received_at, next_attempt_at)
  VALUES (p_id, p_provider, p_event_type, p_provider_event_id, p_company_id, p_payload, 'pending', 0,
          v_at, v_at + coalesce(p_redrive_after, interval '2 minutes'));
  RETURN QUERY SELECT p_id, false, 'pending'::webhook_event_status;
END $$;
--> statement-breakpoint

-- A worker takes one event: pending, failed (not given up), or processing whose lease ran out
-- → processing, attempts + 1, leased for p_lease. Returns the event with its payload, or no row
-- when someone else holds it, it is finished, or it does not exist. Concurrent claims: the row
-- lock is taken with SKIP LOCKED, so exactly one wins and the others return at once.
CREATE FUNCTION app_webhook_event_claim(p_id uuid, p_lease interval)
  RETURNS TABLE (id uuid, provider webhook_provider, event_type text, provider_event_id text, company_id uuid,
                 payload jsonb, attempts integer, received_at timestamptz)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
#variable_conflict use_column
DECLARE
  v_at timestamptz := app_uuid_v7_time(p_id);
BEGIN
  RETURN QUERY
    WITH target AS (
      SELECT w.id, w.received_at
        FROM webhook_events w
       WHERE w.id = p_id AND w.received_at = v_at
         AND (w.status = 'pending'
              OR (w.status = 'failed' AND w.next_attempt_at IS NOT NULL)
              OR (w.status = 'processing' AND w.next_attempt_at <= now()))
         FOR UPDATE SKIP LOCKED
    )
    UPDATE webhook_events e
       SET status = 'processing', attempts = e.attempts + 1,
           next_attempt_at = now() + coalesce(p_lease, interval '5 minutes')
      FROM target t
     WHERE e.id = t.id AND e.received_at = t.received_at
    RETURNING e.id, e.provider, e.event_type, e.provider_event_id, e.company_id, e.payload, e.attempts, e.received_at;
END $$;
--> statement-breakpoint

-- The worker's outcome for an event it claimed (status processing): processed, ignored (an event
-- type we do not handle) or failed (retried by the redrive with backoff 1, 2, 4 … min, at most
-- 6 h; after 8 attempts next_attempt_at stays NULL: given up, an admin replays it). Also records
-- the company once known. false: the event is not processing (not claimed, or replayed meanwhile).
CREATE FUNCTION app_webhook_event_finish(p_id uuid, p_status webhook_event_status, p_error text, p_company_id uuid)
  RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
BEGIN
  IF p_status IS NULL OR p_status NOT IN ('processed', 'failed', 'ignored') THEN
    RAISE EXCEPTION 'app_webhook_event_finish: % is not an outcome', p_status USING ERRCODE = '22023';
  END IF;
  UPDATE webhook_events e
     SET status = p_status,
         last_error = coalesce(left(p_error, 2000), CASE WHEN p_status = 'failed' THEN 'failed' ELSE e.last_error END),
         processed_at = CASE WHEN p_status = 'failed' THEN NULL ELSE now() END,
         next_attempt_at = CASE
           WHEN p_status = 'failed' AND e.attempts < 8
             THEN now() + least(interval '1 minute' * power(2, greatest(e.attempts - 1, 0)), interval '6 hours')
         END,
         company_id = coalesce(p_company_id, e.company_id)
   WHERE e.id = p_id AND e.received_at = app_uuid_v7_time(p_id) AND e.status = 'processing';
  RETURN FOUND;
END $$;
--> statement-breakpoint

-- The redrive: events due again (pending ones Inngest never got, failed ones after their backoff,
-- processing ones whose worker died), oldest due first, at most p_limit (1–1000).
CREATE FUNCTION app_webhook_events_due(p_now timestamptz, p_limit integer)
  RETURNS TABLE (id uuid, provider webhook_provider, event_type text, provider_event_id text, status webhook_event_status,
                 attempts integer, received_at timestamptz, next_attempt_at timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT e.id, e.provider, e.event_type, e.provider_event_id, e.status, e.attempts, e.received_at, e.next_attempt_at
      FROM webhook_events e
     WHERE e.status IN ('pending', 'failed', 'processing') AND e.next_attempt_at <= p_now
     ORDER BY e.next_attempt_at, e.id
     LIMIT least(greatest(coalesce(p_limit, 100), 1), 1000)
  $$;
--> statement-breakpoint

-- Platform admins: one page of the inbox, newest first, without payloads; filters by provider,
-- status, event type, company, received_at range; keyset cursor (received_at, id) of the last
-- row shown. Refused (42501) to anyone but an active platform admin.
CREATE FUNCTION app_platform_list_webhook_events(p_user_id uuid, p_provider webhook_provider, p_status webhook_event_status,
                                                 p_event_type text, p_company_id uuid, p_from timestamptz, p_to timestamptz,
                                                 p_before_at timestamptz, p_before_id uuid, p_limit integer)
  RETURNS TABLE (id uuid, provider webhook_provider, event_type text, provider_event_id text, company_id uuid,
                 company_name text, status webhook_event_status, attempts integer, last_error text,
                 received_at timestamptz, processed_at timestamptz, next_attempt_at timestamptz)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM users u WHERE u.id = p_user_id AND u.role = 'platform_admin' AND u.is_active) THEN
    RAISE EXCEPTION 'user % is not an active platform admin', p_user_id USING ERRCODE = '42501';
  END IF;
  RETURN QUERY
    SELECT e.id, e.provider, e.event_type, e.provider_event_id, e.company_id, c.name, e.status, e.attempts, e.last_error,
           e.received_at, e.processed_at, e.next_attempt_at
      FROM webhook_events e
      LEFT JOIN companies c ON c.id = e.company_id
     WHERE (p_provider IS NULL OR e.provider = p_provider)
       AND (p_status IS NULL OR e.status = p_status)
       AND (p_event_type IS NULL OR e.event_type = p_event_type)
       AND (p_company_id IS NULL OR e.company_id = p_company_id)
       AND (p_from IS NULL OR e.received_at >= p_from)
       AND (p_to IS NULL OR e.received_at < p_to)
       AND (p_before_at IS NULL OR (e.received_at, e.id) < (p_before_at, coalesce(p_before_id, 'ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid)))
     ORDER BY e.received_at DESC, e.id DESC
     LIMIT least(greatest(coalesce(p_limit, 50), 1), 200);
END $$;
--> statement-breakpoint

-- Platform admins: one event with its payload; no row for an unknown id.
CREATE FUNCTION app_platform_get_webhook_event(p_user_id uuid, p_id uuid)
  RETURNS TABLE (id uuid, provider webhook_provider, event_type text, provider_event_id text, company_id uuid,
                 company_name text, status webhook_event_status, attempts integer, last_error text,
                 received_at timestamptz, processed_at timestamptz, next_attempt_at timestamptz, payload jsonb)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM users u WHERE u.id = p_user_id AND u.role = 'platform_admin' AND u.is_active) THEN
    RAISE EXCEPTION 'user % is not an active platform admin', p_user_id USING ERRCODE = '42501';
  END IF;
  RETURN QUERY
    SELECT e.id, e.provider, e.event_type, e.provider_event_id, e.company_id, c.name, e.status, e.attempts, e.last_error,
           e.received_at, e.processed_at, e.next_attempt_at, e.payload
      FROM webhook_events e
      LEFT JOIN companies c ON c.id = e.company_id
     WHERE e.id = p_id AND e.received_at = app_uuid_v7_time(p_id);
END $$;
--> statement-breakpoint

-- Platform admins: replay an event — back to pending and due now (the caller sends it to Inngest
-- as well); attempts and the last error stay as history. false: unknown, or being processed.
CREATE FUNCTION app_platform_replay_webhook_event(p_user_id uuid, p_id uuid)
  RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM users u WHERE u.id = p_user_id AND u.role = 'platform_admin' AND u.is_active) THEN
    RAISE EXCEPTION 'user % is not an active platform admin', p_user_id USING ERRCODE = '42501';
  END IF;
  UPDATE webhook_events e
     SET status = 'pending', next_attempt_at = now(), processed_at = NULL
   WHERE e.id = p_id AND e.received_at = app_uuid_v7_time(p_id)
     AND (e.status <> 'processing' OR e.next_attempt_at <= now());
  RETURN FOUND;
END $$;
--> statement-breakpoint

-- The callbacks cron (escalate overdue, expire stale) across companies: what needs doing, oldest
-- due first. 'escalate': open/assigned, due by p_now, not escalated yet; 'expire': open/assigned/
-- contacted and due before p_expire_before. The work itself happens per item in withCompany.
CREATE FUNCTION app_callback_requests_sweep(p_now timestamptz, p_expire_before timestamptz, p_limit integer)
  RETURNS TABLE (company_id uuid, id uuid, branch_id uuid, action text, due_at timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT r.company_id, r.id, r.branch_id,
           CASE WHEN r.due_at < p_expire_before THEN 'expire' ELSE 'escalate' END, r.due_at
      FROM callback_requests r
     WHERE r.status IN ('open', 'assigned', 'contacted') AND r.deleted_at IS NULL AND r.due_at <= p_now
       AND (r.due_at < p_expire_before OR (r.escalated_at IS NULL AND r.status IN ('open', 'assigned')))
     ORDER BY r.due_at, r.id
     LIMIT least(greatest(coalesce(p_limit, 100), 1), 1000)
  $$;
--> statement-breakpoint

-- Housekeeping of the live tools: expired slot holds, and idempotency keys older than
-- p_invocations_before (Retell retries within minutes; a day is plenty).
CREATE FUNCTION app_voice_purge_expired(p_now timestamptz, p_invocations_before timestamptz)
  RETURNS TABLE (slot_holds_deleted bigint, tool_invocations_deleted bigint)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
DECLARE
  v_holds bigint;
  v_invocations bigint;
BEGIN
  DELETE FROM slot_holds h WHERE h.expires_at <= p_now;
  GET DIAGNOSTICS v_holds = ROW_COUNT;
  DELETE FROM tool_invocations t WHERE t.created_at < p_invocations_before;
  GET DIAGNOSTICS v_invocations = ROW_COUNT;
  RETURN QUERY SELECT v_holds, v_invocations;
END $$;
--> statement-breakpoint

SELECT app_own_platform_function('app_uuid_v7_time(uuid)', false);
--> statement-breakpoint
SELECT app_own_platform_function('app_webhook_events_ensure_partitions(timestamptz, integer)');
--> statement-breakpoint
SELECT app_own_platform_function('app_webhook_events_purge(timestamptz, timestamptz, integer)');
--> statement-breakpoint
SELECT app_own_platform_function('app_webhook_event_insert(uuid, webhook_provider, text, text, jsonb, uuid, interval)');
--> statement-breakpoint
SELECT app_own_platform_function('app_webhook_event_claim(uuid, interval)');
--> statement-breakpoint
SELECT app_own_platform_function('app_webhook_event_finish(uuid, webhook_event_status, text, uuid)');
--> statement-breakpoint
SELECT app_own_platform_function('app_webhook_events_due(timestamptz, integer)');
--> statement-breakpoint
SELECT app_own_platform_function('app_platform_list_webhook_events(uuid, webhook_provider, webhook_event_status, text, uuid, timestamptz, timestamptz, timestamptz, uuid, integer)');
--> statement-breakpoint
SELECT app_own_platform_function('app_platform_get_webhook_event(uuid, uuid)');
--> statement-breakpoint
SELECT app_own_platform_function('app_platform_replay_webhook_event(uuid, uuid)');
--> statement-breakpoint
SELECT app_own_platform_function('app_callback_requests_sweep(timestamptz, timestamptz, integer)');
--> statement-breakpoint
SELECT app_own_platform_function('app_voice_purge_expired(timestamptz, timestamptz)');
--> statement-breakpoint

-- The months around now exist from the start (the migrating role runs this once; afterwards the
-- cron and the insert function keep them coming).
DO $$ BEGIN EXECUTE format('GRANT EXECUTE ON FUNCTION app_webhook_events_ensure_partitions(timestamptz, integer) TO %I', current_user); END $$;
--> statement-breakpoint
SELECT app_webhook_events_ensure_partitions(now() - interval '1 month', 4);
