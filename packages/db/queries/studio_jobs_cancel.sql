-- Run as the signed-in user. False when the job is not theirs or not pending/running. $1 job id.
SELECT public.cancel_job($1) AS cancelled;
