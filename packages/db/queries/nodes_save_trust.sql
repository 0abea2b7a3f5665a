-- The sentinel writes the trust records it changed, all in one statement. A record is
-- written only over the epoch it was read at: after the owner's re-link (a newer epoch) the
-- sentinel's old memory of the node must not come back. Quarantine sets the status and the
-- reason together (nodes_quarantine_has_reason) and keeps the first quarantined_at. The rows
-- are locked in public-key order first, as every multi-node write does (nodes_add_contributions).
-- $1 public keys, $2 agreements, $3 checks, $4 disagreements, $5 refusals, $6 rates,
-- $7 quarantine reasons (NULL = not quarantined), $8 epochs
WITH locked AS MATERIALIZED (
  SELECT id FROM public.nodes WHERE public_key = ANY ($1::text[]) ORDER BY public_key FOR UPDATE
)
UPDATE public.nodes n
SET trust_agreements = t.agreements,
  trust_checks = t.checks,
  trust_disagreements = t.disagreements,
  trust_refusals = t.refusals,
  verification_rate = t.rate,
  quarantine_reason = COALESCE(t.reason, n.quarantine_reason),
  status = CASE WHEN t.reason IS NOT NULL THEN 'quarantined' ELSE n.status END,
  quarantined_at = CASE WHEN t.reason IS NOT NULL THEN COALESCE(n.quarantined_at, now()) ELSE n.quarantined_at END
FROM locked, unnest($1::text[], $2::bigint[], $3::bigint[], $4::integer[], $5::integer[], $6::real[], $7::text[], $8::integer[])
  AS t(public_key, agreements, checks, disagreements, refusals, rate, reason, epoch)
WHERE n.id = locked.id AND n.public_key = t.public_key AND n.trust_epoch = t.epoch
RETURNING n.public_key;
