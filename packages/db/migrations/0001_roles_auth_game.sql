-- Roles, the auth schema and the game schema, modelled on Supabase so that the same
-- migrations run there (where roles, auth.users, auth.identities and auth.uid() already
-- exist and are left alone) and on a plain Postgres or PGlite (where minimal versions are made).

-- Roles are cluster-wide: another database of the same cluster may have made them already,
-- possibly concurrently, so creation tolerates losing that race.
DO $$
DECLARE
  role_name text;
BEGIN
  FOREACH role_name IN ARRAY ARRAY['anon', 'authenticated', 'service_role'] LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = role_name) THEN
      BEGIN
        EXECUTE format('CREATE ROLE %I NOLOGIN NOINHERIT', role_name);
      EXCEPTION WHEN duplicate_object OR unique_violation THEN
        NULL;
      END;
    END IF;
  END LOOP;
END
$$;

-- Supabase's service_role bypasses row-level security; ours does too where we may say so.
DO $$
BEGIN
  IF NOT (SELECT rolbypassrls FROM pg_roles WHERE rolname = 'service_role') THEN
    ALTER ROLE service_role BYPASSRLS;
  END IF;
EXCEPTION WHEN insufficient_privilege THEN
  NULL;
END
$$;

-- asUser switches to these roles: a superuser may SET ROLE to anything, any other owner
-- (Supabase's `postgres` already is one) must be a member.
DO $$
BEGIN
  IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
     AND NOT pg_has_role(current_user, 'authenticated', 'MEMBER') THEN
    EXECUTE format('GRANT anon, authenticated, service_role TO %I', current_user);
  END IF;
END
$$;

CREATE SCHEMA IF NOT EXISTS auth;
GRANT USAGE ON SCHEMA auth TO anon, authenticated, service_role;

CREATE TABLE IF NOT EXISTS auth.users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text UNIQUE,
  encrypted_password text,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- provider_id is the account id at the provider: the Discord user id when provider = 'discord'.
CREATE TABLE IF NOT EXISTS auth.identities (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
  provider text NOT NULL,
  provider_id text NOT NULL,
  identity_data jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (provider, provider_id)
);

-- Supabase's definition: the subject of the request's JWT, from either setting PostgREST uses.
DO $$
BEGIN
  IF to_regprocedure('auth.uid()') IS NULL THEN
    EXECUTE $fn$
      CREATE FUNCTION auth.uid() RETURNS uuid
      LANGUAGE sql STABLE
      AS $body$
        SELECT coalesce(
          nullif(current_setting('request.jwt.claim.sub', true), ''),
          nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub'
        )::uuid
      $body$
    $fn$;
  END IF;
END
$$;
GRANT EXECUTE ON FUNCTION auth.uid() TO anon, authenticated, service_role;

-- The game schema: reference data that everyone reads and only its owner (the importer)
-- writes. Default privileges cover the tables later migrations create, by whichever
-- migration adds them, because the migrator runs as this same owner.
CREATE SCHEMA IF NOT EXISTS game;
REVOKE ALL ON SCHEMA game FROM PUBLIC;
GRANT USAGE ON SCHEMA game TO anon, authenticated, service_role;
GRANT SELECT ON ALL TABLES IN SCHEMA game TO anon, authenticated, service_role;
ALTER DEFAULT PRIVILEGES IN SCHEMA game GRANT SELECT ON TABLES TO anon, authenticated, service_role;
ALTER DEFAULT PRIVILEGES IN SCHEMA game REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
