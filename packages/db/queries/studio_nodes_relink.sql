-- Run as the signed-in user: takes back one of the user's quarantined nodes, which starts
-- over as a new node (every result checked). Raises P0002 when the user has no quarantined
-- node with this id. $1 node id.
SELECT id, status FROM public.relink_node($1::uuid);
