CREATE TABLE "user_sessions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"session_version" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ip" "inet",
	"user_agent" text,
	"revoked_at" timestamp with time zone,
	"revoked_reason" text,
	CONSTRAINT "user_sessions_user_agent_check" CHECK (char_length("user_sessions"."user_agent") <= 512),
	CONSTRAINT "user_sessions_revoked_reason_check" CHECK ("user_sessions"."revoked_reason" in ('sign_out', 'ended_by_user', 'ended_others'))
);
--> statement-breakpoint
ALTER TABLE "user_sessions" ADD CONSTRAINT "user_sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "user_sessions_user_id_revoked_at_last_seen_at_idx" ON "user_sessions" USING btree ("user_id","revoked_at","last_seen_at" DESC NULLS LAST);