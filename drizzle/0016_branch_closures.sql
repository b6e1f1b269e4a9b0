CREATE TABLE "branch_closures" (
	"id" uuid PRIMARY KEY NOT NULL,
	"company_id" uuid NOT NULL,
	"branch_id" uuid NOT NULL,
	"date" date NOT NULL,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "branch_closures_branch_id_date_key" UNIQUE("company_id","branch_id","date"),
	CONSTRAINT "branch_closures_reason_check" CHECK (char_length("branch_closures"."reason") <= 200)
);
--> statement-breakpoint
ALTER TABLE "branch_closures" ADD CONSTRAINT "branch_closures_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "branch_closures" ADD CONSTRAINT "branch_closures_branch_fk" FOREIGN KEY ("company_id","branch_id") REFERENCES "public"."branches"("company_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "branch_closures_company_id_date_idx" ON "branch_closures" USING btree ("company_id","date");--> statement-breakpoint
SELECT app_enable_tenant_rls('branch_closures');
--> statement-breakpoint
SELECT app_enable_audit('branch_closures');
