-- One job as the scheduler needs it to build a JobRuntime (the protobuf columns are left out).
-- $1 job id
SELECT id, user_id, status, sim_config, sentinel_config, meta, created_at, updated_at
FROM public.jobs
WHERE id = $1;
