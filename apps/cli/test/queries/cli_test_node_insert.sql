-- Tests only: a node registered and linked to $2, as the sentinel and claim_node would leave
-- it. $1 public key, $2 owner, $3 name.
INSERT INTO public.nodes (public_key, user_id, name, total_cores, max_parallel, platform, version)
VALUES ($1, $2, $3, 2, 2, 'linux-x64', '0.1.0')
RETURNING id;
