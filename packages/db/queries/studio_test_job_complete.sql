-- Tests only: a job finished as the sentinel's finalize would leave it. $1 id, $2 result_pb, $3 timeline_pb.
UPDATE public.jobs
SET status = 'completed', result_pb = $2, timeline_pb = $3, meta = meta || '{"iterations": 10}'::jsonb
WHERE id = $1;
