-- Tests only: the verification counts the sentinel's finalize writes into a completed job's
-- meta (docs/sentinel.md, "Verification"). $1 job id, $2 meta.verification (json).
UPDATE public.jobs
SET meta = meta || jsonb_build_object('verification', $2::jsonb)
WHERE id = $1;
