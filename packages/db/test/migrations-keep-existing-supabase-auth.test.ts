import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asUser, type Database, migrate } from '../src/index.ts';
import { DRIVERS, freshEmptyDatabase } from '../src/testing/index.ts';

// On Supabase the auth schema, its tables and auth.uid() exist before our migrations run
// and belong to Supabase Auth. This fakes that world on an empty database and checks that
// 0001 creates only what is absent and that everything still works on top of it.
const SUPABASE_LIKE_AUTH = `
  CREATE SCHEMA auth;
  CREATE TABLE auth.users (
    instance_id uuid, id uuid PRIMARY KEY, aud varchar(255), email varchar(255),
    encrypted_password varchar(255), created_at timestamptz DEFAULT now()
  );
  CREATE TABLE auth.identities (
    provider_id text NOT NULL, user_id uuid NOT NULL REFERENCES auth.users (id), identity_data jsonb NOT NULL,
    provider text NOT NULL, created_at timestamptz DEFAULT now(), id uuid PRIMARY KEY DEFAULT gen_random_uuid()
  );
  CREATE FUNCTION auth.uid() RETURNS uuid LANGUAGE sql STABLE AS $$
    SELECT coalesce(nullif(current_setting('request.jwt.claim.sub', true), ''),
      (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub'))::uuid
  $$;
  COMMENT ON FUNCTION auth.uid() IS 'supabase';
`;

for (const kind of DRIVERS) {
  describe(`migrations on a Supabase-like database [${kind}]`, () => {
    let db: Database | undefined;
    beforeAll(async () => {
      db = await freshEmptyDatabase(kind);
      await db.exec(SUPABASE_LIKE_AUTH);
    });
    afterAll(async () => {
      await db?.close();
    });

    it('leave the existing auth tables and auth.uid() alone and still apply', async () => {
      const applied = await migrate(db!);
      expect(applied).toContain('0001_roles_auth_game.sql');
      expect(applied).toContain('0002_jobs_nodes.sql');
      const comment = await db!.query<{ c: string }>(
        "SELECT obj_description('auth.uid()'::regprocedure) AS c",
      );
      expect(comment.rows[0]?.c).toBe('supabase');
      const aud = await db!.query(
        "SELECT 1 FROM information_schema.columns WHERE table_schema = 'auth' AND table_name = 'users' AND column_name = 'aud'",
      );
      expect(aud.rowCount).toBe(1);
    });

    it('run RLS against Supabase auth as against our own', async () => {
      const { rows } = await db!.query<{ id: string }>(
        "INSERT INTO auth.users (id, aud, email) VALUES (gen_random_uuid(), 'authenticated', 'a@example.test') RETURNING id",
      );
      const userId = rows[0]!.id;
      const inserted = await asUser(db!, userId, (tx) =>
        tx.query<{ user_id: string }>(
          "INSERT INTO public.jobs (sim_config, sentinel_config) VALUES ('{}', '{}') RETURNING user_id",
        ),
      );
      expect(inserted.rows[0]?.user_id).toBe(userId);
    });
  });
}
