-- running -> completed: finalize_job's single write. meta is merged into what the row has;
-- timeline_pb is only overwritten when a new one is given.
-- Guarded on running: no row back means it changed nothing.
-- $1 job id, $2 meta (jsonb object), $3 result_pb, $4 timeline_pb or NULL
UPDATE public.jobs
SET status = 'completed',
  meta = meta || $2::jsonb,
  result_pb = $3::bytea,
  timeline_pb = COALESCE($4::bytea, timeline_pb)
WHERE id = $1 AND status = 'running'
RETURNING id, user_id, status;
