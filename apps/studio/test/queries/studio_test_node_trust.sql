-- Tests only: one node's status and trust record as stored. $1 id.
SELECT id, user_id, status, quarantine_reason, quarantined_at, trust_checks, trust_agreements,
  trust_disagreements, trust_refusals, verification_rate, trust_epoch
FROM public.nodes
WHERE id = $1;
