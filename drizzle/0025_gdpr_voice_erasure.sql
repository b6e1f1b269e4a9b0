-- GDPR erasure of a customer (lib/customers/erase-customer.ts) reaches what the voice agent kept.
--
-- 1. The calls audit trigger redacts analysis and metadata too: Retell's call analysis and the
--    call's metadata carry what the caller said (name, wishes), and an erasure wipes them, which
--    would otherwise copy the old values into the append-only audit trail once more.
SELECT app_enable_audit('calls', ARRAY['from_number', 'to_number', 'summary', 'transfer_destination', 'recording_url', 'public_log_url', 'analysis', 'metadata']);
--> statement-breakpoint

-- 2. The webhook inbox keeps each Retell delivery's raw payload (numbers, transcript, analysis)
--    for its retention (~6 months) and is written only by platform functions. This one, called
--    inside the erasing company's transaction, strips the payloads of the given Retell calls of
--    that company down to the event name and the call id. Rows still waiting to be (re)processed
--    are finished as ignored: there is nothing left to process, and the call row is erased already.
--    Unprocessed rows without a company yet are left alone (their company is not known).
CREATE FUNCTION app_webhook_events_erase_calls(p_call_ids text[])
  RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
DECLARE
  v_company uuid := app_current_company_id();
  v_count integer;
BEGIN
  IF v_company IS NULL THEN
    RAISE EXCEPTION 'app_webhook_events_erase_calls: no company in this transaction' USING ERRCODE = '42501';
  END IF;
  IF coalesce(cardinality(p_call_ids), 0) = 0 THEN
    RETURN 0;
  END IF;
  UPDATE webhook_events e
     SET payload = jsonb_build_object('event', e.payload->'event', 'call', jsonb_build_object('call_id', e.payload->'call'->'call_id'), 'erased', true),
         status = CASE WHEN e.status IN ('pending', 'failed') THEN 'ignored'::webhook_event_status ELSE e.status END,
         last_error = CASE WHEN e.status IN ('pending', 'failed') THEN 'personal data erased before processing' ELSE e.last_error END,
         next_attempt_at = CASE WHEN e.status IN ('pending', 'failed') THEN NULL ELSE e.next_attempt_at END,
         processed_at = CASE WHEN e.status IN ('pending', 'failed') THEN now() ELSE e.processed_at END
   WHERE e.company_id = v_company
     AND e.provider = 'retell'
     AND e.payload->'call'->>'call_id' = ANY (p_call_ids)
     AND NOT (e.payload ? 'erased');
  GET DIAGNOSTICS v_count = ROW_COUNT;
  RETURN v_count;
END $$;
--> statement-breakpoint
SELECT app_own_platform_function('app_webhook_events_erase_calls(text[])');
