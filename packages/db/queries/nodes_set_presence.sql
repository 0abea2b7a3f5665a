-- The presence cron writes the table to match who is really connected, both ways:
-- called with the keys to mark online (and the time they were seen) or offline (NULL time
-- keeps last_seen_at). Returns the rows it wrote. A quarantined node stays quarantined
-- whether or not it is connected.
-- $1 public keys (text[]), $2 'online' | 'offline', $3 seen at (timestamptz) or NULL
UPDATE public.nodes
SET status = $2::text,
  last_seen_at = COALESCE($3::timestamptz, last_seen_at)
WHERE public_key = ANY ($1::text[]) AND status <> 'quarantined'
RETURNING public_key, status, last_seen_at;
