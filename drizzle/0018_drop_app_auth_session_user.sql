-- app_auth_session_user (0001) re-read a user for every request; app_auth_session_check (0010)
-- replaced it, adding whether the request's session is live. Nothing calls the old one any more:
-- a platform function nobody needs is surface for nothing.
DROP FUNCTION app_auth_session_user(uuid);
