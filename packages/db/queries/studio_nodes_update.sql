-- Run as the signed-in user: nodes_update_own limits it to their nodes and the column
-- grants to name and max_parallel. NULL keeps a field. $1 node id, $2 name, $3 max_parallel.
UPDATE public.nodes
SET name = coalesce($2, name), max_parallel = coalesce($3, max_parallel)
WHERE id = $1 AND user_id = auth.uid()
RETURNING id;
