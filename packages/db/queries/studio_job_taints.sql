-- Run as the signed-in user: the marks on one of their completed jobs, one per node later
-- quarantined that alone computed some of its chunks. RLS (job_taints_select_own) already
-- hides other users' jobs; the join says so for the reader. $1 job id.
SELECT t.node_public_key, t.unverified_chunks, t.reason, t.created_at
FROM public.job_taints t
JOIN public.jobs j ON j.id = t.job_id
WHERE t.job_id = $1 AND j.user_id = auth.uid()
ORDER BY t.created_at, t.node_public_key;
