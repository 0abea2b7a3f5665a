-- pending|running -> failed, with the reason (and optional details) merged into meta.
-- No row back means the job had already finished.
-- $1 job id, $2 reason (stable code), $3 extra meta (jsonb object) or NULL
UPDATE public.jobs
SET status = 'failed',
  meta = meta || COALESCE($3::jsonb, '{}'::jsonb) || jsonb_build_object('reason', $2::text)
WHERE id = $1 AND status IN ('pending', 'running')
RETURNING id, user_id, status, meta;
