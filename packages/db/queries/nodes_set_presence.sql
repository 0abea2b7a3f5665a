-- The presence cron writes the table to match who is really connected, both ways:
-- called with the keys to mark online (and the time they were seen) or offline (NULL time
-- keeps last_seen_at). Returns the rows it wrote. A quarantined node stays quarantined
-- whether or not it is connected. The rows are locked in public-key order first, as every
-- multi-node write does (nodes_add_contributions).
-- $1 public keys (text[]), $2 'online' | 'offline', $3 seen at (timestamptz) or NULL
WITH locked AS MATERIALIZED (
  SELECT id FROM public.nodes WHERE public_key = ANY ($1::text[]) ORDER BY public_key FOR UPDATE
)
UPDATE public.nodes n
SET status = $2::text,
  last_seen_at = COALESCE($3::timestamptz, n.last_seen_at)
FROM locked
WHERE n.id = locked.id AND n.status <> 'quarantined'
RETURNING n.public_key, n.status, n.last_seen_at;
