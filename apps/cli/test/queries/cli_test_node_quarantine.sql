-- Tests only: the sentinel caught node $1 returning false results. $2 reason.
UPDATE public.nodes
SET status = 'quarantined', quarantine_reason = $2, quarantined_at = now(), trust_disagreements = 1
WHERE id = $1;
