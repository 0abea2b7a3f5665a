-- $1 public_key
SELECT id, public_key, user_id, name, total_cores, max_parallel, platform, version, status, claim_code,
  iterations_total, chunks_total, last_seen_at, created_at
FROM public.nodes
WHERE public_key = $1;
