-- Bumps the contribution counters of the nodes that worked on a job, in the transaction that
-- finalizes it. Every statement that writes several nodes (this one, nodes_save_trust,
-- nodes_set_presence) first locks them in public-key order, so concurrent writers never wait
-- on each other in a cycle: a deadlock, which Postgres breaks by failing one of them.
-- $1 public keys (text[], each once: a repeated key would be counted once), $2 iterations
-- (bigint[]), $3 chunks (bigint[])
WITH locked AS MATERIALIZED (
  SELECT id FROM public.nodes WHERE public_key = ANY ($1::text[]) ORDER BY public_key FOR UPDATE
)
UPDATE public.nodes n
SET iterations_total = n.iterations_total + t.iterations,
  chunks_total = n.chunks_total + t.chunks
FROM locked, unnest($1::text[], $2::bigint[], $3::bigint[]) AS t(public_key, iterations, chunks)
WHERE n.id = locked.id AND n.public_key = t.public_key
RETURNING n.public_key, n.iterations_total, n.chunks_total;
