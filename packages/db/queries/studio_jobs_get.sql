-- Run as the signed-in user: another user's job id returns no row. $1 job id.
SELECT
  j.id,
  j.status,
  j.created_at,
  j.updated_at,
  j.meta,
  j.sim_config,
  j.sentinel_config,
  j.result_pb,
  j.timeline_pb,
  s.token AS share_token
FROM public.jobs j
LEFT JOIN public.share_links s ON s.job_id = j.id
WHERE j.id = $1 AND j.user_id = auth.uid();
