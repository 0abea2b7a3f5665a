-- Run as the signed-in user. RLS already limits rows to the user's own; the explicit filter
-- states the intent and uses the user_id index. Only the head of the profile travels (the
-- list shows the character name), never the results.
SELECT
  j.id,
  j.status,
  j.created_at,
  j.updated_at,
  j.meta,
  j.sentinel_config,
  left(j.sim_config ->> 'profile', 400) AS profile_head
FROM public.jobs j
WHERE j.user_id = auth.uid()
ORDER BY j.created_at DESC
LIMIT $1;
