-- The studio's own state: password accounts, sessions and the narrow privileged doorway the
-- studio server uses before it knows who the user is.
--
-- Everything a signed-in user reads or writes goes through row-level security as role
-- `authenticated` (asUser). Only four things cannot: creating an account, reading the
-- password hash to sign in, resolving a session cookie to a user, and reading a shared
-- result without signing in. Each is a SECURITY DEFINER function in schema `studio`, which
-- PostgREST does not expose on Supabase, executable only by the NOLOGIN role `studio_auth`
-- that the studio server switches to for exactly those calls. `studio_auth` owns no table
-- privileges at all, so the doorway is exactly as wide as these functions.

CREATE SCHEMA IF NOT EXISTS studio;
REVOKE ALL ON SCHEMA studio FROM PUBLIC;

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'studio_auth') THEN
    CREATE ROLE studio_auth NOLOGIN NOINHERIT;
  END IF;
  -- A superuser may SET ROLE to anything; any other owner (Supabase's `postgres`) must be a
  -- member of the role to switch to it.
  IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    EXECUTE format('GRANT studio_auth TO %I', current_user);
  END IF;
END
$$;

GRANT USAGE ON SCHEMA studio TO studio_auth;

-- A session is the SHA-256 of its cookie token, never the token itself.
CREATE TABLE IF NOT EXISTS studio.sessions (
  token_hash bytea PRIMARY KEY CHECK (octet_length(token_hash) = 32),
  user_id uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS sessions_user_id_idx ON studio.sessions (user_id);
-- No policies: no role but the functions' owner ever touches rows here.
ALTER TABLE studio.sessions ENABLE ROW LEVEL SECURITY;

-- Returns the new user's id, or NULL when the email is taken (the caller maps that to a
-- stable error code instead of matching a unique-violation message).
CREATE OR REPLACE FUNCTION studio.create_account(p_email text, p_password_hash text)
RETURNS uuid
LANGUAGE sql
SECURITY DEFINER
SET search_path = ''
AS $$
  INSERT INTO auth.users (id, email, encrypted_password, created_at)
  VALUES (gen_random_uuid(), lower(p_email), p_password_hash, now())
  ON CONFLICT (email) DO NOTHING
  RETURNING id;
$$;

CREATE OR REPLACE FUNCTION studio.password_hash_for(p_email text)
RETURNS TABLE (user_id uuid, encrypted_password text)
LANGUAGE sql
STABLE
SECURITY DEFINER
SET search_path = ''
AS $$
  SELECT u.id, u.encrypted_password FROM auth.users u WHERE u.email = lower(p_email);
$$;

CREATE OR REPLACE FUNCTION studio.open_session(p_token_hash bytea, p_user_id uuid, p_expires_at timestamptz)
RETURNS void
LANGUAGE sql
SECURITY DEFINER
SET search_path = ''
AS $$
  INSERT INTO studio.sessions (token_hash, user_id, expires_at) VALUES (p_token_hash, p_user_id, p_expires_at);
$$;

-- The clock is the caller's (injected in the server), so tests can expire sessions.
CREATE OR REPLACE FUNCTION studio.session_user(p_token_hash bytea, p_now timestamptz)
RETURNS TABLE (user_id uuid, email text)
LANGUAGE sql
STABLE
SECURITY DEFINER
SET search_path = ''
AS $$
  SELECT u.id, u.email
  FROM studio.sessions s
  JOIN auth.users u ON u.id = s.user_id
  WHERE s.token_hash = p_token_hash AND s.expires_at > p_now;
$$;

CREATE OR REPLACE FUNCTION studio.close_session(p_token_hash bytea)
RETURNS void
LANGUAGE sql
SECURITY DEFINER
SET search_path = ''
AS $$
  DELETE FROM studio.sessions WHERE token_hash = p_token_hash;
$$;

-- Functions are executable by PUBLIC unless revoked; these are for studio_auth alone.
REVOKE ALL ON FUNCTION studio.create_account(text, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION studio.password_hash_for(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION studio.open_session(bytea, uuid, timestamptz) FROM PUBLIC;
REVOKE ALL ON FUNCTION studio.session_user(bytea, timestamptz) FROM PUBLIC;
REVOKE ALL ON FUNCTION studio.close_session(bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION studio.create_account(text, text) TO studio_auth;
GRANT EXECUTE ON FUNCTION studio.password_hash_for(text) TO studio_auth;
GRANT EXECUTE ON FUNCTION studio.open_session(bytea, uuid, timestamptz) TO studio_auth;
GRANT EXECUTE ON FUNCTION studio.session_user(bytea, timestamptz) TO studio_auth;
GRANT EXECUTE ON FUNCTION studio.close_session(bytea) TO studio_auth;
