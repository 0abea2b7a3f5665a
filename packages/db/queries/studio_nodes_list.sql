-- Run as the signed-in user: RLS (nodes_select_own) limits rows to the user's own nodes. The
-- trust columns (migration 0020) are the sentinel's record of this node's checked results;
-- the owner reads them here and never writes them.
SELECT id, public_key, name, status, total_cores, max_parallel, platform, version,
  last_seen_at, created_at, iterations_total, chunks_total,
  trust_checks, trust_agreements, trust_disagreements, trust_refusals, verification_rate,
  quarantine_reason, quarantined_at
FROM public.nodes
WHERE user_id = auth.uid()
ORDER BY created_at;
