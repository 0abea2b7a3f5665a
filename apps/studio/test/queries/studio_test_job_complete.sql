-- Tests only: a job finished as the sentinel's finalize would leave it (run details in meta).
-- $1 id, $2 result_pb, $3 timeline_pb.
UPDATE public.jobs
SET
  status = 'completed',
  result_pb = $2,
  timeline_pb = $3,
  meta = meta || '{"iterations": 10, "chunks": 2, "wallTimeMs": 1234, "nodes": [{"publicKey": "bob-node-key", "chunks": 2, "iterations": 10}]}'::jsonb
WHERE id = $1;
