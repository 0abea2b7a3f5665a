-- Test fixtures only: a user as Supabase Auth (or the studio's sign-up) would create it.
-- $1 email
INSERT INTO auth.users (email) VALUES ($1) RETURNING id;
