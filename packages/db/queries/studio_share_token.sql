-- Run as the signed-in user. $1 job id.
SELECT token FROM public.share_links WHERE job_id = $1;
