-- Run as the node's owner (asUser): takes back one of their quarantined nodes through the
-- SECURITY DEFINER function, which raises P0002 when the user has no quarantined node with
-- id $1. The node starts over as a new one (every result checked).
SELECT n.id, n.name, n.public_key FROM public.relink_node($1::uuid) n;
