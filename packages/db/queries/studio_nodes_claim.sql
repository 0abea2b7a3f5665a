-- Run as the signed-in user. Raises P0002 for an unknown or already used code. $1 claim code.
SELECT id FROM public.claim_node($1);
