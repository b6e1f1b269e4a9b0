-- No double booking (operator-portal issue, item 4): two active appointments of one staff member
-- may not overlap, enforced by the database whatever the caller — portal, API, voice agent, sync.
-- An exclusion constraint over (company, staff, time range) for the statuses that occupy a
-- calendar (lib/appointments/status.ts ACTIVE_APPOINTMENT_STATUSES); the range is half-open, so
-- back-to-back appointments are fine. Equality on uuid inside a GiST index needs btree_gist
-- (contrib; PGlite loads it in db/index.ts). A clash raises 23P01 (exclusion_violation), which
-- the booking use case turns into a conflict naming the other appointment. Buffers are the
-- app's business (availability engine), not the constraint's.
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
ALTER TABLE appointments ADD CONSTRAINT appointments_staff_no_overlap
  EXCLUDE USING gist (company_id WITH =, staff_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&)
  WHERE (staff_id IS NOT NULL AND deleted_at IS NULL AND status IN ('pending', 'booked', 'confirmed'));
