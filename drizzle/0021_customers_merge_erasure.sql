ALTER TABLE "customers" ADD COLUMN "merged_into_id" uuid;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "anonymized_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_merged_into_fk" FOREIGN KEY ("company_id","merged_into_id") REFERENCES "public"."customers"("company_id","id") ON DELETE no action ON UPDATE no action;