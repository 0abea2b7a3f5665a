-- Run as the signed-in user: the names of those of the given nodes (public keys) that are the
-- user's own. RLS (nodes_select_own) hides everyone else's, so a report names only your nodes.
SELECT public_key, name
FROM public.nodes
WHERE user_id = auth.uid() AND public_key = ANY($1::text[]);
