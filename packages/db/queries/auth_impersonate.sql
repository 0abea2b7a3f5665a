-- What Supabase's PostgREST does per request: switch to the request's role for this
-- transaction only and expose the JWT claims that auth.uid() reads.
-- $1 role, $2 claims as JSON text, $3 the subject (user id, or '' for anon).
SELECT
  set_config('role', $1, true),
  set_config('request.jwt.claims', $2, true),
  set_config('request.jwt.claim.sub', $3, true);
