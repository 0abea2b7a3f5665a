-- Run as the signed-in user: RLS (nodes_select_own) limits rows to the user's own nodes.
SELECT id, public_key, name, status, total_cores, max_parallel, platform, version,
  last_seen_at, created_at, iterations_total, chunks_total
FROM public.nodes
WHERE user_id = auth.uid()
ORDER BY created_at;
