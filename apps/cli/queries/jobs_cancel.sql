-- Run as the job's owner (asUser): fails a pending/running job with meta.reason = 'cancelled'
-- and tells the sentinel to drop it. $1 job id.
SELECT public.cancel_job($1) AS cancelled;
