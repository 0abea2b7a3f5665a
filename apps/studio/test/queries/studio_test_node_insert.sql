-- Tests only: a registered node as the sentinel would write it. $1 public key, $2 owner (NULL
-- while unlinked), $3 claim code, $4 name.
INSERT INTO public.nodes (public_key, user_id, claim_code, name, total_cores, max_parallel, platform, version)
VALUES ($1, $2, $3, $4, 4, 4, 'linux-x64', '0.1.0')
RETURNING id;
