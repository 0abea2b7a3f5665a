-- Tests only: a job finished as the sentinel's finalize would leave it (run details in meta).
-- $1 id, $2 result_pb, $3 timeline_pb, $4 meta.nodes (jsonb: [{publicKey, chunks, iterations}]).
UPDATE public.jobs
SET
  status = 'completed',
  result_pb = $2,
  timeline_pb = $3,
  meta = meta || jsonb_build_object('iterations', 10, 'chunks', 2, 'wallTimeMs', 1234, 'nodes', $4::jsonb)
WHERE id = $1;
