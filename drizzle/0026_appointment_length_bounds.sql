-- Bounds that make availability's read of a staff member's appointments a bounded range scan
-- (lib/scheduling/load.ts): an appointment lasts at most a day (as a service or a staff member's
-- duration for it does: services_duration_check, staff_services_duration_check), and a service's
-- buffers are at most a day each (the portal's form allows 240 minutes). Knowing both, the
-- appointments that can touch a window start within a bounded range before it, and the
-- (company_id, staff_id, starts_at) index reads only those instead of the whole history.
-- Added NOT VALID and validated afterwards: the check of existing rows takes no lock that
-- blocks writes.
ALTER TABLE "services" DROP CONSTRAINT "services_buffers_check";--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_buffers_check" CHECK ("services"."buffer_before_minutes" between 0 and 1440 and "services"."buffer_after_minutes" between 0 and 1440) NOT VALID;--> statement-breakpoint
ALTER TABLE "services" VALIDATE CONSTRAINT "services_buffers_check";--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_length_check" CHECK ("appointments"."ends_at" <= "appointments"."starts_at" + interval '24 hours') NOT VALID;--> statement-breakpoint
ALTER TABLE "appointments" VALIDATE CONSTRAINT "appointments_length_check";
