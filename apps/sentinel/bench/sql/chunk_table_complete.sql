-- complete on a chunk table: only the holder of the current attempt; stores the partial.
-- $1 job id, $2 chunk index, $3 node key, $4 attempt, $5 partial bytes
UPDATE bench_chunks
SET status = 'done', partial = $5
WHERE job_id = $1 AND chunk_index = $2 AND node_key = $3 AND attempt = $4 AND status = 'claimed';
