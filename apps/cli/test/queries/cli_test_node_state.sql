-- Tests only: one node's owner, status and trust record as stored. $1 id.
SELECT user_id, status, quarantine_reason, trust_agreements, verification_rate, trust_epoch
FROM public.nodes
WHERE id = $1;
