-- Run as the signed-in user; the insert policy refuses a job that is not theirs.
-- $1 job id, $2 a fresh token (kept only when the job had no link yet).
INSERT INTO public.share_links (job_id, token) VALUES ($1, $2)
ON CONFLICT (job_id) DO NOTHING;
