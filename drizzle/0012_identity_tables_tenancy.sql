-- Tenancy, grants and audit for the tables of 0011 (identity issue: 2FA, invitations, API tokens;
-- and the calls table the API lists and the voice-agent issue fills).

GRANT USAGE ON TYPE call_status, call_direction TO askpro_app;
--> statement-breakpoint

-- Invitations, API tokens and calls: ordinary company tables under forced RLS.
SELECT app_enable_tenant_rls('user_invitations');
--> statement-breakpoint
SELECT app_enable_tenant_rls('api_tokens');
--> statement-breakpoint
SELECT app_enable_tenant_rls('calls');
--> statement-breakpoint

-- Token use is written only by the authenticating platform function (0015); the company reads it.
SELECT app_enable_tenant_rls('api_token_usage');
--> statement-breakpoint
REVOKE INSERT, UPDATE, DELETE ON api_token_usage FROM askpro_app;
--> statement-breakpoint

-- TOTP secrets and recovery codes: private auth bookkeeping, only through platform functions (0013).
GRANT SELECT, INSERT, UPDATE, DELETE ON user_two_factor, user_recovery_codes TO askpro_platform;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON user_invitations TO askpro_platform;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON api_tokens, api_token_usage TO askpro_platform;
--> statement-breakpoint
GRANT INSERT ON user_branches TO askpro_platform;
--> statement-breakpoint

-- Audit trail (0004): invitations name a person by email; a token's hash is a credential.
SELECT app_enable_audit('user_invitations', ARRAY['email', 'token_hash']);
--> statement-breakpoint
SELECT app_enable_audit('api_tokens', ARRAY['token_hash']);
--> statement-breakpoint
SELECT app_enable_audit('calls', ARRAY['from_number', 'to_number', 'summary']);
