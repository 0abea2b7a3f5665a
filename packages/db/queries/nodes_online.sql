-- Nodes the table says are online, with the owner's Discord id when they linked one.
SELECT n.id, n.public_key, n.user_id, n.name, n.total_cores, n.max_parallel, n.platform, n.version,
  n.status, n.last_seen_at, d.provider_id AS discord_id
FROM public.nodes n
LEFT JOIN LATERAL (
  SELECT i.provider_id
  FROM auth.identities i
  WHERE i.user_id = n.user_id AND i.provider = 'discord'
  ORDER BY i.created_at
  LIMIT 1
) d ON true
WHERE n.status = 'online'
ORDER BY n.public_key;
