-- A node announces itself. A new key is inserted unlinked with its claim code; a known key
-- updates what it reports about itself and keeps its owner and counters. A linked node
-- needs no claim code, so it gets none.
-- $1 public_key, $2 name, $3 total_cores, $4 max_parallel, $5 platform, $6 version, $7 claim_code
INSERT INTO public.nodes AS n (public_key, name, total_cores, max_parallel, platform, version, claim_code)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (public_key) DO UPDATE
SET name = EXCLUDED.name,
  total_cores = EXCLUDED.total_cores,
  max_parallel = EXCLUDED.max_parallel,
  platform = EXCLUDED.platform,
  version = EXCLUDED.version,
  claim_code = CASE WHEN n.user_id IS NULL THEN EXCLUDED.claim_code END
RETURNING n.id, n.public_key, n.user_id, n.name, n.total_cores, n.max_parallel, n.platform, n.version,
  n.status, n.claim_code, n.created_at, n.trust_agreements, n.trust_checks, n.trust_disagreements,
  n.trust_refusals, n.trust_epoch, n.quarantine_reason;
