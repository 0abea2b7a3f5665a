-- $1 public_key
SELECT id, public_key, user_id, name, total_cores, max_parallel, platform, version, status, claim_code,
  iterations_total, chunks_total, last_seen_at, created_at, trust_agreements, trust_checks,
  trust_disagreements, trust_refusals, trust_epoch, quarantine_reason
FROM public.nodes
WHERE public_key = $1;
