-- Bumps a node's contribution counters when a job it worked on is finalized.
-- $1 public_key, $2 iterations, $3 chunks
UPDATE public.nodes
SET iterations_total = iterations_total + $2::bigint,
  chunks_total = chunks_total + $3::bigint
WHERE public_key = $1
RETURNING public_key, iterations_total, chunks_total;
