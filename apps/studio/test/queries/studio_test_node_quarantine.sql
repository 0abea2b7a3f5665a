-- Tests only: a node caught lying, as the sentinel's trust writer leaves it: quarantined with a
-- reason and time, one disagreement on a record of checks. $1 id, $2 reason.
UPDATE public.nodes
SET status = 'quarantined', quarantine_reason = $2, quarantined_at = now(), trust_checks = 12,
  trust_agreements = 11, trust_disagreements = 1, verification_rate = 1
WHERE id = $1
RETURNING id;
