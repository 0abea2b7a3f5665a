-- Run as the signed-in user; RLS limits the delete to their own links. $1 job id.
DELETE FROM public.share_links WHERE job_id = $1;
