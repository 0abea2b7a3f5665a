-- The sweep for jobs whose pending_job notification was missed (boot, reconnect, timer).
SELECT id, user_id, created_at
FROM public.jobs
WHERE status = 'pending'
ORDER BY created_at, id;
