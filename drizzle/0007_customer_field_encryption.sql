-- Field-level encryption of customers' personal data (design.md §6, identity issue item 9):
-- phone, email and notes become AES-256-GCM ciphertexts (lib/crypto/field-encryption.ts) and
-- phone/email get a blind index (keyed HMAC of the normalized value) for exact lookups. The plain
-- columns are dropped, not migrated: nothing has been deployed yet, so there is no customer data
-- to carry over (an existing local demo database is re-created with `npm run db:reset`). The
-- E.164 check moves to the app (lib/customers), since the database only sees ciphertext now.
ALTER TABLE "customers" DROP CONSTRAINT "customers_phone_check";--> statement-breakpoint
DROP INDEX "customers_company_id_phone_idx";--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "phone_ciphertext" text;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "phone_blind_index" text;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "email_ciphertext" text;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "email_blind_index" text;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "notes_ciphertext" text;--> statement-breakpoint
CREATE INDEX "customers_company_id_phone_blind_index_idx" ON "customers" USING btree ("company_id","phone_blind_index");--> statement-breakpoint
CREATE INDEX "customers_company_id_email_blind_index_idx" ON "customers" USING btree ("company_id","email_blind_index");--> statement-breakpoint
ALTER TABLE "customers" DROP COLUMN "phone";--> statement-breakpoint
ALTER TABLE "customers" DROP COLUMN "email";--> statement-breakpoint
ALTER TABLE "customers" DROP COLUMN "notes";