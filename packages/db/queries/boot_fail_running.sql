-- At sentinel boot: every job still running belonged to a runtime that died with the last
-- process, so it is failed as restart_dropped. Returns the ids so each can be logged.
UPDATE public.jobs
SET status = 'failed',
  meta = meta || jsonb_build_object('reason', 'restart_dropped')
WHERE status = 'running'
RETURNING id, user_id;
