-- Tests only: unlinked nodes with the given public keys. $1 public keys (text[]).
INSERT INTO public.nodes (public_key, name, total_cores, max_parallel)
SELECT key, 'node', 4, 4 FROM unnest($1::text[]) AS key
RETURNING public_key;
