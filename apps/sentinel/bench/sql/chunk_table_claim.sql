-- claim_batch on a chunk table: up to $2 pending chunks for node $1, skipping rows other
-- claims hold locks on. $1 node key, $2 max chunks
UPDATE bench_chunks c
SET status = 'claimed', node_key = $1, attempt = c.attempt + 1, lease_expires_at = now() + interval '30 seconds'
FROM (
  SELECT job_id, chunk_index
  FROM bench_chunks
  WHERE status = 'pending'
  ORDER BY job_id, chunk_index
  LIMIT $2
  FOR UPDATE SKIP LOCKED
) p
WHERE c.job_id = p.job_id AND c.chunk_index = p.chunk_index
RETURNING c.job_id, c.chunk_index, c.attempt;
