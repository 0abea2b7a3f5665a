-- The studio server's privileged doorway: for this transaction only, become the NOLOGIN
-- role studio_auth, which may execute the studio.* account/session/share functions and
-- nothing else (see migration 0010).
SELECT set_config('role', 'studio_auth', true);
