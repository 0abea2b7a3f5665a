-- pending -> running, when the scheduler has built the job's JobRuntime.
-- Guarded on pending: no row back means it changed nothing (already running, finished or gone).
-- $1 job id
UPDATE public.jobs
SET status = 'running'
WHERE id = $1 AND status = 'pending'
RETURNING id, user_id, status, sim_config, sentinel_config, meta, created_at;
