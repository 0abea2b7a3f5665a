-- Run as the node's future owner (asUser): links the unlinked node holding claim code $1 to
-- auth.uid() through the SECURITY DEFINER function, which raises P0002 for an unknown or
-- already used code.
SELECT n.id, n.name, n.public_key FROM public.claim_node($1) n;
