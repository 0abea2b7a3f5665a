-- Tests only: one node as stored. $1 id.
SELECT id, user_id, name, max_parallel, claim_code FROM public.nodes WHERE id = $1;
